import ArgumentParser
import DatelineSchedule
import DatelineScheduler
import Foundation

/// `dateline schedule enable NAME`.
struct ScheduleEnableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enable", abstract: "Enable a schedule.")

    @Argument(help: "Job name.")
    var name: String

    @OptionGroup var options: ScheduleOptions

    func run() throws {
        try reportingFailures { try ScheduleToggle.set(name, enabled: true, options: options) }
    }
}

/// `dateline schedule disable NAME`.
struct ScheduleDisableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Disable a schedule (kept, with its history, but never run).")

    @Argument(help: "Job name.")
    var name: String

    @OptionGroup var options: ScheduleOptions

    func run() throws {
        try reportingFailures { try ScheduleToggle.set(name, enabled: false, options: options) }
    }
}

enum ScheduleToggle {
    /// Enabling does not catch up the slots missed while disabled: `createdAt` moves to now.
    static func set(_ name: String, enabled: Bool, options: ScheduleOptions) throws {
        let repository = try options.openRepository()
        var job = try options.job(name, in: repository)
        guard job.enabled != enabled else {
            Terminal.out("\(name) is already \(enabled ? "enabled" : "disabled")")
            return
        }
        job.enabled = enabled
        if enabled { job.createdAt = Date() }
        try repository.update(job)
        Terminal.out("\(enabled ? "enabled" : "disabled") \(name)")
    }
}

/// `dateline schedule remove NAME`.
struct ScheduleRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove a schedule (its run history and archived reports stay).")

    @Argument(help: "Job name.")
    var name: String

    @OptionGroup var options: ScheduleOptions

    func run() throws {
        try reportingFailures {
            let repository = try options.openRepository()
            _ = try options.job(name, in: repository)
            try repository.removeJob(named: name)
            Terminal.out("removed \(name) (history and \(options.archive.folder(job: name)) kept)")
        }
    }
}

/// `dateline schedule run NAME`: run a job now, by hand, and wait for it.
struct ScheduleRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a job now (by hand) and wait for it; exit status 1 when it fails.",
        discussion: "The run is recorded with the current time as its nominal time and archived like scheduled runs."
    )

    @Argument(help: "Job name.")
    var name: String

    @OptionGroup var options: ScheduleOptions

    func run() throws {
        var failed = false
        try reportingFailures {
            let repository = try options.openRepository()
            let job = try options.job(name, in: repository)
            TerminationSignal.install()
            let scheduler = ScheduleSupport.scheduler(options, repository: repository)
            let key = try scheduler.runNow(job)
            try scheduler.waitUntilIdle(shouldStop: { TerminationSignal.received != nil })
            if TerminationSignal.received != nil { try scheduler.stopAll(reason: "interrupted") }
            let record = try repository.run(key)
            failed = !(record?.status == .ok)
            if let output = record?.outputPath, record?.status == .ok { Terminal.out(output) }
        }
        if failed { throw ExitCode(1) }
    }
}

/// `dateline schedule run-due`: one planning pass; waits for the jobs it started (for cron/systemd).
struct ScheduleRunDueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-due",
        abstract: "Run the jobs that are due now (with catch-up), wait for them, and exit; exit status 1 if any failed.",
        discussion: "Meant to be called every minute by cron or a systemd timer (see `dateline schedule export`)."
    )

    @OptionGroup var options: ScheduleOptions

    func run() throws {
        var failed = false
        try reportingFailures {
            let repository = try options.openRepository()
            TerminationSignal.install()
            let scheduler = ScheduleSupport.scheduler(options, repository: repository)
            try scheduler.planAndStart()
            try scheduler.waitUntilIdle(shouldStop: { TerminationSignal.received != nil })
            if TerminationSignal.received != nil { try scheduler.stopAll(reason: "interrupted") }
            failed = !scheduler.failedRuns.isEmpty
        }
        if failed { throw ExitCode(1) }
    }
}

