import DatelineSchedule
import DatelineScheduler
import DatelineStore
import DatelineTestSupport
import Foundation
import XCTest

/// A store-backed repository and report archive in a scratch folder.
struct SchedulerFixture {
    let folder: TemporaryFolder
    let store: CorpusStore
    let repository: GRDBScheduleRepository
    let archive: ReportArchive

    init() throws {
        folder = try TemporaryFolder()
        store = try CorpusStore(path: folder.file("corpus.sqlite"))
        repository = GRDBScheduleRepository(store: store)
        archive = ReportArchive(root: folder.file("reports"))
    }

    /// A scheduler whose children are `/bin/sh -c SCRIPT` (per job name) instead of `dateline`;
    /// stdout is the report, stderr the log, as for real script jobs.
    func scheduler(clock: ScheduleClock, planner: DuePlanner = DuePlanner(), events: EventLog = EventLog(),
                   scripts: @escaping (Job, Date) -> String) -> Scheduler {
        let options = SchedulerOptions(database: store.path, executable: "/bin/sh", planner: planner, stopGrace: 2,
                                       commandBuilder: { job, files, options in
            var environment = options.environment
            environment["DATELINE_NOMINAL"] = ScheduleTime.utc(files.nominal)
            return ChildCommand(executable: "/bin/sh", arguments: ["-c", scripts(job, files.nominal)],
                                environment: environment, stdoutPath: files.stdoutCapture, stderrPath: files.log)
        })
        return Scheduler(repository: repository, archive: archive, clock: clock, options: options) { events.append($0) }
    }

    /// A script job (its path is never run by the shell-based scheduler).
    func job(_ name: String, cron: String = "0 * * * *", created: Date, catchUp: CatchUpPolicy = .latest,
             overlap: OverlapPolicy = .skip, keep: Int? = nil, timeout: TimeInterval? = nil,
             onFailure: String? = nil) throws -> Job {
        Job(name: name, cron: try CronExpression(parsing: cron), timeZone: zone("UTC"),
            kind: .script(path: "/dev/null", arguments: []), keep: keep, timeout: timeout, overlap: overlap,
            catchUp: catchUp, onFailure: onFailure, createdAt: created)
    }
}

/// Collects scheduler events (thread-safe; the scheduler calls it from the test's thread anyway).
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ event: SchedulerEvent) { lock.withLock { lines.append(event.description) } }
    var all: [String] { lock.withLock { lines } }
}

/// Runs the built `dateline` with `arguments` and waits, at most `timeout` seconds (then the test
/// fails and it is killed); skips when it is not built.
@discardableResult
func dateline(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60,
              file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
    try startDateline(arguments, environment: environment).finish(timeout: timeout, file: file, line: line)
}

/// Starts the built `dateline` with `DATELINE_DB` unset and `environment` added to the test's own;
/// skips when it is not built.
func startDateline(_ arguments: [String], environment: [String: String] = [:]) throws -> RunningProcess {
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "DATELINE_DB")
    env.merge(environment) { $1 }
    return try RunningProcess(try DatelineExecutable.require(), arguments, environment: env)
}

/// Polls `condition` every 50 ms for at most `timeout` seconds; returns whether it became true.
func eventually(timeout: TimeInterval = 20, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        usleep(50_000)
    }
    return try condition()
}
