import DatelineSchedule
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Settings of a `Scheduler`: which database and executable children use, and the planning rules.
public struct SchedulerOptions {
    /// Absolute path of the corpus database, passed to every child as `--db`.
    public var database: String
    /// The `dateline` executable children run (`dateline run ...`, `dateline ingest ...`).
    public var executable: String
    /// Planning rules (grace, catch-up cap, and the test-only seconds unit).
    public var planner: DuePlanner
    /// Seconds between SIGTERM and SIGKILL when a run is stopped.
    public var stopGrace: TimeInterval
    /// Seconds an `--on-failure` command may take before it is killed.
    public var hookTimeout: TimeInterval
    /// Environment the children inherit (the job's variables are added).
    public var environment: [String: String]
    /// Builds the child command for a run; nil = `dateline run`/`dateline ingest` (tests substitute
    /// other programs, e.g. a shell that sleeps).
    public var commandBuilder: ((Job, RunFiles, SchedulerOptions) -> ChildCommand)?

    public init(database: String, executable: String, planner: DuePlanner = DuePlanner(),
                stopGrace: TimeInterval = 5, hookTimeout: TimeInterval = 60,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                commandBuilder: ((Job, RunFiles, SchedulerOptions) -> ChildCommand)? = nil) {
        self.database = database
        self.executable = executable
        self.planner = planner
        self.stopGrace = stopGrace
        self.hookTimeout = hookTimeout
        self.environment = environment
        self.commandBuilder = commandBuilder
    }

    /// The standard child command: `dateline run --db DB --output OUT [--format F] [--timeout S] SCRIPT ARGS...`
    /// (stdout captured for the report, stderr to the log) or `dateline ingest PATH --db DB --quiet`.
    public func defaultCommand(job: Job, files: RunFiles) -> ChildCommand {
        var environment = self.environment
        environment["DATELINE_JOB"] = job.name
        environment["DATELINE_NOMINAL"] = ScheduleTime.utc(files.nominal)
        switch job.kind {
        case let .script(path, arguments):
            var argv = ["run", "--db", database]
            if let output = files.output { argv += ["--output", output] }
            if let format = job.format { argv += ["--format", format] }
            if let timeout = job.timeout { argv += ["--timeout", Self.seconds(timeout)] }
            argv.append(path)
            argv += arguments
            return ChildCommand(executable: executable, arguments: argv, environment: environment,
                                stdoutPath: files.stdoutCapture, stderrPath: files.log)
        case let .ingest(path):
            return ChildCommand(executable: executable, arguments: ["ingest", path, "--db", database, "--quiet"],
                                environment: environment, stdoutPath: files.log)
        }
    }

    /// `30` for whole seconds, else `2.5`.
    public static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// The files of one run: the archived output (script jobs), a temporary stdout capture, the log.
public struct RunFiles: Hashable, Sendable {
    public var nominal: Date
    /// `reports/NAME/<nominal>.<ext>`, or nil for ingest jobs.
    public var output: String?
    /// Where the child's stdout goes until the run ends (`logs/<nominal>.stdout`).
    public var stdoutCapture: String
    /// `reports/NAME/logs/<nominal>.log`.
    public var log: String
}

/// One line of the scheduler's event log.
public struct SchedulerEvent: Sendable, CustomStringConvertible {
    public var time: Date
    /// The job concerned, or nil for scheduler-wide events.
    public var job: String?
    public var message: String

    public init(time: Date, job: String?, message: String) {
        self.time = time
        self.job = job
        self.message = message
    }

    /// `2026-11-23T09:00:00Z NAME message` (`-` when no job).
    public var description: String { "\(ScheduleTime.utc(time)) \(job ?? "-") \(message)" }
}

/// Executes planned runs as child processes and records them: plans due slots (`planAndStart`),
/// reaps and times out children (`poll`), archives outputs, prunes, runs `--on-failure` hooks, and
/// stops everything cleanly (`stopAll`). Single-threaded: call it from one thread (the daemon loop).
public final class Scheduler {
    public let repository: GRDBScheduleRepository
    public let archive: ReportArchive
    public let clock: ScheduleClock
    public let options: SchedulerOptions
    /// Receives one event per start, finish, skip, note and problem.
    public var onEvent: (SchedulerEvent) -> Void

    /// Runs finished (or failed to start) by this scheduler that count as failures.
    public private(set) var failedRuns: [RunRecord] = []
    /// Runs finished by this scheduler, in completion order.
    public private(set) var finishedRuns: [RunRecord] = []

