import Foundation

/// How a planned slot should be started, given what is running.
public enum PlannedAction: Hashable, Sendable {
    /// Start now (or, for later slots of the same job in one plan, right after the previous one).
    case start
    /// Overlap `queue`: start after the given run finishes.
    case queue(behind: RunRecord)
    /// Overlap `replace`: stop the given run, then start.
    case replace(RunRecord)
    /// Overlap `skip`: do not run; record a `skipped-overlap` run (see `PlannedRun.skippedRecord`).
    case skip(because: RunRecord)
}

/// One slot of one job that the daemon or `run-due` should act on.
public struct PlannedRun: Hashable, Sendable {
    public let job: Job
    /// The slot's scheduled time; the run is recorded under (job.name, nominal).
    public let nominal: Date
    public let action: PlannedAction
    /// True when the slot was missed (older than the grace period) and runs as catch-up.
    public let isCatchUp: Bool

    /// The dedupe key of this slot.
    public var key: RunKey { RunKey(job: job.name, nominal: nominal) }

    /// For `.skip`: the `skipped-overlap` record to store, stamped at `now`; nil for other actions.
    public func skippedRecord(at now: Date) -> RunRecord? {
        guard case .skip(let running) = action else { return nil }
        return RunRecord(job: job.name, nominal: nominal, started: now, ended: now, status: .skippedOverlap,
                         message: "previous run (nominal \(ScheduleTime.iso8601(running.nominal, in: job.timeZone))) still running")
    }
}

/// The result of planning: runs in nominal order, plus notes about slots deliberately not run.
public struct DuePlan: Hashable, Sendable {
    public var runs: [PlannedRun] = []
    /// One line per job whose missed slots were dropped or capped, e.g. for the daemon log.
    public var notes: [String] = []
}

/// Decides which slots are due, applying catch-up, overlap and dedupe rules. Pure: time comes in as
/// an argument or an injected clock; nothing sleeps or executes.
public struct DuePlanner: Sendable {
    /// A slot at most this many seconds old counts as due now rather than missed.
    public var grace: TimeInterval
    /// Cap for catch-up `all`: only the newest this many missed slots run.
    public var maxCatchUpRuns: Int
    /// What the cron minute field counts (`.second` only for end-to-end tests).
    public var unit: CronTimeUnit

    public init(grace: TimeInterval = 60, maxCatchUpRuns: Int = 100, unit: CronTimeUnit = .minute) {
        self.grace = grace
        self.maxCatchUpRuns = max(maxCatchUpRuns, 1)
        self.unit = unit
    }

    /// Plans at `clock.now()`; see `planDue(jobs:repository:now:pending:)`.
    public func planDue(jobs: [Job], repository: ScheduleRepository, clock: ScheduleClock,
                        pending: Set<RunKey> = []) throws -> DuePlan {
        try planDue(jobs: jobs, repository: repository, now: clock.now(), pending: pending)
    }

    /// Which slots of the enabled `jobs` to act on at `now`. Slots considered are those after both the
    /// job's creation and its latest recorded nominal time, up to `now`. Recorded slots and `pending`
    /// ones (already handed to an executor but not yet recorded) are never planned again.
    public func planDue(jobs: [Job], repository: ScheduleRepository, now: Date,
                        pending: Set<RunKey> = []) throws -> DuePlan {
        var plan = DuePlan()
        for job in jobs.sorted(by: { $0.name < $1.name }) where job.enabled {
            let lastRecorded = try repository.latestNominal(job: job.name)
            let baseline = max(job.createdAt, lastRecorded ?? job.createdAt)
            let (slots, notes) = catchUpSlots(for: job, after: baseline, now: now)
            plan.notes += notes
            let fresh = try slots.filter { slot in
                let key = RunKey(job: job.name, nominal: slot)
                if pending.contains(key) { return false }
                return try !repository.hasRun(key)
            }
            guard !fresh.isEmpty else { continue }
            let running = try repository.runningRuns(job: job.name).last
            for (index, slot) in fresh.enumerated() {
                let action = overlapAction(job.overlap, running: running, isFirst: index == 0)
                plan.runs.append(PlannedRun(job: job, nominal: slot, action: action,
                                            isCatchUp: now.timeIntervalSince(slot) > grace))
            }
        }
        plan.runs.sort { ($0.nominal, $0.job.name) < ($1.nominal, $1.job.name) }
        return plan
    }

    /// The earliest next fire time of the enabled `jobs` strictly after `date`: when the daemon should wake.
    public func nextWake(jobs: [Job], after date: Date) -> Date? {
        jobs.filter(\.enabled).compactMap { $0.schedule(unit: unit).nextFire(after: date) }.min()
    }

    /// Applies the job's catch-up policy to its slots in `(lastHandled, now]` (slots at most `grace` old are
    /// due now, older ones missed). Returns the slots to run, oldest first, and notes about dropped ones.
    /// Does not look at recorded runs; `planDue` adds dedupe and overlap handling.
    public func catchUpSlots(for job: Job, after lastHandled: Date, now: Date) -> (slots: [Date], notes: [String]) {
        let baseline = lastHandled
        let schedule = job.schedule(unit: unit)
        let cap = maxCatchUpRuns
        let (slots, complete) = schedule.latestFires(after: baseline, through: now, limit: cap + 1)
        let onTimeStart = now.addingTimeInterval(-grace)
        let missed = slots.filter { $0 < onTimeStart }
        let onTime = slots.filter { $0 >= onTimeStart }
        let missedCount = complete ? "\(missed.count)" : "more than \(cap)"
        let zone = job.timeZone
        switch job.catchUp {
        case .latest:
            guard let latest = slots.last else { return ([], []) }
            let dropped = onTime.isEmpty ? missed.count - 1 : missed.count
            let note = dropped > 0 || !complete
                ? ["job \(job.name): \(missedCount) missed slots, running only the latest (\(ScheduleTime.iso8601(latest, in: zone)))"]
                : []
            return ([latest], note)
        case .all:
            let chosen = Array(slots.suffix(cap))
            let note = slots.count > cap || !complete
                ? ["job \(job.name): \(missedCount) missed slots, running only the newest \(cap) (catch-up all is capped)"]
                : []
            return (chosen, note)
        case .none:
            let note = missed.isEmpty ? [] : ["job \(job.name): skipped \(missedCount) missed slot\(missed.count == 1 && complete ? "" : "s") (catch-up none)"]
            return (onTime, note)
        }
    }

    private func overlapAction(_ policy: OverlapPolicy, running: RunRecord?, isFirst: Bool) -> PlannedAction {
        guard let running else { return .start }
        switch policy {
        case .skip: return .skip(because: running)
        case .queue: return .queue(behind: running)
        case .replace: return isFirst ? .replace(running) : .start
        }
    }
}
