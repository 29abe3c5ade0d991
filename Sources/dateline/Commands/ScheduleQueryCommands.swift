import ArgumentParser
import DatelineSchedule
import DatelineScheduler
import Foundation

/// `dateline schedule list`: every job with its next run (local and UTC) and last status.
struct ScheduleListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List schedules with their next run (job's zone and UTC) and last status (red when it failed)."
    )

    @OptionGroup var options: ScheduleOptions

    func run() throws {
        try reportingFailures {
            let repository = try options.openRepository()
            let jobs = try repository.jobs()
            guard !jobs.isEmpty else {
                Terminal.out("no schedules (add one with `dateline schedule add`)")
                return
            }
            let now = Date()
            var rows = [["NAME", "CRON", "ZONE", "NEXT (LOCAL)", "NEXT (UTC)", "LAST"]]
            for job in jobs {
                let next = job.enabled ? job.schedule.nextFire(after: now) : nil
                let last = try repository.history(job: job.name, limit: 1).first
                let lastText = last.map { "\(ScheduleSupport.colored($0.status)) \(ScheduleTime.utc($0.nominal))" } ?? "-"
                rows.append([job.name, job.cron.description, job.timeZone.identifier,
                             job.enabled ? (next.map { ScheduleSupport.local($0, job.timeZone) } ?? "never") : "disabled",
                             next.map(ScheduleTime.utc) ?? "-", lastText])
            }
            Terminal.out(ScheduleSupport.table(rows, visibleWidth: ScheduleSupport.visibleWidth))
        }
    }
}

/// `dateline schedule show NAME`: all settings, the next runs and the recent history of one job.
struct ScheduleShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one schedule in full.")

    @Argument(help: "Job name.")
    var name: String

    @OptionGroup var options: ScheduleOptions

    func run() throws {
        try reportingFailures {
            let repository = try options.openRepository()
            let job = try options.job(name, in: repository)
            var lines: [String] = []
            lines.append("name:       \(job.name)\(job.enabled ? "" : " (disabled)")")
            lines.append("cron:       \(job.cron)")
            lines.append("zone:       \(job.timeZone.identifier)")
            switch job.kind {
            case let .script(path, arguments):
                lines.append("script:     \(path)")
                if !arguments.isEmpty { lines.append("arguments:  \(arguments.joined(separator: " "))") }
            case let .ingest(path):
                lines.append("ingest:     \(path)")
            }
            lines.append("format:     \(job.format ?? "(script default)")")
            lines.append("keep:       \(job.keep.map(String.init) ?? "all")")
            lines.append("timeout:    \(job.timeout.map { "\(SchedulerOptions.seconds($0)) s" } ?? "none")")
            lines.append("overlap:    \(job.overlap.rawValue)")
            lines.append("catch-up:   \(job.catchUp.rawValue)")
            lines.append("on-failure: \(job.onFailure ?? "none")")
            lines.append("created:    \(ScheduleTime.utc(job.createdAt))")
            lines.append("reports:    \(options.archive.folder(job: job.name))")
            if job.enabled {
                lines.append("next runs:")
                for fire in job.schedule.fires(after: Date(), count: 3) {
                    lines.append("  \(ScheduleSupport.local(fire, job.timeZone))  (\(ScheduleTime.utc(fire)))")
                }
            }
            let history = try repository.history(job: job.name, limit: 5)
            if !history.isEmpty {
                lines.append("recent runs:")
                for run in history {
                    lines.append("  \(ScheduleTime.utc(run.nominal))  \(ScheduleSupport.colored(run.status))  \(ScheduleSupport.duration(run))  \(run.message ?? "")")
                }
            }
            Terminal.out(lines.joined(separator: "\n"))
        }
    }
}

/// `dateline schedule next NAME [--count N] [--from TIME]`.
struct ScheduleNextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next", abstract: "Print a job's next fire times, one per line (ISO 8601 with offset).")

    @Argument(help: "Job name.")
    var name: String

    @Option(help: "How many fire times.")
    var count: Int = 5

    @Option(help: ArgumentHelp("Start after this time (ISO 8601, or local YYYY-MM-DD HH:MM in the job's zone).", valueName: "time"))
    var from: String?

    @OptionGroup var options: ScheduleOptions

    func run() throws {
        guard count >= 0 else { throw ScheduleSupport.usage("schedule: --count must be 0 or more") }
        try reportingFailures {
            let repository = try options.openRepository()
            let job = try options.job(name, in: repository)
            let start = try ScheduleSupport.start(from, in: job.timeZone)
            for fire in job.schedule.fires(after: start, count: count) {
                Terminal.out(ScheduleSupport.local(fire, job.timeZone))
            }
        }
    }
}