    private struct QueuedRun {
        var job: Job
        var nominal: Date
        /// Start only when this run is no longer running.
        var blocker: RunKey?
        var key: RunKey { RunKey(job: job.name, nominal: nominal) }
    }

    private enum StopReason {
        case timeout(TimeInterval)
        case replaced(by: Date)
        case shutdown
    }

    private final class ActiveRun {
        let job: Job
        let nominal: Date
        let files: RunFiles
        let child: ChildProcess
        let deadline: Date?
        var stopReason: StopReason?
        var termSentAt: Date?
        var key: RunKey { RunKey(job: job.name, nominal: nominal) }

        init(job: Job, nominal: Date, files: RunFiles, child: ChildProcess, deadline: Date?) {
            self.job = job; self.nominal = nominal; self.files = files; self.child = child; self.deadline = deadline
        }
    }

    private struct Hook {
        let child: ChildProcess
        let job: String
        let deadline: Date
    }

    private var queue: [QueuedRun] = []
    private var active: [ActiveRun] = []
    private var hooks: [Hook] = []

    public init(repository: GRDBScheduleRepository, archive: ReportArchive, clock: ScheduleClock = SystemClock(),
                options: SchedulerOptions, onEvent: @escaping (SchedulerEvent) -> Void = { _ in }) {
        self.repository = repository
        self.archive = archive
        self.clock = clock
        self.options = options
        self.onEvent = onEvent
    }

    /// True when nothing is queued, running, or running an on-failure hook.
    public var isIdle: Bool { queue.isEmpty && active.isEmpty && hooks.isEmpty }

    /// Keys of runs started by this scheduler and still running.
    public var activeKeys: [RunKey] { active.map(\.key) }

    // MARK: - Planning

    /// Marks runs left `running` whose process is gone (a crashed daemon or `run-due`) as `killed`.
    /// Runs of this scheduler and runs whose child is still alive are left alone.
    @discardableResult
    public func recoverStaleRuns() throws -> [RunRecord] {
        let mine = Set(activeKeys)
        let now = clock.now()
        var recovered: [RunRecord] = []
        for run in try repository.allRunning() where !mine.contains(run.key) {
            let stale: Bool
            if let pid = run.pid {
                stale = !ChildProcess.isAlive(pid)
            } else {
                stale = now.timeIntervalSince(run.started) > 60 || run.started > now
            }
            guard stale else { continue }
            let message = "left running by a scheduler that stopped (crash?); marked killed"
            try repository.finish(run.key, ended: now, status: .killed, message: message, outputPath: nil, logPath: nil)
            var record = run
            record.status = .killed; record.ended = now; record.message = message
            recovered.append(record)
            emit(run.job, "recovered nominal=\(ScheduleTime.utc(run.nominal)) status=killed (\(message))")
        }
        return recovered
    }

    /// Plans the due slots of all stored jobs at the clock's time and starts (or queues, skips,
    /// replaces) them. Returns the plan that was acted on.
    @discardableResult
    public func planAndStart() throws -> DuePlan {
        try recoverStaleRuns()
        let now = clock.now()
        let jobs = try repository.jobs()
        let pending = Set(queue.map(\.key) + active.map(\.key))
        let plan = try options.planner.planDue(jobs: jobs, repository: repository, now: now, pending: pending)
        for note in plan.notes { emit(nil, note) }
        for run in plan.runs {
            switch run.action {
            case .start:
                queue.append(QueuedRun(job: run.job, nominal: run.nominal, blocker: nil))
            case .queue(let behind):
                emit(run.job.name, "queued nominal=\(ScheduleTime.utc(run.nominal)) behind nominal=\(ScheduleTime.utc(behind.nominal))")
                queue.append(QueuedRun(job: run.job, nominal: run.nominal, blocker: behind.key))
            case .replace(let old):
                emit(run.job.name, "replacing nominal=\(ScheduleTime.utc(old.nominal)) with nominal=\(ScheduleTime.utc(run.nominal))")
                try stop(old, reason: .replaced(by: run.nominal))
                queue.append(QueuedRun(job: run.job, nominal: run.nominal, blocker: old.key))
            case .skip:
                guard let record = run.skippedRecord(at: now) else { continue }
                do {
                    try repository.record(record)
                    emit(run.job.name, "skipped-overlap nominal=\(ScheduleTime.utc(run.nominal)): \(record.message ?? "")")
                    try prune(run.job)
                } catch ScheduleRepositoryError.duplicateRun {
                    continue
                }
            }
        }
        try poll()
        return plan
    }

