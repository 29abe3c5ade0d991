import ArgumentParser
import DatelineSchedule
import DatelineScheduler
import Foundation

/// `dateline schedule add NAME --cron EXPR (--script FILE [-- ARGS] | --ingest PATH) ...`
struct ScheduleAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a scheduled script or ingest.",
        discussion: """
        Examples:
          dateline schedule add weekly-digest --cron "0 7 * * MON" --tz Europe/Berlin \\
              --script Scripts/digest.lua --format html --keep 12 -- --days 7
          dateline schedule add nightly-ingest --cron @daily --ingest dumps/

        Arguments after `--` are passed to the script. The cron expression and zone are checked \
        here: a bad field or an unknown zone is refused with exit status 2.
        """
    )

    @Argument(help: "Job name (letters, digits, '.', '_', '-'; it names the reports folder).")
    var name: String

    @Option(help: ArgumentHelp("Five-field cron expression or @daily/@hourly/...", valueName: "expr"))
    var cron: String

    @Option(help: ArgumentHelp("IANA time zone the expression is read in (default: the system zone).", valueName: "zone"))
    var tz: String?

    @Option(help: ArgumentHelp("Lua script to run (`dateline run`).", valueName: "file"))
    var script: String?

    @Option(help: ArgumentHelp("File or folder to ingest (`dateline ingest`).", valueName: "path"))
    var ingest: String?

    @Option(help: "Report format passed to the script: text, md, csv, json or html.")
    var format: String?

    @Option(help: "Keep only the newest N outputs and logs (successes and failures counted separately).")
    var keep: Int?

    @Option(help: ArgumentHelp("Stop a run after this many seconds (status timeout).", valueName: "seconds"))
    var timeout: Double?

    @Option(help: "When the previous run is still going: skip, queue or replace.")
    var overlap: String = "skip"

    @Option(help: "Slots missed while no scheduler ran: latest (run once), all, or none.")
    var catchUp: String = "latest"

    @Option(help: ArgumentHelp("Shell command run after a failed run (env DATELINE_JOB, DATELINE_STATUS, DATELINE_LOG, DATELINE_NOMINAL).",
                               valueName: "cmd"))
    var onFailure: String?

    @Flag(help: "Add the job disabled.")
    var disabled = false

    @OptionGroup var options: ScheduleOptions

    @Argument(parsing: .postTerminator, help: "Arguments for the script (after --).")
    var scriptArguments: [String] = []

    static let formats = ["text", "txt", "md", "markdown", "csv", "json", "html"]

    func run() throws {
        let job = try makeJob()
        try reportingFailures {
            let repository = try options.openRepository(mustExist: false)
            try repository.add(job)
            let next = job.schedule.nextFire(after: Date())
            let nextText = next.map { "\(ScheduleSupport.local($0, job.timeZone)) (\(ScheduleTime.utc($0)))" } ?? "never"
            Terminal.out("added \(job.name): \(job.cron) in \(job.timeZone.identifier)\(job.enabled ? "" : " (disabled)"); next run \(nextText)")
        }
    }

    /// Checks every option and builds the job; usage errors exit with status 2.
    func makeJob() throws -> Job {
        let usage = ScheduleSupport.usage
        guard Self.isValidName(name) else {
            throw usage("schedule: job name \"\(name)\" must be 1-64 letters, digits, '.', '_' or '-' and not start with '.' or '-'")
        }
        let schedule = try ScheduleSupport.schedule(cron, zone: tz)
        let kind: JobKind
        switch (script, ingest) {
        case let (script?, nil):
            let path = ReportArchive.absolute(script)
            guard FileManager.default.isReadableFile(atPath: path) else { throw usage("schedule: script \(script): no such readable file") }
            kind = .script(path: path, arguments: scriptArguments)
        case let (nil, ingest?):
            let path = ReportArchive.absolute(ingest)
            guard FileManager.default.fileExists(atPath: path) else { throw usage("schedule: ingest path \(ingest): no such file or folder") }
            guard scriptArguments.isEmpty else { throw usage("schedule: arguments after -- are only for --script jobs") }
            kind = .ingest(path: path)
        default:
            throw usage("schedule: give exactly one of --script FILE or --ingest PATH")
        }
        if let format, !Self.formats.contains(format.lowercased()) {
            throw usage("schedule: --format \"\(format)\" is not one of \(Self.formats.joined(separator: ", "))")
        }
        if let keep, keep < 0 { throw usage("schedule: --keep must be 0 or more") }
        if let timeout, !(timeout > 0 && timeout.isFinite) { throw usage("schedule: --timeout must be a positive number of seconds") }
        guard let overlapPolicy = OverlapPolicy(rawValue: overlap) else {
            throw usage("schedule: --overlap \"\(overlap)\" must be skip, queue or replace")
        }
        guard let catchUpPolicy = CatchUpPolicy(rawValue: catchUp) else {
            throw usage("schedule: --catch-up \"\(catchUp)\" must be latest, all or none")
        }
        return Job(name: name, cron: schedule.expression, timeZone: schedule.timeZone, kind: kind,
                   format: format?.lowercased(), keep: keep, timeout: timeout, overlap: overlapPolicy,
                   catchUp: catchUpPolicy, onFailure: onFailure, enabled: !disabled, createdAt: Date())
    }

    static func isValidName(_ name: String) -> Bool {
        guard (1...64).contains(name.count), let first = name.first, first != ".", first != "-" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