/// `dateline schedule check EXPR [--tz ZONE] [--from TIME] [--count N]`: no database needed.
struct ScheduleCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a cron expression: print its normalized form, then the next fire times.",
        discussion: "A bad field or unknown zone is reported with the field's position and name (exit status 2)."
    )

    @Argument(help: "Cron expression (quote it).")
    var expression: String

    @Option(help: ArgumentHelp("IANA time zone (default: the system zone).", valueName: "zone"))
    var tz: String?

    @Option(help: ArgumentHelp("Start after this time (ISO 8601, or local YYYY-MM-DD HH:MM).", valueName: "time"))
    var from: String?

    @Option(help: "How many fire times.")
    var count: Int = 5

    func run() throws {
        guard count >= 0 else { throw ScheduleSupport.usage("schedule: --count must be 0 or more") }
        let schedule = try ScheduleSupport.schedule(expression, zone: tz)
        let start = try ScheduleSupport.start(from, in: schedule.timeZone)
        Terminal.out(schedule.expression.description)
        for fire in schedule.fires(after: start, count: count) {
            Terminal.out(ScheduleSupport.local(fire, schedule.timeZone))
        }
    }
}

/// `dateline schedule history [NAME] [--limit N]`.
struct ScheduleHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Recorded runs, newest first: nominal time (UTC), job, status, duration, message.")

    @Argument(help: "Only this job.")
    var name: String?

    @Option(help: "At most this many runs (0 = all).")
    var limit: Int = 20

    @OptionGroup var options: ScheduleOptions

    func run() throws {
        guard limit >= 0 else { throw ScheduleSupport.usage("schedule: --limit must be 0 or more") }
        try reportingFailures {
            let repository = try options.openRepository()
            let runs = try repository.history(job: name, limit: limit == 0 ? nil : limit)
            guard !runs.isEmpty else {
                Terminal.out(name.map { "no runs of \($0) recorded" } ?? "no runs recorded")
                return
            }
            let rows = runs.map { run in
                [ScheduleTime.utc(run.nominal), run.job, ScheduleSupport.colored(run.status),
                 ScheduleSupport.duration(run), run.message ?? ""]
            }
            Terminal.out(ScheduleSupport.table([["NOMINAL (UTC)", "JOB", "STATUS", "TIME", "MESSAGE"]] + rows,
                                               visibleWidth: ScheduleSupport.visibleWidth))
        }
    }
}

/// `dateline schedule logs NAME [RUN]`: print a run's log (default: the newest run with a log).
struct ScheduleLogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print the log of a job's run (default: the newest).",
        discussion: "RUN is the run's nominal time: ISO 8601 (2026-11-30T00:00:00Z), the file stamp (2026-11-30T00-00-00Z) or `latest`."
    )

    @Argument(help: "Job name.")
    var name: String

    @Argument(help: ArgumentHelp("Nominal time of the run.", valueName: "run"))
    var runTime: String?

    @OptionGroup var options: ScheduleOptions

    func run() throws {
        try reportingFailures {
            let repository = try options.openRepository()
            let zone = try repository.job(named: name)?.timeZone ?? TimeZone(secondsFromGMT: 0) ?? .current
            let record: RunRecord?
            if let text = runTime, text != "latest" {
                let nominal: Date
                if let stamp = ScheduleTime.parseFileStamp(text) {
                    nominal = stamp
                } else {
                    do { nominal = try ScheduleTime.parse(text, in: zone) } catch { throw ScheduleSupport.usage("schedule logs: \(error)") }
                }
                record = try repository.run(RunKey(job: name, nominal: nominal))
                guard record != nil else { throw StoreFailure("schedule: no run of \"\(name)\" at \(ScheduleTime.utc(nominal))") }
            } else {
                record = try repository.history(job: name, limit: nil).first { $0.logPath != nil }
                guard record != nil else { throw StoreFailure("schedule: no logged runs of \"\(name)\"") }
            }
            guard let path = record?.logPath else {
                throw StoreFailure("schedule: the run of \"\(name)\" has no log (skipped, or pruned by --keep)")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw StoreFailure("schedule: log \(path) is missing")
            }
            Terminal.write(String(decoding: data, as: UTF8.self))
        }
    }
}
