import DatelineSchedule
import XCTest

final class DuePlannerTests: XCTestCase {
    let utc = zone("UTC")

    func hourlyJob(_ name: String = "hourly", catchUp: CatchUpPolicy = .latest, overlap: OverlapPolicy = .skip,
                   created: String = "2026-05-01T00:00:00Z") throws -> Job {
        Job(name: name, cron: try CronExpression(parsing: "0 * * * *"), timeZone: utc,
            kind: .script(path: "scripts/digest.lua", arguments: ["--top", "5"]),
            overlap: overlap, catchUp: catchUp, createdAt: instant(created))
    }

    /// A repository whose job last ran at 05:00, i.e. the scheduler was down from 05:xx on.
    func repository(with job: Job) throws -> InMemoryScheduleRepository {
        let repo = InMemoryScheduleRepository(jobs: [job])
        try repo.record(RunRecord(job: job.name, nominal: instant("2026-05-01T05:00:00Z"),
                                  started: instant("2026-05-01T05:00:01Z"), ended: instant("2026-05-01T05:00:09Z"),
                                  status: .ok))
        return repo
    }

    func nominals(_ plan: DuePlan) -> [Date] { plan.runs.map(\.nominal) }

    func testCatchUpLatestRunsOnlyTheLatestSlotAfterDowntime() throws {
        let job = try hourlyJob()
        let repo = try repository(with: job)
        // Back 30 s after the 09:00 slot: 06, 07, 08 were missed, 09 is due now.
        let plan = try DuePlanner().planDue(jobs: [job], repository: repo, now: instant("2026-05-01T09:00:30Z"))
        XCTAssertEqual(nominals(plan), [instant("2026-05-01T09:00:00Z")])
        XCTAssertEqual(plan.runs.first?.action, .start)
        XCTAssertEqual(plan.runs.first?.isCatchUp, false)
        XCTAssertEqual(plan.notes, ["job hourly: 3 missed slots, running only the latest (2026-05-01T09:00:00+00:00)"])
        // Back at 09:10: nothing is on time, the 09:00 slot runs as catch-up.
        let late = try DuePlanner().planDue(jobs: [job], repository: repo, now: instant("2026-05-01T09:10:00Z"))
        XCTAssertEqual(nominals(late), [instant("2026-05-01T09:00:00Z")])
        XCTAssertEqual(late.runs.first?.isCatchUp, true)
    }

    func testCatchUpAllRunsEveryMissedSlotInOrder() throws {
        let job = try hourlyJob(catchUp: .all)
        let repo = try repository(with: job)
        let plan = try DuePlanner().planDue(jobs: [job], repository: repo, now: instant("2026-05-01T09:10:00Z"))
        XCTAssertEqual(nominals(plan), ["06", "07", "08", "09"].map { instant("2026-05-01T\($0):00:00Z") })
        XCTAssertTrue(plan.notes.isEmpty)
    }

    func testCatchUpAllIsCappedWithANote() throws {
        let job = try hourlyJob(catchUp: .all)
        let repo = try repository(with: job)
        let plan = try DuePlanner(maxCatchUpRuns: 2).planDue(jobs: [job], repository: repo,
                                                              now: instant("2026-05-01T09:10:00Z"))
        XCTAssertEqual(nominals(plan), [instant("2026-05-01T08:00:00Z"), instant("2026-05-01T09:00:00Z")])
        XCTAssertEqual(plan.notes, ["job hourly: more than 2 missed slots, running only the newest 2 (catch-up all is capped)"])
    }

    func testCatchUpNoneSkipsMissedSlots() throws {
        let job = try hourlyJob(catchUp: .none)
        let repo = try repository(with: job)
        let onTime = try DuePlanner().planDue(jobs: [job], repository: repo, now: instant("2026-05-01T09:00:30Z"))
        XCTAssertEqual(nominals(onTime), [instant("2026-05-01T09:00:00Z")])
        XCTAssertEqual(onTime.notes, ["job hourly: skipped 3 missed slots (catch-up none)"])
        let late = try DuePlanner().planDue(jobs: [job], repository: repo, now: instant("2026-05-01T09:10:00Z"))
        XCTAssertTrue(late.runs.isEmpty)
        XCTAssertEqual(late.notes, ["job hourly: skipped 4 missed slots (catch-up none)"])
    }

