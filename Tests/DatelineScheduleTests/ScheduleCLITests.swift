import DatelineSchedule
import DatelineScheduler
import DatelineStore
import DatelineTestSupport
import Foundation
import XCTest

/// The `dateline schedule` commands and the real daemon, run as processes (skipped when the
/// executable is not built next to the tests).
final class ScheduleCLITests: XCTestCase {
    func testAddRefusesBadExpressionsAndZonesNamingTheField() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("corpus.sqlite")
        let script = try folder.write("digest.lua", "print('hi')\n")
        let cases: [([String], String)] = [
            (["--cron", "0 7 * * MONDAY"], #"error: cron: field 5 (day-of-week) "MONDAY": "MONDAY" is not a number or a weekday name (SUN-SAT)"#),
            (["--cron", "0 25 * * *"], #"error: cron: field 2 (hour) "25": value out of range 0-23"#),
            (["--cron", "0 0 30 2 *"], #"error: cron: "0 0 30 2 *" can never fire (February has no day 30)"#),
            (["--cron", "0 7 * *"], #"error: cron: "0 7 * *" has 4 fields, expected 5"#),
            (["--cron", "@daily", "--tz", "Europe/Berlinn"], #"error: schedule: unknown time zone "Europe/Berlinn" (use an IANA name such as Europe/Berlin)"#),
            (["--cron", "@daily", "--overlap", "wait"], #"error: schedule: --overlap "wait" must be skip, queue or replace"#),
        ]
        for (options, message) in cases {
            let result = try dateline(["schedule", "add", "digest", "--script", script, "--db", db] + options)
            XCTAssertEqual(result.status, 2, "\(options)")
            XCTAssertTrue(result.stderr.hasPrefix(message), "\(options): \(result.stderr)")
        }
        let noKind = try dateline(["schedule", "add", "digest", "--cron", "@daily", "--db", db])
        XCTAssertEqual(noKind.status, 2)
        XCTAssertTrue(noKind.stderr.contains("give exactly one of --script FILE or --ingest PATH"), noKind.stderr)
        // Nothing was added.
        let list = try dateline(["schedule", "list", "--db", db])
        XCTAssertTrue(list.stdout.contains("no schedules") || list.status == 1, list.stdout + list.stderr)
    }

    func testCheckPrintsNormalizedFormThenFireTimes() throws {
        let result = try dateline(["schedule", "check", "30 2 * * SUN", "--tz", "Europe/Berlin",
                                   "--from", "2026-03-20T00:00:00+01:00", "--count", "3"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            30 2 * * 0
            2026-03-22T02:30:00+01:00
            2026-03-29T03:00:00+02:00
            2026-04-05T02:30:00+02:00

            """)
        let bad = try dateline(["schedule", "check", "*/0 * * * *"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr, "error: cron: field 1 (minute) \"*/0\": step must be a whole number of at least 1\n")
        let badZone = try dateline(["schedule", "check", "@daily", "--tz", "Nowhere/Land"])
        XCTAssertEqual(badZone.status, 2)
        XCTAssertTrue(badZone.stderr.contains(#"unknown time zone "Nowhere/Land""#), badZone.stderr)
    }

    func testAddListShowNextEnableDisableRemoveRunAndLogs() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("corpus.sqlite")
        let good = try folder.write("good.lua", "print('total', 3 * 7)\n")
        let bad = try folder.write("bad.lua", "error('boom: no data')\n")
        XCTAssertEqual(try dateline(["schedule", "add", "good", "--cron", "0 7 * * MON", "--tz", "Europe/Berlin",
                                     "--script", good, "--keep", "3", "--db", db]).status, 0)
        let added = try dateline(["schedule", "add", "bad", "--cron", "@hourly", "--tz", "UTC", "--script", bad, "--db", db])
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertTrue(added.stdout.hasPrefix("added bad: 0 * * * * in "), added.stdout)

        let next = try dateline(["schedule", "next", "good", "--count", "2", "--from", "2026-03-28 12:00", "--db", db])
        XCTAssertEqual(next.stdout, "2026-03-30T07:00:00+02:00\n2026-04-06T07:00:00+02:00\n")

        let run = try dateline(["schedule", "run", "good", "--db", db])
        XCTAssertEqual(run.status, 0, run.stderr)
        let output = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(output.hasPrefix(folder.file("reports/good/")) && output.hasSuffix("Z.txt"), output)
        XCTAssertTrue(try String(contentsOfFile: output, encoding: .utf8).contains("21"))
        XCTAssertTrue(try String(contentsOfFile: folder.file("reports/good/latest"), encoding: .utf8).contains("21"))

        let failed = try dateline(["schedule", "run", "bad", "--db", db])
        XCTAssertEqual(failed.status, 1, "a failed run exits non-zero")
        XCTAssertTrue(failed.stderr.contains("status=script-error"), failed.stderr)

        let list = try dateline(["schedule", "list", "--db", db])
        XCTAssertEqual(list.status, 0)
        let lines = list.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, list.stdout)
        XCTAssertTrue(lines[0].hasPrefix("NAME"))
        XCTAssertTrue(lines[1].hasPrefix("bad ") && lines[1].contains("script-error") && !lines[1].contains("\u{1B}"),
                      "no color when stdout is not a terminal: \(lines[1])")
        XCTAssertTrue(lines[2].contains("Europe/Berlin") && lines[2].contains("+0") && lines[2].contains("Z ") && lines[2].contains(" ok "),
                      lines[2])

        let logs = try dateline(["schedule", "logs", "bad", "--db", db])
        XCTAssertTrue(logs.stdout.contains("boom: no data"), logs.stdout)
        let repository = GRDBScheduleRepository(store: try CorpusStore(path: db))
        let badRun = try XCTUnwrap(try repository.history(job: "bad", limit: 1).first)
        for name in [ScheduleTime.fileStamp(badRun.nominal), ScheduleTime.utc(badRun.nominal)] {
            XCTAssertEqual(try dateline(["schedule", "logs", "bad", name, "--db", db]).stdout, logs.stdout, name)
        }
        let noSuchRun = try dateline(["schedule", "logs", "bad", "2020-01-01T00:00:00Z", "--db", db])
        XCTAssertEqual(noSuchRun.stderr, "error: schedule: no run of \"bad\" at 2020-01-01T00:00:00Z\n")
        let history = try dateline(["schedule", "history", "--db", db])
        XCTAssertTrue(history.stdout.contains("script-error") && history.stdout.contains("boom: no data"), history.stdout)

        XCTAssertEqual(try dateline(["schedule", "disable", "good", "--db", db]).stdout, "disabled good\n")
        XCTAssertTrue(try dateline(["schedule", "show", "good", "--db", db]).stdout.contains("name:       good (disabled)"))
        XCTAssertEqual(try dateline(["schedule", "enable", "good", "--db", db]).stdout, "enabled good\n")
        XCTAssertEqual(try dateline(["schedule", "remove", "bad", "--db", db]).status, 0)
        let missing = try dateline(["schedule", "show", "bad", "--db", db])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "error: schedule: no job named \"bad\" (see `dateline schedule list`)\n")

        let cron = try dateline(["schedule", "export", "--crontab", "--db", db])
        XCTAssertTrue(cron.stdout.contains("* * * * * ") && cron.stdout.contains("schedule run-due --db \(db)"), cron.stdout)
        let systemd = try dateline(["schedule", "export", "--systemd", "--db", db])
        XCTAssertTrue(systemd.stdout.contains("OnCalendar=*-*-* *:*:00") && systemd.stdout.contains("schedule run-due --db \(db)"))
    }

    func testScriptTimeoutAndIngestJobsRunByHand() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("corpus.sqlite")
        let spin = try folder.write("spin.lua", "local x = 0\nwhile true do x = x + 1 end\n")
        XCTAssertEqual(try dateline(["schedule", "add", "spin", "--cron", "@daily", "--script", spin, "--timeout", "1", "--db", db]).status, 0)
        let timedOut = try dateline(["schedule", "run", "spin", "--db", db])
        XCTAssertEqual(timedOut.status, 1)
        XCTAssertTrue(timedOut.stderr.contains("status=timeout"), timedOut.stderr)

        // An ingest job: `dateline ingest` as the child, into the same database; no archived output.
        let seeds = repositoryRoot.appendingPathComponent("seeds")
        guard let seed = ((try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []).sorted().first(where: { $0.hasSuffix(".txt") }) else {
            throw XCTSkip("no seeds/ folder next to the tests")
        }
        try FileManager.default.createDirectory(atPath: folder.file("dumps"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: seeds.appendingPathComponent(seed).path, toPath: folder.file("dumps/" + seed))
        XCTAssertEqual(try dateline(["schedule", "add", "ingest", "--cron", "@hourly", "--ingest", folder.file("dumps"), "--db", db]).status, 0)
        let ingest = try dateline(["schedule", "run", "ingest", "--db", db])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let repository = GRDBScheduleRepository(store: try CorpusStore(path: db))
        let run = try XCTUnwrap(try repository.history(job: "ingest", limit: 1).first)
        XCTAssertEqual(run.status, .ok)
        XCTAssertNil(run.outputPath)
        XCTAssertTrue(try String(contentsOfFile: try XCTUnwrap(run.logPath), encoding: .utf8).contains("added 1"))
        XCTAssertEqual(try repository.store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM article") }, 1)
    }

    func testRunDueRunsDueJobsAndFailsLoudly() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("corpus.sqlite")
        let bad = try folder.write("bad.lua", "error('nope')\n")
        let marker = folder.file("failed.txt")
        XCTAssertEqual(try dateline(["schedule", "add", "bad", "--cron", "* * * * *", "--script", bad, "--db", db,
                                     "--on-failure", "echo \"$DATELINE_STATUS\" > '\(marker)'"]).status, 0)
        // Seconds mode: a slot is due within a second of adding the job.
        usleep(1_200_000)
        let result = try dateline(["schedule", "run-due", "--db", db], environment: ["DATELINE_SCHEDULE_SECONDS": "1"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(try String(contentsOfFile: marker, encoding: .utf8), "script-error\n")
    }

    func testSIGTERMStopsTheDaemonWhichRecordsRunningJobsAsKilledAndExitsZero() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("corpus.sqlite")
        let spin = try folder.write("spin.lua", "local x = 0\nwhile true do x = x + 1 end\n")
        XCTAssertEqual(try dateline(["schedule", "add", "spin", "--cron", "* * * * *", "--script", spin, "--timeout", "30", "--db", db]).status, 0)
        let daemon = try startDateline(["schedule", "daemon", "--db", db], environment: ["DATELINE_SCHEDULE_SECONDS": "1"])
        let repository = GRDBScheduleRepository(store: try CorpusStore(path: db))
        // Wait until the child's pid is recorded (the run is recorded just before it is spawned).
        let started = try eventually { try repository.allRunning().first?.pid != nil }
        XCTAssertTrue(started, "the daemon started the job")
        let running = try repository.allRunning()
        let childPID = try XCTUnwrap(running.first?.pid)
        kill(daemon.process.processIdentifier, SIGTERM)
        let exited = eventually(timeout: 20) { !daemon.process.isRunning }
        XCTAssertTrue(exited, "the daemon exits after SIGTERM")
        if !exited { daemon.process.interrupt(); kill(daemon.process.processIdentifier, SIGKILL) }
        let result = daemon.finish(timeout: 60)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("daemon started"), result.stderr)
        XCTAssertTrue(result.stderr.contains("sending SIGTERM"), result.stderr)
        XCTAssertTrue(try repository.allRunning().isEmpty)
        let killed = try XCTUnwrap(try repository.run(try XCTUnwrap(running.first).key))
        XCTAssertEqual(killed.status, .killed)
        XCTAssertTrue(killed.message?.hasPrefix("stopped: the scheduler was shut down") ?? false, killed.message ?? "")
        XCTAssertFalse(ChildProcess.isAlive(childPID), "the child was stopped too")
    }

    func testDaemonCrashLeavesRunningRunsThatTheNextStartMarksKilled() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("corpus.sqlite")
        let spin = try folder.write("spin.lua", "local x = 0\nwhile true do x = x + 1 end\n")
        XCTAssertEqual(try dateline(["schedule", "add", "spin", "--cron", "* * * * *", "--script", spin, "--timeout", "30", "--db", db]).status, 0)
        let daemon = try startDateline(["schedule", "daemon", "--db", db], environment: ["DATELINE_SCHEDULE_SECONDS": "1"])
        let repository = GRDBScheduleRepository(store: try CorpusStore(path: db))
        XCTAssertTrue(try eventually { try repository.allRunning().first?.pid != nil })
        let orphan = try XCTUnwrap(try repository.allRunning().first)
        kill(daemon.process.processIdentifier, SIGKILL)
        // The orphaned child lives on in its own process group; end it as a crash would leave it.
        if let pid = orphan.pid { kill(-pid, SIGKILL); kill(pid, SIGKILL) }
        _ = daemon.finish(timeout: 60)
        XCTAssertTrue(eventually(timeout: 10) { !ChildProcess.isAlive(orphan.pid ?? 0) })
        XCTAssertEqual(try repository.run(orphan.key)?.status, .running, "a crash leaves the run marked running")
        // `run-due` starts like the daemon does, marking the stale run killed (the job is disabled so
        // that nothing else starts).
        XCTAssertEqual(try dateline(["schedule", "disable", "spin", "--db", db]).status, 0)
        let pass = try dateline(["schedule", "run-due", "--db", db])
        XCTAssertEqual(pass.status, 0, pass.stderr)
        XCTAssertEqual(try repository.run(orphan.key)?.status, .killed)
        XCTAssertTrue(pass.stderr.contains("recovered"), pass.stderr)
    }

    /// The end-to-end test: the real daemon, a schedule firing every "minute" (seconds in test mode),
    /// a Lua script printing its report, archived outputs with a `latest` link, pruned by --keep.
    func testDaemonRunsAScheduleAndArchivesReportsWithLatestLink() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("corpus.sqlite")
        let reports = folder.file("archive")
        let script = try folder.write("tick.lua", "print('tick report', arg[1])\n")
        let add = try dateline(["schedule", "add", "tick", "--cron", "* * * * *", "--tz", "UTC", "--script", script,
                                "--keep", "2", "--db", db, "--reports", reports, "--", "from-e2e"])
        XCTAssertEqual(add.status, 0, add.stderr)
        let daemon = try startDateline(["schedule", "daemon", "--db", db, "--reports", reports],
                                       environment: ["DATELINE_SCHEDULE_SECONDS": "1"])
        let repository = GRDBScheduleRepository(store: try CorpusStore(path: db))
        let ranThrice = try eventually(timeout: 40) {
            try repository.history(job: "tick", limit: nil).filter { $0.status == .ok }.count >= 3
        }
        kill(daemon.process.processIdentifier, SIGTERM)
        XCTAssertTrue(eventually(timeout: 20) { !daemon.process.isRunning })
        let result = daemon.finish(timeout: 60)
        XCTAssertTrue(ranThrice, "three successful runs: \(result.stderr)")
        XCTAssertEqual(result.status, 0, result.stderr)

        let runs = try repository.history(job: "tick", limit: nil)
        let oks = runs.filter { $0.status == .ok }
        let newest = try XCTUnwrap(oks.first)
        let outputs = ((try? FileManager.default.contentsOfDirectory(atPath: reports + "/tick")) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertEqual(outputs.count, 2, "--keep 2 prunes older outputs: \(outputs)")
        for name in outputs {
            XCTAssertNotNil(name.range(of: #"^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.txt$"#, options: .regularExpression), name)
        }
        XCTAssertEqual(newest.outputPath, reports + "/tick/" + ScheduleTime.fileStamp(newest.nominal) + ".txt")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: reports + "/tick/latest"),
                       ScheduleTime.fileStamp(newest.nominal) + ".txt")
        let latest = try String(contentsOfFile: reports + "/tick/latest", encoding: .utf8)
        XCTAssertTrue(latest.contains("tick report") && latest.contains("from-e2e"), latest)
        XCTAssertTrue(FileManager.default.fileExists(atPath: reports + "/tick/logs/" + ScheduleTime.fileStamp(newest.nominal) + ".log"))
        // One line per event on stderr, with an ISO timestamp and the job name.
        let started = result.stderr.split(separator: "\n").filter { $0.contains(" tick started nominal=") }
        XCTAssertGreaterThanOrEqual(started.count, 3)
        XCTAssertNotNil(started.first?.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ tick started"#, options: .regularExpression))
        // Nominal times are whole distinct seconds: no slot ran twice.
        XCTAssertEqual(Set(runs.map(\.key)).count, runs.count)
    }
}