    /// Starts `job` now, by hand, whatever its schedule and enabled flag (nominal time = now, to the second).
    /// Returns the run's key.
    @discardableResult
    public func runNow(_ job: Job) throws -> RunKey {
        let nominal = Date(timeIntervalSince1970: clock.now().timeIntervalSince1970.rounded(.down))
        let key = RunKey(job: job.name, nominal: nominal)
        if try repository.hasRun(key) { throw ScheduleRepositoryError.duplicateRun(key) }
        queue.append(QueuedRun(job: job, nominal: nominal, blocker: nil))
        try poll()
        return key
    }

    /// When the daemon should next plan: the next fire time of any enabled job after `date`.
    public func nextWake(after date: Date) throws -> Date? {
        options.planner.nextWake(jobs: try repository.jobs(), after: date)
    }

    // MARK: - Running

    /// Reaps finished children and records them, enforces timeouts (SIGTERM, then SIGKILL after the
    /// grace period), starts queued runs whose job is free, and reaps `--on-failure` hooks.
    public func poll() throws {
        let now = Date()
        // Only runs completed (recorded) here leave `active`: a child that exits after its check in
        // this pass is completed in the next one, never dropped while still recorded as running.
        var completed: Set<ObjectIdentifier> = []
        for run in active {
            if let exit = run.child.poll() {
                try complete(run, exit: exit)
                completed.insert(ObjectIdentifier(run))
                continue
            }
            if run.termSentAt == nil, let deadline = run.deadline, now >= deadline {
                run.stopReason = .timeout(run.job.timeout ?? 0)
                run.termSentAt = now
                emit(run.job.name, "timeout nominal=\(ScheduleTime.utc(run.nominal)) after \(SchedulerOptions.seconds(run.job.timeout ?? 0)) s; sending SIGTERM")
                run.child.send(SIGTERM)
            } else if let sent = run.termSentAt, now.timeIntervalSince(sent) >= options.stopGrace {
                run.child.send(SIGKILL)
            }
        }
        active.removeAll { completed.contains(ObjectIdentifier($0)) }
        var waiting: [QueuedRun] = []
        for item in queue {
            let busy = active.contains { $0.job.name == item.job.name }
                || waiting.contains { $0.job.name == item.job.name }
            let blocked = try busy || (item.blocker.map(isStillRunning) ?? false)
            if blocked {
                waiting.append(item)
            } else {
                try start(item)
            }
        }
        queue = waiting
        hooks.removeAll { hook in
            if hook.child.poll() != nil { return true }
            if Date() >= hook.deadline {
                emit(hook.job, "on-failure command still running after \(SchedulerOptions.seconds(options.hookTimeout)) s; killing it")
                hook.child.stop(grace: 1)
                return true
            }
            return false
        }
    }

    /// Polls until idle (every `interval` seconds), or until `shouldStop` returns true.
    public func waitUntilIdle(interval: TimeInterval = 0.05, shouldStop: () -> Bool = { false }) throws {
        try poll()
        while !isIdle && !shouldStop() {
            usleep(UInt32(interval * 1_000_000))
            try poll()
        }
    }

    /// Stops every running child (SIGTERM, SIGKILL after the grace period) and records them `killed`;
    /// drops queued slots (they are planned again next time). Waits for `--on-failure` hooks briefly.
    public func stopAll(reason: String = "scheduler stopping") throws {
        if !queue.isEmpty { emit(nil, "dropping \(queue.count) queued run\(queue.count == 1 ? "" : "s") (\(reason))") }
        queue.removeAll()
        let now = Date()
        for run in active where run.termSentAt == nil {
            run.stopReason = .shutdown
            run.termSentAt = now
            emit(run.job.name, "stopping nominal=\(ScheduleTime.utc(run.nominal)) (\(reason)); sending SIGTERM")
            run.child.send(SIGTERM)
        }
        while !active.isEmpty {
            try poll()
            if !active.isEmpty { usleep(20_000) }
        }
        for hook in hooks where hook.child.wait(timeout: options.stopGrace) == nil { hook.child.stop(grace: 1) }
        hooks.removeAll()
    }

    private func isStillRunning(_ key: RunKey) throws -> Bool {
        if active.contains(where: { $0.key == key }) { return true }
        guard let run = try repository.run(key), run.status == .running else { return false }
        return run.pid.map(ChildProcess.isAlive) ?? true
    }

