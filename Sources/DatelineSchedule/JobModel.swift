import Foundation

/// Outcome of one scheduled run; raw values are what is stored and printed.
public enum RunStatus: String, CaseIterable, Codable, Sendable {
    case ok
    case scriptError = "script-error"
    case timeout
    case killed
    case skippedOverlap = "skipped-overlap"
    case running

    /// True for runs that finished badly (they count as failures for `on-failure` and pruning).
    public var isFailure: Bool { self == .scriptError || self == .timeout || self == .killed }
}

/// What the cron minute field counts. `.second` exists only so end-to-end tests need not wait minutes
/// (the daemon enables it with the test-only environment variable `DATELINE_SCHEDULE_SECONDS=1`).
public enum CronTimeUnit: String, Hashable, Sendable {
    case minute
    case second
}

/// What to do with slots missed while the scheduler was not running.
public enum CatchUpPolicy: String, CaseIterable, Codable, Sendable {
    /// Run once, for the latest missed slot (default).
    case latest
    /// Run every missed slot, oldest first, up to `DuePlanner.maxCatchUpRuns`.
    case all
    /// Skip missed slots; only slots due now run.
    case none
}

/// What to do when a job's slot is due while a previous run of the same job is still running.
public enum OverlapPolicy: String, CaseIterable, Codable, Sendable {
    /// Do not run; record a `skipped-overlap` run for the slot (default).
    case skip
    /// Run after the current run finishes.
    case queue
    /// Stop the running one, then start.
    case replace
}

/// What a job executes.
public enum JobKind: Hashable, Sendable {
    /// A Lua analyst script with its arguments.
    case script(path: String, arguments: [String])
    /// An ingest of the dumps at `path` (file or directory).
    case ingest(path: String)
}

/// A scheduled job as stored by a `ScheduleRepository`.
public struct Job: Hashable, Sendable {
    /// Unique name; runs are keyed by (name, nominal time).
    public var name: String
    /// When it fires.
    public var cron: CronExpression
    /// Zone the cron expression is read in.
    public var timeZone: TimeZone
    /// What it runs.
    public var kind: JobKind
    /// Output format passed to the script (e.g. `md`, `html`); nil = the script's default.
    public var format: String?
    /// How many outputs/logs to keep, separately for successes and failures; nil = keep all.
    public var keep: Int?
    /// Seconds after which a run is stopped with status `timeout`; nil = no limit.
    public var timeout: TimeInterval?
    /// Behaviour when the previous run is still going.
    public var overlap: OverlapPolicy
    /// Behaviour for slots missed during downtime.
    public var catchUp: CatchUpPolicy
    /// Shell command run after a failed run; nil = none.
    public var onFailure: String?
    /// Disabled jobs are kept but never planned.
    public var enabled: Bool
    /// When the job was added: slots at or before it are never run.
    public var createdAt: Date

    /// Creates a job; defaults: system zone, no format/keep/timeout, skip overlaps, catch up latest, enabled.
    public init(name: String, cron: CronExpression, timeZone: TimeZone = .current, kind: JobKind,
                format: String? = nil, keep: Int? = nil, timeout: TimeInterval? = nil,
                overlap: OverlapPolicy = .skip, catchUp: CatchUpPolicy = .latest, onFailure: String? = nil,
                enabled: Bool = true, createdAt: Date) {
        self.name = name
        self.cron = cron
        self.timeZone = timeZone
        self.kind = kind
        self.format = format
        self.keep = keep
        self.timeout = timeout
        self.overlap = overlap
        self.catchUp = catchUp
        self.onFailure = onFailure
        self.enabled = enabled
        self.createdAt = createdAt
    }

    /// The job's cron expression bound to its zone.
    public var schedule: CronSchedule { CronSchedule(expression: cron, timeZone: timeZone) }

    /// The job's schedule with the minute field counting `unit` (`.second` only in tests).
    public func schedule(unit: CronTimeUnit) -> CronSchedule {
        CronSchedule(expression: cron, timeZone: timeZone, unit: unit)
    }
}

/// Identity of one slot of one job: (job name, nominal time to the whole second). Used for dedupe.
public struct RunKey: Hashable, Sendable, CustomStringConvertible {
    public let job: String
    /// Nominal time as whole seconds since 1970 (stores may round sub-second parts differently).
    public let nominalSecond: Int64

    public init(job: String, nominal: Date) {
        self.job = job
        nominalSecond = Int64(nominal.timeIntervalSince1970.rounded())
    }

    public var description: String { "\(job)@\(nominalSecond)" }
}

/// One run (or skipped slot) of a job, as recorded in the run history.
public struct RunRecord: Hashable, Sendable {
    public var job: String
    /// The slot's scheduled time (the dedupe key together with `job`).
    public var nominal: Date
    public var started: Date
    /// Nil while running.
    public var ended: Date?
    public var status: RunStatus
    /// One-line summary: error text, skip reason, etc.
    public var message: String?
    public var outputPath: String?
    public var logPath: String?
    /// Process id of the child running it (nil when unknown or not started); used to tell a live run
    /// from one left `running` by a crashed scheduler.
    public var pid: Int32?

    public init(job: String, nominal: Date, started: Date, ended: Date? = nil, status: RunStatus,
                message: String? = nil, outputPath: String? = nil, logPath: String? = nil, pid: Int32? = nil) {
        self.pid = pid
        self.job = job
        self.nominal = nominal
        self.started = started
        self.ended = ended
        self.status = status
        self.message = message
        self.outputPath = outputPath
        self.logPath = logPath
    }

    /// The (job, nominal) dedupe key.
    public var key: RunKey { RunKey(job: job, nominal: nominal) }
}

/// Source of the current time, injected so planning is testable without sleeping.
public protocol ScheduleClock: Sendable {
    func now() -> Date
}

/// The real clock.
public struct SystemClock: ScheduleClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that returns whatever it was last set to (for tests and dry runs).
public final class ManualClock: ScheduleClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) { current = start }

    public func now() -> Date { lock.withLock { current } }

    /// Sets the time.
    public func set(_ date: Date) { lock.withLock { current = date } }

    /// Moves the time forward by `seconds`.
    public func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}
