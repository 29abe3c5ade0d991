import Foundation

/// Why a repository refused an operation.
public enum ScheduleRepositoryError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    case duplicateJob(String)
    case unknownJob(String)
    /// The slot was already recorded: runs are unique per (job, nominal time).
    case duplicateRun(RunKey)
    case unknownRun(RunKey)
    /// `finish` was called with `.running`.
    case notAFinalStatus(RunStatus)

    public var description: String {
        switch self {
        case .duplicateJob(let name): return "schedule: job \"\(name)\" already exists"
        case .unknownJob(let name): return "schedule: no job named \"\(name)\""
        case .duplicateRun(let key): return "schedule: run \(key) is already recorded"
        case .unknownRun(let key): return "schedule: no recorded run \(key)"
        case .notAFinalStatus(let status): return "schedule: \"\(status.rawValue)\" is not a final run status"
        }
    }

    public var errorDescription: String? { description }
}

/// Storage of jobs and their run history; the daemon, `run-due` and the CLI talk only to this.
/// Implementations must reject a second record for the same (job, nominal) with `.duplicateRun`.
public protocol ScheduleRepository: AnyObject {
    /// All jobs, sorted by name.
    func jobs() throws -> [Job]
    /// The job called `name`, or nil.
    func job(named name: String) throws -> Job?
    /// Adds a new job; `.duplicateJob` if the name is taken.
    func add(_ job: Job) throws
    /// Replaces the job with the same name; `.unknownJob` if there is none.
    func update(_ job: Job) throws
    /// Deletes a job (its history stays); `.unknownJob` if there is none.
    func removeJob(named name: String) throws
    /// Records a run or skipped slot; `.duplicateRun` if (job, nominal) is already recorded.
    func record(_ run: RunRecord) throws
    /// Completes a recorded run with its final status and paths.
    func finish(_ key: RunKey, ended: Date, status: RunStatus, message: String?,
                outputPath: String?, logPath: String?) throws
    /// Whether (job, nominal) was recorded, whatever its status.
    func hasRun(_ key: RunKey) throws -> Bool
    /// The latest nominal time recorded for the job, or nil if it never ran.
    func latestNominal(job: String) throws -> Date?
    /// Recorded runs, newest nominal first; `job` nil = all jobs, `limit` nil = everything.
    func history(job: String?, limit: Int?) throws -> [RunRecord]
    /// Runs of `job` currently in status `.running`, oldest first.
    func runningRuns(job: String) throws -> [RunRecord]
}

/// A thread-safe, process-local `ScheduleRepository` for tests and dry runs.
public final class InMemoryScheduleRepository: ScheduleRepository, @unchecked Sendable {
    private let lock = NSLock()
    private var jobsByName: [String: Job] = [:]
    private var runs: [RunKey: RunRecord] = [:]

    public init(jobs: [Job] = [], runs: [RunRecord] = []) {
        for job in jobs { jobsByName[job.name] = job }
        for run in runs { self.runs[run.key] = run }
    }

    public func jobs() throws -> [Job] {
        lock.withLock { jobsByName.values.sorted { $0.name < $1.name } }
    }

    public func job(named name: String) throws -> Job? { lock.withLock { jobsByName[name] } }

    public func add(_ job: Job) throws {
        try lock.withLock {
            guard jobsByName[job.name] == nil else { throw ScheduleRepositoryError.duplicateJob(job.name) }
            jobsByName[job.name] = job
        }
    }

    public func update(_ job: Job) throws {
        try lock.withLock {
            guard jobsByName[job.name] != nil else { throw ScheduleRepositoryError.unknownJob(job.name) }
            jobsByName[job.name] = job
        }
    }

    public func removeJob(named name: String) throws {
        try lock.withLock {
            guard jobsByName.removeValue(forKey: name) != nil else { throw ScheduleRepositoryError.unknownJob(name) }
        }
    }

    public func record(_ run: RunRecord) throws {
        try lock.withLock {
            guard runs[run.key] == nil else { throw ScheduleRepositoryError.duplicateRun(run.key) }
            runs[run.key] = run
        }
    }

    public func finish(_ key: RunKey, ended: Date, status: RunStatus, message: String?,
                       outputPath: String?, logPath: String?) throws {
        guard status != .running else { throw ScheduleRepositoryError.notAFinalStatus(status) }
        try lock.withLock {
            guard var run = runs[key] else { throw ScheduleRepositoryError.unknownRun(key) }
            run.ended = ended
            run.status = status
            run.message = message
            run.outputPath = outputPath ?? run.outputPath
            run.logPath = logPath ?? run.logPath
            runs[key] = run
        }
    }

    public func hasRun(_ key: RunKey) throws -> Bool { lock.withLock { runs[key] != nil } }

    public func latestNominal(job: String) throws -> Date? {
        lock.withLock { runs.values.filter { $0.job == job }.map(\.nominal).max() }
    }

    public func history(job: String?, limit: Int?) throws -> [RunRecord] {
        let all = lock.withLock { runs.values.filter { job == nil || $0.job == job } }
        let sorted = all.sorted { ($0.nominal, $0.job) > ($1.nominal, $1.job) }
        return limit.map { Array(sorted.prefix(max($0, 0))) } ?? sorted
    }

    public func runningRuns(job: String) throws -> [RunRecord] {
        lock.withLock { runs.values.filter { $0.job == job && $0.status == .running }.sorted { $0.started < $1.started } }
    }
}