    /// Stops a running run: ours via its child, another process's via its recorded process group.
    private func stop(_ record: RunRecord, reason: StopReason) throws {
        if let run = active.first(where: { $0.key == record.key }) {
            guard run.termSentAt == nil else { return }
            run.stopReason = reason
            run.termSentAt = Date()
            run.child.send(SIGTERM)
        } else if let pid = record.pid, ChildProcess.isAlive(pid) {
            kill(-pid, SIGTERM)
            kill(pid, SIGTERM)
        } else {
            try? repository.finish(record.key, ended: clock.now(), status: .killed,
                                   message: "replaced; its process was already gone", outputPath: nil, logPath: nil)
        }
    }

    private func files(for job: Job, nominal: Date) -> RunFiles {
        let log = archive.logPath(job: job.name, nominal: nominal)
        let output: String?
        if case .script = job.kind { output = archive.outputPath(job: job.name, nominal: nominal, format: job.format) } else { output = nil }
        let capture = (log as NSString).deletingPathExtension + ".stdout"
        return RunFiles(nominal: nominal, output: output, stdoutCapture: capture, log: log)
    }

    private func start(_ item: QueuedRun) throws {
        let job = item.job
        let files = files(for: job, nominal: item.nominal)
        let started = clock.now()
        do {
            try repository.record(RunRecord(job: job.name, nominal: item.nominal, started: started, status: .running,
                                            logPath: files.log))
        } catch ScheduleRepositoryError.duplicateRun {
            emit(job.name, "nominal=\(ScheduleTime.utc(item.nominal)) already recorded elsewhere; not starting it again")
            return
        }
        let command = options.commandBuilder?(job, files, options) ?? options.defaultCommand(job: job, files: files)
        do {
            try archive.prepare(job: job.name)
            for path in [files.output, files.stdoutCapture].compactMap({ $0 }) { unlink(path) }
            appendLog(files.log, """
                # dateline schedule: job \(job.name), nominal \(ScheduleTime.utc(item.nominal)), started \(ScheduleTime.utc(started))
                # command: \(command.displayLine)

                """)
            let child = try ChildProcess.spawn(command)
            try? repository.setPID(RunKey(job: job.name, nominal: item.nominal), pid: child.pid)
            // `dateline run` enforces --timeout itself; the scheduler's own deadline is a second later.
            let slack: TimeInterval = options.commandBuilder == nil && files.output != nil ? 1 : 0
            let deadline = job.timeout.map { Date().addingTimeInterval($0 + slack) }
            active.append(ActiveRun(job: job, nominal: item.nominal, files: files, child: child, deadline: deadline))
            emit(job.name, "started nominal=\(ScheduleTime.utc(item.nominal)) pid=\(child.pid)")
        } catch {
            let message = "could not start: \(error)"
            appendLog(files.log, "# \(message)\n")
            try record(finishOf: job, nominal: item.nominal, started: started, status: .scriptError, message: message,
                       output: nil, log: files.log)
        }
    }

    private func complete(_ run: ActiveRun, exit: ChildExit) throws {
        let elapsed = Date().timeIntervalSince(run.child.started)
        var status: RunStatus
        var message: String
        switch run.stopReason {
        case .timeout(let limit)?:
            status = .timeout
            message = "timed out after \(SchedulerOptions.seconds(limit)) s (stopped by the scheduler)"
        case .replaced(let nominal)?:
            status = .killed
            message = "replaced by the run for nominal \(ScheduleTime.utc(nominal))"
        case .shutdown?:
            status = .killed
            message = "stopped: the scheduler was shut down (\(exit))"
        case nil:
            switch exit {
            case .exited(0):
                status = .ok
                message = "exit status 0"
            case .exited:
                let detail = Self.lastLine(ofFile: run.files.log).map { ": \($0)" } ?? ""
                if let limit = run.job.timeout, elapsed >= limit * 0.95 {
                    status = .timeout
                    message = "timed out after \(SchedulerOptions.seconds(limit)) s (\(exit))\(detail)"
                } else {
                    status = .scriptError
                    message = "\(exit)\(detail)"
                }
            case .signaled:
                status = .killed
                message = "\(exit)"
            }
        }
        var output: String?
        if let target = run.files.output {
            let fm = FileManager.default
            let captured = (try? fm.attributesOfItem(atPath: run.files.stdoutCapture)[.size] as? NSNumber)?.intValue ?? 0
            let written = (try? fm.attributesOfItem(atPath: target)[.size] as? NSNumber)?.intValue ?? 0
            if status == .ok && written == 0 {
                // The script printed its report: stdout becomes the archived output.
                unlink(target)
                if rename(run.files.stdoutCapture, target) == 0 {
                    output = target
                } else {
                    message += "; could not archive the output: \(String(cString: strerror(errno)))"
                    status = .scriptError
                }
            } else {
                // The report module wrote the output itself (or the run failed): stdout goes to the log.
                if captured > 0, let data = fm.contents(atPath: run.files.stdoutCapture) {
                    appendLog(run.files.log, "# stdout:\n" + String(decoding: data, as: UTF8.self))
                }
                unlink(run.files.stdoutCapture)
                if status == .ok { output = target } else { unlink(target) }
            }
        }
        appendLog(run.files.log, "\n# ended \(ScheduleTime.utc(clock.now())): \(status.rawValue): \(message)\n")
        try record(finishOf: run.job, nominal: run.nominal, started: nil, status: status, message: message,
                   output: output, log: run.files.log)
        if status == .ok, let output {
            do { try archive.updateLatest(job: run.job.name, output: output) } catch { emit(run.job.name, "\(error)") }
        }
    }

