import DatelineSchedule
import DatelineScheduler
import DatelineStore
import Foundation
import XCTest

/// A temporary folder removed at deinit.
final class ScratchFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "dateline-schedule-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    /// File names in a sub-folder, sorted (empty when it does not exist).
    func list(_ name: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: file(name))) ?? []).sorted()
    }
}

/// A store-backed repository and report archive in a scratch folder.
struct SchedulerFixture {
    let folder: ScratchFolder
    let store: CorpusStore
    let repository: GRDBScheduleRepository
    let archive: ReportArchive

    init() throws {
        folder = try ScratchFolder()
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

/// The built `dateline` executable: `$DATELINE_BIN`, else beside the test bundle (`.build/debug/dateline`).
func datelineExecutable() -> String? {
    let fm = FileManager.default
    if let env = ProcessInfo.processInfo.environment["DATELINE_BIN"], fm.isExecutableFile(atPath: env) { return env }
    var folders = [Bundle.main.bundleURL, Bundle(for: ScratchFolder.self).bundleURL]
    if let first = CommandLine.arguments.first { folders.append(URL(fileURLWithPath: first)) }
    for url in folders {
        var folder = url
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("dateline").path
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue, fm.isExecutableFile(atPath: candidate) {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
    }
    return nil
}

func requireDateline() throws -> String {
    guard let path = datelineExecutable() else {
        throw XCTSkip("the dateline executable is not built next to the tests (run `swift build` first, or set DATELINE_BIN)")
    }
    return path
}

/// The result of running `dateline` to completion.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `dateline` with `arguments` and waits (at most `timeout` seconds, then kills it).
@discardableResult
func dateline(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60,
              file: StaticString = #filePath, line: UInt = #line) throws -> CommandResult {
    let process = try startDateline(arguments, environment: environment)
    let deadline = Date().addingTimeInterval(timeout)
    while process.process.isRunning && Date() < deadline { usleep(20_000) }
    if process.process.isRunning {
        process.process.terminate()
        XCTFail("dateline \(arguments.joined(separator: " ")) did not finish in \(timeout) s", file: file, line: line)
    }
    return process.finish()
}

/// A running `dateline` whose stdout and stderr go to temporary files.
final class RunningDateline {
    let process = Process()
    let stdoutPath = NSTemporaryDirectory() + "dateline-out-" + UUID().uuidString
    let stderrPath = NSTemporaryDirectory() + "dateline-err-" + UUID().uuidString

    /// Waits for the exit (killing the process after 60 s, so a hang fails instead of blocking the
    /// suite) and collects the output.
    func finish() -> CommandResult {
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            XCTFail("dateline \(process.arguments?.joined(separator: " ") ?? "") did not exit; killing it")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(atPath: stdoutPath); try? FileManager.default.removeItem(atPath: stderrPath) }
        let out = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        return CommandResult(status: process.terminationStatus, stdout: out, stderr: err)
    }
}

func startDateline(_ arguments: [String], environment: [String: String] = [:]) throws -> RunningDateline {
    let running = RunningDateline()
    _ = FileManager.default.createFile(atPath: running.stdoutPath, contents: nil)
    _ = FileManager.default.createFile(atPath: running.stderrPath, contents: nil)
    running.process.executableURL = URL(fileURLWithPath: try requireDateline())
    running.process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "DATELINE_DB")
    env.merge(environment) { $1 }
    running.process.environment = env
    running.process.standardOutput = FileHandle(forWritingAtPath: running.stdoutPath)
    running.process.standardError = FileHandle(forWritingAtPath: running.stderrPath)
    running.process.standardInput = FileHandle.nullDevice
    try running.process.run()
    return running
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