/// `dateline schedule daemon`: the foreground scheduler.
struct ScheduleDaemonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Run the scheduler in the foreground: fire due jobs as child processes until SIGTERM/Ctrl-C.",
        discussion: """
        Logs one line per event on stderr (UTC time, job, event). Jobs run as child processes \
        (`dateline run` / `dateline ingest`), so a crashing or hanging script cannot stop the daemon; \
        --timeout is enforced with SIGTERM, then SIGKILL. Slots missed while it was not running are \
        caught up per job (--catch-up). On SIGTERM or Ctrl-C running jobs are stopped and recorded as \
        killed, and the daemon exits 0. Runs left `running` by a crash are marked killed at start.

        Test-only: DATELINE_SCHEDULE_SECONDS=1 makes the minute field count seconds.
        """
    )

    @OptionGroup var options: ScheduleOptions

    func run() throws {
        try reportingFailures {
            let repository = try options.openRepository(mustExist: false)
            TerminationSignal.install()
            let scheduler = ScheduleSupport.scheduler(options, repository: repository)
            let jobs = try repository.jobs()
            scheduler.onEvent(SchedulerEvent(time: Date(), job: nil,
                message: "daemon started pid=\(getpid()) db=\(options.databasePath) reports=\(options.archive.root) jobs=\(jobs.count)"))
            try SchedulerDaemon(scheduler: scheduler).run()
            scheduler.onEvent(SchedulerEvent(time: Date(), job: nil, message: "daemon stopped"))
        }
    }
}

/// `dateline schedule export --systemd|--crontab`: units or crontab lines that drive `run-due`.
struct ScheduleExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print a systemd service+timer (or daemon service) or crontab lines that run the schedules.",
        discussion: """
        --systemd prints dateline-schedule.service and dateline-schedule.timer calling `run-due` \
        every minute (with --daemon: one long-running service instead). --crontab prints a line for \
        `crontab -e`.
        """
    )

    @Flag(help: "systemd units.")
    var systemd = false

    @Flag(help: "A crontab line.")
    var crontab = false

    @Flag(help: "With --systemd: a service running `dateline schedule daemon` instead of a timer.")
    var daemon = false

    @OptionGroup var options: ScheduleOptions

    func run() throws {
        guard systemd != crontab else { throw ScheduleSupport.usage("schedule export: give exactly one of --systemd or --crontab") }
        guard !daemon || systemd else { throw ScheduleSupport.usage("schedule export: --daemon goes with --systemd") }
        let exe = ScheduleSupport.executable
        let db = options.databasePath
        let reports = options.archive.root
        let folder = (db as NSString).deletingLastPathComponent
        let common = "--db \(Self.quote(db))" + (options.reports != nil ? " --reports \(Self.quote(reports))" : "")
        if crontab {
            Terminal.out("# dateline scheduled reports: run due jobs every minute (edit with `crontab -e`)")
            Terminal.out("* * * * * \(Self.quote(exe)) schedule run-due \(common) >> \(Self.quote((reports as NSString).appendingPathComponent("run-due.log"))) 2>&1")
            return
        }
        if daemon {
            Terminal.out("""
                # ~/.config/systemd/user/dateline-scheduler.service
                # enable with: systemctl --user enable --now dateline-scheduler.service
                [Unit]
                Description=Dateline scheduled reports (daemon)

                [Service]
                Type=simple
                WorkingDirectory=\(folder)
                ExecStart=\(Self.quote(exe)) schedule daemon \(common)
                Restart=on-failure
                KillSignal=SIGTERM
                TimeoutStopSec=30

                [Install]
                WantedBy=default.target
                """)
            return
        }
        Terminal.out("""
            # ~/.config/systemd/user/dateline-schedule.service
            [Unit]
            Description=Dateline scheduled reports (run due jobs)

            [Service]
            Type=oneshot
            WorkingDirectory=\(folder)
            ExecStart=\(Self.quote(exe)) schedule run-due \(common)

            # ~/.config/systemd/user/dateline-schedule.timer
            # enable with: systemctl --user enable --now dateline-schedule.timer
            [Unit]
            Description=Run due Dateline schedules every minute

            [Timer]
            OnCalendar=*-*-* *:*:00
            AccuracySec=1s
            Persistent=true

            [Install]
            WantedBy=timers.target
            """)
    }

    /// Single-quotes `text` for a shell when it contains anything but safe characters.
    static func quote(_ text: String) -> String {
        let safe = text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+=:,@".contains($0)) }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