    func testSimulatedDowntimeWithInjectedClock() throws {
        let job = try hourlyJob(catchUp: .all)
        let repo = InMemoryScheduleRepository(jobs: [job])
        let clock = ManualClock(instant("2026-05-01T01:00:05Z"))
        let planner = DuePlanner()
        var executed: [Date] = []
        func tick() throws {
            for run in try planner.planDue(jobs: try repo.jobs(), repository: repo, clock: clock).runs {
                try repo.record(RunRecord(job: run.job.name, nominal: run.nominal, started: clock.now(), status: .running))
                try repo.finish(run.key, ended: clock.now(), status: .ok, message: nil, outputPath: nil, logPath: nil)
                executed.append(run.nominal)
            }
        }
        try tick()                                   // 01:00 on time
        try tick()                                   // same instant again: dedupe, nothing new
        clock.set(instant("2026-05-01T04:20:00Z"))   // down from 01:00 to 04:20
        try tick()
        clock.advance(by: 40 * 60)                   // 05:00
        try tick()
        XCTAssertEqual(executed, ["01", "02", "03", "04", "05"].map { instant("2026-05-01T\($0):00:00Z") })
    }

    func testNewJobDoesNotRunSlotsBeforeItWasCreated() throws {
        let job = try hourlyJob(created: "2026-05-01T08:30:00Z")
        let repo = InMemoryScheduleRepository(jobs: [job])
        let plan = try DuePlanner().planDue(jobs: [job], repository: repo, now: instant("2026-05-01T09:00:10Z"))
        XCTAssertEqual(nominals(plan), [instant("2026-05-01T09:00:00Z")])
        XCTAssertTrue(plan.notes.isEmpty)
        let before = try DuePlanner().planDue(jobs: [job], repository: repo, now: instant("2026-05-01T08:59:59Z"))
        XCTAssertTrue(before.runs.isEmpty)
    }

    func testRecordedAndPendingSlotsAreNeverPlannedAgain() throws {
        let job = try hourlyJob()
        let repo = try repository(with: job)
        let now = instant("2026-05-01T06:00:10Z")
        let slot = RunKey(job: job.name, nominal: instant("2026-05-01T06:00:00Z"))
        XCTAssertEqual(try DuePlanner().planDue(jobs: [job], repository: repo, now: now).runs.map(\.key), [slot])
        XCTAssertTrue(try DuePlanner().planDue(jobs: [job], repository: repo, now: now, pending: [slot]).runs.isEmpty)
        try repo.record(RunRecord(job: job.name, nominal: instant("2026-05-01T06:00:00Z"), started: now, status: .running))
        XCTAssertTrue(try DuePlanner().planDue(jobs: [job], repository: repo, now: now).runs.isEmpty)
        // Restart safety: a second record of the same slot is refused by the repository too.
        XCTAssertThrowsError(try repo.record(RunRecord(job: job.name, nominal: instant("2026-05-01T06:00:00Z"),
                                                       started: now, status: .running))) { error in
            XCTAssertEqual(error as? ScheduleRepositoryError, .duplicateRun(slot))
        }
    }

    func testCatchUpSlotsWithoutRepository() throws {
        let job = try hourlyJob(catchUp: .all)
        let result = DuePlanner().catchUpSlots(for: job, after: instant("2026-05-01T05:00:00Z"),
                                               now: instant("2026-05-01T07:30:00Z"))
        XCTAssertEqual(result.slots, [instant("2026-05-01T06:00:00Z"), instant("2026-05-01T07:00:00Z")])
        XCTAssertTrue(result.notes.isEmpty)
        XCTAssertTrue(DuePlanner().catchUpSlots(for: job, after: instant("2026-05-01T07:00:00Z"),
                                                now: instant("2026-05-01T07:30:00Z")).slots.isEmpty)
    }

    func testNextWakeIsEarliestEnabledFire() throws {
        let hourly = try hourlyJob()
        var quarter = Job(name: "quarter", cron: try CronExpression(parsing: "*/15 * * * *"), timeZone: utc,
                          kind: .ingest(path: "seeds"), createdAt: instant("2026-05-01T00:00:00Z"))
        let now = instant("2026-05-01T09:20:00Z")
        XCTAssertEqual(DuePlanner().nextWake(jobs: [hourly, quarter], after: now), instant("2026-05-01T09:30:00Z"))
        quarter.enabled = false
        XCTAssertEqual(DuePlanner().nextWake(jobs: [hourly, quarter], after: now), instant("2026-05-01T10:00:00Z"))
        XCTAssertNil(DuePlanner().nextWake(jobs: [quarter], after: now))
    }

    func testDisabledJobsAreNotPlanned() throws {
        var job = try hourlyJob()
        job.enabled = false
        let repo = try repository(with: job)
        XCTAssertTrue(try DuePlanner().planDue(jobs: [job], repository: repo, now: instant("2026-05-01T09:00:10Z")).runs.isEmpty)
    }

