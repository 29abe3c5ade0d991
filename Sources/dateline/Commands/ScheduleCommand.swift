import ArgumentParser
import DatelineSchedule
import DatelineScheduler
import DatelineStore
import Foundation

/// `dateline schedule ...`: scheduled report scripts and ingests, kept in the corpus database.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Run report scripts and ingests on a cron schedule (schedules and history live in the database).",
        discussion: """
        Outputs are archived as REPORTS/NAME/<nominal-time>.<ext> (nominal time in UTC, e.g. \
        2026-11-30T00-00-00Z) with a `latest` link; logs as REPORTS/NAME/logs/<nominal-time>.log. \
        REPORTS is reports/ beside the database unless --reports is given.

        Exit status: 0 success; 1 a job failed or the database could not be used; 2 usage error \
        (bad cron expression, unknown time zone, bad option).
        """,
        subcommands: [
            ScheduleAddCommand.self, ScheduleListCommand.self, ScheduleShowCommand.self, ScheduleNextCommand.self,
            ScheduleCheckCommand.self, ScheduleEnableCommand.self, ScheduleDisableCommand.self,
            ScheduleRemoveCommand.self, ScheduleRunCommand.self, ScheduleHistoryCommand.self,
            ScheduleLogsCommand.self, ScheduleDaemonCommand.self, ScheduleRunDueCommand.self,
            ScheduleExportCommand.self,
        ]
    )
}

/// `--db` and `--reports`, shared by the schedule subcommands, and how to open what they name.
struct ScheduleOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Folder for archived outputs and logs (default: reports/ beside the database).",
                               valueName: "dir"))
    var reports: String?

    /// The database file, absolute (children get this path).
    var databasePath: String {
        ReportArchive.absolute(CorpusLocation.resolve(db: database.db, forReading: false).path)
    }

    /// The report archive.
    var archive: ReportArchive {
        ReportArchive(root: reports.map(ReportArchive.absolute) ?? ReportArchive.defaultRoot(forDatabase: databasePath))
    }

    /// Opens the schedule tables; `mustExist` refuses to create a new database (read-only commands).
    func openRepository(mustExist: Bool = true) throws -> GRDBScheduleRepository {
        let path = databasePath
        if mustExist, !FileManager.default.fileExists(atPath: path) {
            throw StoreFailure("no database at \(path); add a schedule first with `dateline schedule add` or pass --db")
        }
        do {
            return GRDBScheduleRepository(store: try CorpusStore(path: path, mode: .readWrite))
        } catch {
            throw StoreFailure(error)
        }
    }

    /// The job called `name`, or a one-line error naming it.
    func job(_ name: String, in repository: GRDBScheduleRepository) throws -> Job {
        guard let job = try repository.job(named: name) else {
            throw StoreFailure("schedule: no job named \"\(name)\" (see `dateline schedule list`)")
        }
        return job
    }
}

/// Helpers shared by the schedule subcommands.
enum ScheduleSupport {
    /// Refuses with a one-line message and exit status 2.
    static func usage(_ message: String) -> Error {
        Terminal.error(message)
        return ExitCode(2)
    }

    /// Parses a cron expression and zone, or fails with the parser's message (naming the bad field)
    /// and exit status 2.
    static func schedule(_ expression: String, zone: String?) throws -> CronSchedule {
        do {
            return try CronSchedule(expression: expression, timeZoneIdentifier: zone)
        } catch {
            throw usage("\(error)")
        }
    }

    /// `--from` (ISO 8601, or local time in `zone`) or now; exit status 2 when unreadable.
    static func start(_ text: String?, in zone: TimeZone) throws -> Date {
        guard let text else { return Date() }
        do { return try ScheduleTime.parse(text, in: zone) } catch { throw usage("--from: \(error)") }
    }

    /// `2026-11-30T07:00:00+01:00` in the job's zone.
    static func local(_ date: Date, _ zone: TimeZone) -> String { ScheduleTime.iso8601(date, in: zone) }

    /// The status word, red for failures and yellow for skips when stdout is a terminal.
    static func colored(_ status: RunStatus, tty: Bool = Terminal.stdoutIsTTY) -> String {
        guard tty else { return status.rawValue }
        if status.isFailure { return "\u{1B}[31m\(status.rawValue)\u{1B}[0m" }
        if status == .skippedOverlap { return "\u{1B}[33m\(status.rawValue)\u{1B}[0m" }
        return status.rawValue
    }

    /// The `dateline` executable children run: this very program.
    static var executable: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return ReportArchive.absolute(CommandLine.arguments.first ?? "dateline")
    }

    /// The planner; `DATELINE_SCHEDULE_SECONDS=1` (test-only) makes the minute field count seconds.
    static var planner: DuePlanner {
        let seconds = ProcessInfo.processInfo.environment["DATELINE_SCHEDULE_SECONDS"] == "1"
        return DuePlanner(unit: seconds ? .second : .minute)
    }

    /// A scheduler writing its events to stderr, one line each.
    static func scheduler(_ options: ScheduleOptions, repository: GRDBScheduleRepository) -> Scheduler {
        let settings = SchedulerOptions(database: options.databasePath, executable: executable, planner: planner)
        return Scheduler(repository: repository, archive: options.archive, options: settings) { event in
            FileHandle.standardError.write(Data((event.description + "\n").utf8))
        }
    }

    /// Duration of a run as `12.3 s`, or `running`.
    static func duration(_ run: RunRecord) -> String {
        guard let ended = run.ended else { return "running" }
        return String(format: "%.1f s", max(0, ended.timeIntervalSince(run.started)))
    }

    /// Pads `rows` into aligned columns.
    static func table(_ rows: [[String]], visibleWidth: (String) -> Int = { $0.count }) -> String {
        let widths = rows.reduce(into: [Int]()) { widths, row in
            for (index, cell) in row.enumerated() {
                if index >= widths.count { widths.append(0) }
                widths[index] = max(widths[index], visibleWidth(cell))
            }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - visibleWidth(cell) + 2)
            }.joined()
        }.joined(separator: "\n")
    }

    /// Length without ANSI color sequences.
    static func visibleWidth(_ text: String) -> Int {
        var count = 0, inEscape = false
        for ch in text {
            if inEscape { if ch == "m" { inEscape = false }; continue }
            if ch == "\u{1B}" { inEscape = true; continue }
            count += 1
        }
        return count
    }
}
