import DatelineSchedule
import DatelineScheduler
import DatelineStore
import Foundation
import XCTest

/// The scheduler with real child processes (`/bin/sh -c ...`) and an injected clock.
final class SchedulerTests: XCTestCase {
    let utc = zone("UTC")

    func testCatchUpAfterDowntimeRunsOnlyTheLatestSlotAndArchivesIt() throws {
        let fixture = try SchedulerFixture()
        try fixture.repository.add(try fixture.job("hourly", created: instant("2026-05-01T03:30:00Z")))
        // The daemon was down from 03:30 to 08:20: slots 04:00 ... 08:00 were missed.
        let clock = ManualClock(instant("2026-05-01T08:20:00Z"))
        let events = EventLog()
        let scheduler = fixture.scheduler(clock: clock, events: events) { _, _ in "echo \"report for $DATELINE_NOMINAL\"" }
        let plan = try scheduler.planAndStart()
        XCTAssertEqual(plan.runs.map(\.nominal), [instant("2026-05-01T08:00:00Z")])
        XCTAssertEqual(plan.runs.first?.isCatchUp, true)
        XCTAssertTrue(events.all.contains { $0.contains("5 missed slots, running only the latest") }, "\(events.all)")
        try scheduler.waitUntilIdle()

        let history = try fixture.repository.history(job: "hourly", limit: nil)
        XCTAssertEqual(history.map(\.status), [.ok])
        let output = fixture.archive.outputPath(job: "hourly", nominal: instant("2026-05-01T08:00:00Z"), format: nil)
        XCTAssertTrue(output.hasSuffix("reports/hourly/2026-05-01T08-00-00Z.txt"), output)
        XCTAssertEqual(history.first?.outputPath, output)
        XCTAssertEqual(try String(contentsOfFile: output, encoding: .utf8), "report for 2026-05-01T08:00:00Z\n")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: fixture.archive.latestLink(job: "hourly")),
                       "2026-05-01T08-00-00Z.txt")
        XCTAssertTrue(try String(contentsOfFile: try XCTUnwrap(history.first?.logPath), encoding: .utf8).contains("ok: exit status 0"))
        XCTAssertFalse(fixture.folder.list("reports/hourly/logs").contains { $0.hasSuffix(".stdout") }, "stdout capture cleaned up")

        // The same pass again (or a restarted scheduler) finds nothing to do; an hour later, one run.
        XCTAssertTrue(try scheduler.planAndStart().runs.isEmpty)
        let restarted = fixture.scheduler(clock: clock) { _, _ in "echo again" }
        XCTAssertTrue(try restarted.planAndStart().runs.isEmpty)
        clock.set(instant("2026-05-01T09:00:03Z"))
        XCTAssertEqual(try restarted.planAndStart().runs.map { $0.isCatchUp }, [false])
        try restarted.waitUntilIdle()
        XCTAssertEqual(try fixture.repository.history(job: "hourly", limit: nil).map(\.status), [.ok, .ok])
    }

    func testCatchUpAllRunsEveryMissedSlotInOrderAndNoneRunsNothing() throws {
        let fixture = try SchedulerFixture()
        try fixture.repository.add(try fixture.job("all", created: instant("2026-05-01T05:30:00Z"), catchUp: .all))
        try fixture.repository.add(try fixture.job("none", created: instant("2026-05-01T05:30:00Z"), catchUp: CatchUpPolicy.none))
        let clock = ManualClock(instant("2026-05-01T08:20:00Z"))
        let scheduler = fixture.scheduler(clock: clock) { _, nominal in "echo \(ScheduleTime.utc(nominal)); date +%s.%N >&2" }
        try scheduler.planAndStart()
        try scheduler.waitUntilIdle()
        XCTAssertEqual(try fixture.repository.history(job: "none", limit: nil).count, 0)
        let runs = try fixture.repository.history(job: "all", limit: nil)
        XCTAssertEqual(runs.map { ScheduleTime.utc($0.nominal) },
                       ["2026-05-01T08:00:00Z", "2026-05-01T07:00:00Z", "2026-05-01T06:00:00Z"])
        XCTAssertEqual(runs.map(\.status), [.ok, .ok, .ok])
        // Runs of one job never overlap: they ran one after the other, oldest first.
        XCTAssertEqual(scheduler.finishedRuns.map { ScheduleTime.utc($0.nominal) },
                       ["2026-05-01T06:00:00Z", "2026-05-01T07:00:00Z", "2026-05-01T08:00:00Z"])
        XCTAssertEqual(fixture.folder.list("reports/all").filter { $0.hasSuffix(".txt") },
                       ["2026-05-01T06-00-00Z.txt", "2026-05-01T07-00-00Z.txt", "2026-05-01T08-00-00Z.txt"])
    }

    func testOverlapSkipRecordsSkippedRunWhileTheSlowJobRuns() throws {
        let fixture = try SchedulerFixture()
        try fixture.repository.add(try fixture.job("slow", cron: "* * * * *", created: instant("2026-05-01T08:00:30Z")))
        let clock = ManualClock(instant("2026-05-01T08:01:00Z"))
        let scheduler = fixture.scheduler(clock: clock) { _, _ in "sleep 1.5; echo done" }
        try scheduler.planAndStart()
        XCTAssertEqual(scheduler.activeKeys.count, 1)
        clock.set(instant("2026-05-01T08:02:00Z"))
        let plan = try scheduler.planAndStart()
        XCTAssertEqual(plan.runs.count, 1)
        guard case .skip? = plan.runs.first?.action else { return XCTFail("expected skip, got \(plan.runs)") }
        try scheduler.waitUntilIdle()
        let runs = try fixture.repository.history(job: "slow", limit: nil)
        XCTAssertEqual(runs.map(\.status), [.skippedOverlap, .ok])
        XCTAssertEqual(runs.first?.message, "previous run (nominal 2026-05-01T08:01:00+00:00) still running")
    }

    func testOverlapQueueStartsAfterThePreviousRunEnds() throws {
        let fixture = try SchedulerFixture()
        try fixture.repository.add(try fixture.job("slow", cron: "* * * * *", created: instant("2026-05-01T08:00:30Z"), overlap: .queue))
        let clock = ManualClock(instant("2026-05-01T08:01:00Z"))
        let scheduler = fixture.scheduler(clock: clock) { _, _ in "date +%s.%N; sleep 1; date +%s.%N" }
        try scheduler.planAndStart()
        clock.set(instant("2026-05-01T08:02:00Z"))
        let plan = try scheduler.planAndStart()
        guard case .queue? = plan.runs.first?.action else { return XCTFail("expected queue, got \(plan.runs)") }
        XCTAssertEqual(scheduler.activeKeys.count, 1, "the queued run waits")
        // The queued slot is not recorded yet, but passed to the planner as pending: not planned twice.
        XCTAssertTrue(try scheduler.planAndStart().runs.isEmpty)
        try scheduler.waitUntilIdle()
        let runs = try fixture.repository.history(job: "slow", limit: nil)
        XCTAssertEqual(runs.map(\.status), [.ok, .ok])
        // The second run started (first line of its output) after the first one ended (last line).
        let times = try runs.reversed().map { run -> [Double] in
            try String(contentsOfFile: try XCTUnwrap(run.outputPath), encoding: .utf8).split(separator: "\n").compactMap { Double($0) }
        }
        XCTAssertEqual(times.map(\.count), [2, 2])
        XCTAssertGreaterThanOrEqual(times[1][0], times[0][1])
    }

    func testOverlapReplaceKillsThePreviousRunAndStartsTheNewOne() throws {
        let fixture = try SchedulerFixture()
        try fixture.repository.add(try fixture.job("slow", cron: "* * * * *", created: instant("2026-05-01T08:00:30Z"), overlap: .replace))
        let clock = ManualClock(instant("2026-05-01T08:01:00Z"))
        let scheduler = fixture.scheduler(clock: clock) { _, nominal in
            nominal == instant("2026-05-01T08:01:00Z") ? "sleep 30" : "echo fresh"
        }
        try scheduler.planAndStart()
        clock.set(instant("2026-05-01T08:02:00Z"))
        let started = Date()
        try scheduler.planAndStart()
        try scheduler.waitUntilIdle()
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "the sleeping run was stopped, not waited for")
        let runs = try fixture.repository.history(job: "slow", limit: nil)
        XCTAssertEqual(runs.map(\.status), [.ok, .killed])
        XCTAssertEqual(runs.last?.message, "replaced by the run for nominal 2026-05-01T08:02:00Z")
        XCTAssertEqual(try String(contentsOfFile: try XCTUnwrap(runs.first?.outputPath), encoding: .utf8), "fresh\n")
    }

    func testCrashingAndKilledChildrenAreRecordedAndTheSchedulerGoesOn() throws {
        let fixture = try SchedulerFixture()
        let created = instant("2026-05-01T07:30:00Z")
        let hookOutput = fixture.folder.file("hook.txt")
        try fixture.repository.add(try fixture.job("fails", created: created,
            onFailure: "echo \"$DATELINE_JOB|$DATELINE_STATUS|$DATELINE_NOMINAL|$DATELINE_LOG\" > '\(hookOutput)'"))
        try fixture.repository.add(try fixture.job("killed", created: created))
        try fixture.repository.add(try fixture.job("hangs", created: created, timeout: 1))
        try fixture.repository.add(try fixture.job("works", created: created))
        let clock = ManualClock(instant("2026-05-01T08:00:01Z"))
        let scheduler = fixture.scheduler(clock: clock) { job, _ in
            switch job.name {
            case "fails": return "echo partial; echo 'error: digest.lua:3: attempt to index a nil value' >&2; exit 1"
            case "killed": return "kill -9 $$"
            case "hangs": return "exec sleep 60"
            default: return "echo fine"
            }
        }
        let started = Date()
        try scheduler.planAndStart()
        try scheduler.waitUntilIdle()
        XCTAssertLessThan(Date().timeIntervalSince(started), 15, "the hanging job was stopped by its timeout")
        func run(_ name: String) throws -> RunRecord { try XCTUnwrap(try fixture.repository.history(job: name, limit: 1).first) }
        XCTAssertEqual(try run("fails").status, .scriptError)
        XCTAssertEqual(try run("fails").message, "exit status 1: error: digest.lua:3: attempt to index a nil value")
        XCTAssertNil(try run("fails").outputPath, "a failed run has no archived output")
        XCTAssertTrue(try String(contentsOfFile: try XCTUnwrap(try run("fails").logPath), encoding: .utf8).contains("partial"),
                      "stdout of a failed run goes to its log")
        XCTAssertEqual(try run("killed").status, .killed)
        XCTAssertEqual(try run("killed").message, "killed by signal 9 (SIGKILL)")
        XCTAssertEqual(try run("hangs").status, .timeout)
        XCTAssertEqual(try run("hangs").message, "timed out after 1 s (stopped by the scheduler)")
        XCTAssertEqual(try run("works").status, .ok)
        XCTAssertEqual(Set(scheduler.failedRuns.map(\.job)), ["fails", "killed", "hangs"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.archive.latestLink(job: "fails")))
        // The on-failure hook ran with the documented environment.
        let hook = try String(contentsOfFile: hookOutput, encoding: .utf8).trimmingCharacters(in: .newlines)
        XCTAssertEqual(hook, "fails|script-error|2026-05-01T08:00:00Z|\(try XCTUnwrap(try run("fails").logPath))")

        // Later slots still run.
        clock.set(instant("2026-05-01T09:00:01Z"))
        try scheduler.planAndStart()
        try scheduler.waitUntilIdle()
        XCTAssertEqual(try run("works").nominal, instant("2026-05-01T09:00:00Z"))
    }

    func testRunsLeftRunningByACrashAreMarkedKilled() throws {
        let fixture = try SchedulerFixture()
        // A pid that surely ended: a finished child of ours.
        let gone = try ChildProcess.spawn(ChildCommand(executable: "/bin/true", arguments: [], environment: [:], stdoutPath: "/dev/null"))
        XCTAssertEqual(gone.wait(timeout: 10), .exited(0))
        let alive = try ChildProcess.spawn(ChildCommand(executable: "/bin/sleep", arguments: ["30"], environment: [:], stdoutPath: "/dev/null"))
        defer { alive.stop(grace: 1) }
        let nominal = instant("2026-05-01T08:00:00Z")
        try fixture.repository.record(RunRecord(job: "crashed", nominal: nominal, started: nominal, status: .running, pid: gone.pid))
        try fixture.repository.record(RunRecord(job: "live", nominal: nominal, started: nominal, status: .running, pid: alive.pid))
        try fixture.repository.record(RunRecord(job: "nopid", nominal: nominal, started: nominal, status: .running))
        let scheduler = fixture.scheduler(clock: ManualClock(instant("2026-05-01T08:10:00Z"))) { _, _ in "true" }
        let recovered = try scheduler.recoverStaleRuns()
        XCTAssertEqual(Set(recovered.map(\.job)), ["crashed", "nopid"])
        XCTAssertEqual(try fixture.repository.history(job: "crashed", limit: 1).first?.status, .killed)
        XCTAssertEqual(try fixture.repository.history(job: "live", limit: 1).first?.status, .running)
    }

    func testKeepPrunesOldOutputsAndLogsSeparatelyForSuccessesAndFailures() throws {
        let fixture = try SchedulerFixture()
        try fixture.repository.add(try fixture.job("pruned", created: instant("2026-05-01T00:30:00Z"), keep: 2))
        let clock = ManualClock(instant("2026-05-01T00:30:00Z"))
        // Hours 1-4 succeed, 5-7 fail, 8 succeeds.
        let scheduler = fixture.scheduler(clock: clock) { _, nominal in
            let hour = Calendar(identifier: .gregorian).dateComponents(in: zone("UTC"), from: nominal).hour ?? 0
            return (5...7).contains(hour) ? "echo failing >&2; exit 3" : "echo hour \(hour)"
        }
        for hour in 1...8 {
            clock.set(instant("2026-05-01T00:00:10Z").addingTimeInterval(TimeInterval(hour * 3600)))
            try scheduler.planAndStart()
            try scheduler.waitUntilIdle()
        }
        let outputs = fixture.folder.list("reports/pruned").filter { $0.hasSuffix(".txt") }
        XCTAssertEqual(outputs, ["2026-05-01T04-00-00Z.txt", "2026-05-01T08-00-00Z.txt"])
        XCTAssertEqual(fixture.folder.list("reports/pruned/logs"),
                       ["2026-05-01T04-00-00Z.log", "2026-05-01T06-00-00Z.log", "2026-05-01T07-00-00Z.log", "2026-05-01T08-00-00Z.log"])
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: fixture.archive.latestLink(job: "pruned")),
                       "2026-05-01T08-00-00Z.txt")
        // History keeps every run; pruned ones lose their paths.
        let history = try fixture.repository.history(job: "pruned", limit: nil)
        XCTAssertEqual(history.count, 8)
        XCTAssertEqual(history.filter { $0.logPath != nil }.count, 4)
        XCTAssertNil(history.last?.outputPath)
    }

    func testSecondsUnitFiresEverySecondForTheEndToEndTest() throws {
        let schedule = CronSchedule(expression: try CronExpression(parsing: "* * * * *"), timeZone: utc, unit: .second)
        XCTAssertEqual(schedule.fires(after: instant("2026-05-01T08:00:58Z"), count: 3).map(ScheduleTime.utc),
                       ["2026-05-01T08:00:59Z", "2026-05-01T08:01:00Z", "2026-05-01T08:01:01Z"])
        let every20 = CronSchedule(expression: try CronExpression(parsing: "*/20 9 * * *"), timeZone: utc, unit: .second)
        XCTAssertEqual(every20.fires(after: instant("2026-05-01T09:59:30Z"), count: 3).map(ScheduleTime.utc),
                       ["2026-05-01T09:59:40Z", "2026-05-02T09:00:00Z", "2026-05-02T09:00:20Z"])
        let job = Job(name: "s", cron: try CronExpression(parsing: "* * * * *"), timeZone: utc, kind: .ingest(path: "x"),
                      createdAt: instant("2026-05-01T08:00:00Z"))
        XCTAssertEqual(DuePlanner(unit: .second).nextWake(jobs: [job], after: instant("2026-05-01T08:00:00Z")),
                       instant("2026-05-01T08:00:01Z"))
    }
}