    func runningRepository(for job: Job) throws -> (InMemoryScheduleRepository, RunRecord) {
        let repo = try repository(with: job)
        let running = RunRecord(job: job.name, nominal: instant("2026-05-01T06:00:00Z"),
                                started: instant("2026-05-01T06:00:01Z"), status: .running)
        try repo.record(running)
        return (repo, running)
    }

    func testOverlapSkipRecordsSkippedRun() throws {
        let job = try hourlyJob(overlap: .skip)
        let (repo, running) = try runningRepository(for: job)
        let now = instant("2026-05-01T07:00:02Z")
        let plan = try DuePlanner().planDue(jobs: [job], repository: repo, now: now)
        XCTAssertEqual(plan.runs.map(\.action), [.skip(because: running)])
        let skipped = try XCTUnwrap(plan.runs.first?.skippedRecord(at: now))
        XCTAssertEqual(skipped.status, .skippedOverlap)
        XCTAssertEqual(skipped.status.rawValue, "skipped-overlap")
        XCTAssertEqual(skipped.nominal, instant("2026-05-01T07:00:00Z"))
        XCTAssertEqual(skipped.message, "previous run (nominal 2026-05-01T06:00:00+00:00) still running")
        try repo.record(skipped)
        XCTAssertTrue(try DuePlanner().planDue(jobs: [job], repository: repo, now: now).runs.isEmpty)
    }

    func testOverlapQueueAndReplace() throws {
        let queued = try hourlyJob(overlap: .queue)
        let (repoQ, runningQ) = try runningRepository(for: queued)
        let planQ = try DuePlanner().planDue(jobs: [queued], repository: repoQ, now: instant("2026-05-01T07:00:02Z"))
        XCTAssertEqual(planQ.runs.map(\.action), [.queue(behind: runningQ)])
        XCTAssertNil(planQ.runs.first?.skippedRecord(at: Date()))

        let replacing = try hourlyJob(catchUp: .all, overlap: .replace)
        let (repoR, runningR) = try runningRepository(for: replacing)
        let planR = try DuePlanner().planDue(jobs: [replacing], repository: repoR, now: instant("2026-05-01T08:00:02Z"))
        XCTAssertEqual(planR.runs.map(\.nominal), [instant("2026-05-01T07:00:00Z"), instant("2026-05-01T08:00:00Z")])
        XCTAssertEqual(planR.runs.map(\.action), [.replace(runningR), .start])
    }

    func testNoOverlapWhenPreviousRunFinished() throws {
        let job = try hourlyJob(overlap: .skip)
        let (repo, running) = try runningRepository(for: job)
        try repo.finish(running.key, ended: instant("2026-05-01T06:30:00Z"), status: .scriptError,
                        message: "error in digest.lua:3", outputPath: nil, logPath: "logs/1.log")
        let plan = try DuePlanner().planDue(jobs: [job], repository: repo, now: instant("2026-05-01T07:00:02Z"))
        XCTAssertEqual(plan.runs.map(\.action), [.start])
    }

    func testPlanOrdersRunsAcrossJobsByNominalTime() throws {
        let a = try hourlyJob("b-hourly")
        let b = Job(name: "a-quarter", cron: try CronExpression(parsing: "*/15 * * * *"), timeZone: utc,
                    kind: .ingest(path: "seeds"), catchUp: .all, createdAt: instant("2026-05-01T08:40:00Z"))
        let repo = InMemoryScheduleRepository(jobs: [a, b])
        let plan = try DuePlanner().planDue(jobs: [a, b], repository: repo, now: instant("2026-05-01T09:00:05Z"))
        XCTAssertEqual(plan.runs.map { "\($0.job.name)@\(ScheduleTime.iso8601($0.nominal, in: utc))" },
                       ["a-quarter@2026-05-01T08:45:00+00:00", "a-quarter@2026-05-01T09:00:00+00:00",
                        "b-hourly@2026-05-01T09:00:00+00:00"])
    }

    func testFixedTimeJobAcrossDSTGapPlansOneRunRightAfterTheGap() throws {
        let berlin = zone("Europe/Berlin")
        let job = Job(name: "night", cron: try CronExpression(parsing: "30 2 * * *"), timeZone: berlin,
                      kind: .ingest(path: "seeds"), catchUp: .all, createdAt: instant("2026-03-28T12:00:00Z"))
        let repo = InMemoryScheduleRepository(jobs: [job])
        let plan = try DuePlanner().planDue(jobs: [job], repository: repo, now: instant("2026-03-29T01:00:20Z"))
        XCTAssertEqual(plan.runs.map { ScheduleTime.iso8601($0.nominal, in: berlin) }, ["2026-03-29T03:00:00+02:00"])
    }
}