    /// Records the end of a run, emits the event, runs the failure hook and prunes.
    private func record(finishOf job: Job, nominal: Date, started: Date?, status: RunStatus, message: String,
                        output: String?, log: String) throws {
        let key = RunKey(job: job.name, nominal: nominal)
        let ended = clock.now()
        try repository.finish(key, ended: ended, status: status, message: message, outputPath: output, logPath: log)
        let record = try repository.run(key) ?? RunRecord(job: job.name, nominal: nominal, started: started ?? ended,
                                                          ended: ended, status: status, message: message,
                                                          outputPath: output, logPath: log)
        finishedRuns.append(record)
        let outputNote = output.map { " output=\($0)" } ?? ""
        emit(job.name, "finished nominal=\(ScheduleTime.utc(nominal)) status=\(status.rawValue)\(outputNote) (\(message))")
        if status.isFailure {
            failedRuns.append(record)
            runFailureHook(job: job, record: record)
        }
        try prune(job)
    }

    private func runFailureHook(job: Job, record: RunRecord) {
        guard let command = job.onFailure, !command.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        var environment = options.environment
        environment["DATELINE_JOB"] = job.name
        environment["DATELINE_STATUS"] = record.status.rawValue
        environment["DATELINE_LOG"] = record.logPath ?? ""
        environment["DATELINE_NOMINAL"] = ScheduleTime.utc(record.nominal)
        let log = record.logPath ?? "/dev/null"
        appendLog(log, "# on-failure: \(command)\n")
        do {
            let child = try ChildProcess.spawn(ChildCommand(executable: "/bin/sh", arguments: ["-c", command],
                                                            environment: environment, stdoutPath: log))
            hooks.append(Hook(child: child, job: job.name, deadline: Date().addingTimeInterval(options.hookTimeout)))
            emit(job.name, "on-failure command started pid=\(child.pid)")
        } catch {
            emit(job.name, "on-failure command \(error)")
        }
    }

    /// Applies `--keep`: deletes old outputs and logs (successes and failures counted separately).
    private func prune(_ job: Job) throws {
        guard let keep = job.keep else { return }
        let plan = PrunePlan(runs: try repository.history(job: job.name, limit: nil), keep: keep)
        guard !plan.prunedRuns.isEmpty else { return }
        for problem in archive.apply(plan, job: job.name) { emit(job.name, "prune: \(problem)") }
        try repository.clearPaths(of: plan.prunedRuns.map(\.key), outputs: true, logs: true)
        if !plan.outputsToDelete.isEmpty || !plan.logsToDelete.isEmpty {
            emit(job.name, "pruned \(plan.outputsToDelete.count) output(s) and \(plan.logsToDelete.count) log(s) (keep \(keep))")
        }
    }

    private func emit(_ job: String?, _ message: String) {
        onEvent(SchedulerEvent(time: Date(), job: job, message: message))
    }

    private func appendLog(_ path: String, _ text: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var text = text
        text.withUTF8 { buffer in _ = write(fd, buffer.baseAddress, buffer.count) }
    }

    /// The child's error message from its log: the last `error:` line, else the last non-empty line
    /// that is not one of the scheduler's own `#` lines; shortened to 300 characters.
    static func lastLine(ofFile path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let tail = data.suffix(65_536)
        let lines = String(decoding: tail, as: UTF8.self).split(whereSeparator: \.isNewline)
        let candidates = lines.filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let line = candidates.last(where: { $0.hasPrefix("error:") }) ?? candidates.last else {
            return nil
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 300 ? String(trimmed.prefix(300)) + "…" : trimmed
    }
}
