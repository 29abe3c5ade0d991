import DatelineSchedule
import DatelineScheduler
import DatelineStore
import Foundation
import GRDB
import XCTest

final class GRDBRepositoryTests: XCTestCase {
    func testJobRoundTripKeepsEveryField() throws {
        let fixture = try SchedulerFixture()
        let repo = fixture.repository
        let full = Job(name: "weekly-digest", cron: try CronExpression(parsing: "0 7 * * MON"), timeZone: zone("Europe/Berlin"),
                       kind: .script(path: "/srv/digest.lua", arguments: ["--days", "7", "two words", "ünïcode"]),
                       format: "html", keep: 12, timeout: 90.5, overlap: .replace, catchUp: .all,
                       onFailure: "notify-send \"$DATELINE_JOB failed\"", enabled: false,
                       createdAt: instant("2026-11-23T08:15:30Z").addingTimeInterval(0.25))
        let minimal = Job(name: "nightly", cron: try CronExpression(parsing: "@daily"), timeZone: zone("America/New_York"),
                          kind: .ingest(path: "/data/dumps"), createdAt: instant("2026-11-01T00:00:00Z"))
        try repo.add(full)
        try repo.add(minimal)
        XCTAssertEqual(try repo.jobs(), [minimal, full])
        XCTAssertEqual(try repo.job(named: "weekly-digest"), full)
        XCTAssertNil(try repo.job(named: "nope"))
        XCTAssertThrowsError(try repo.add(minimal)) { XCTAssertEqual("\($0)", #"schedule: job "nightly" already exists"#) }

        // A second connection (another process would see the same) reads the same rows.
        let reopened = GRDBScheduleRepository(store: try CorpusStore(path: fixture.store.path))
        XCTAssertEqual(try reopened.jobs(), [minimal, full])

        var changed = minimal
        changed.enabled = false
        changed.keep = 0
        changed.cron = try CronExpression(parsing: "*/15 * * * *")
        try repo.update(changed)
        XCTAssertEqual(try reopened.job(named: "nightly"), changed)
        XCTAssertThrowsError(try repo.update(try fixture.job("ghost", created: Date()))) {
            XCTAssertEqual("\($0)", #"schedule: no job named "ghost""#)
        }
        try repo.removeJob(named: "nightly")
        XCTAssertEqual(try repo.jobs().map(\.name), ["weekly-digest"])
        XCTAssertThrowsError(try repo.removeJob(named: "nightly"))
    }

    func testRunsAreUniquePerJobAndNominalTimeAcrossConnections() throws {
        let fixture = try SchedulerFixture()
        let repo = fixture.repository
        let other = GRDBScheduleRepository(store: try CorpusStore(path: fixture.store.path))
        let nominal = instant("2026-11-30T00:00:00Z")
        try repo.record(RunRecord(job: "a", nominal: nominal, started: nominal, status: .running, pid: 4242))
        // Same slot from a restarted daemon (another connection), even with sub-second noise: refused.
        XCTAssertThrowsError(try other.record(RunRecord(job: "a", nominal: nominal.addingTimeInterval(0.0004),
                                                        started: Date(), status: .running))) { error in
            XCTAssertEqual(error as? ScheduleRepositoryError, .duplicateRun(RunKey(job: "a", nominal: nominal)))
        }
        // Another job, or another slot, is fine.
        try other.record(RunRecord(job: "b", nominal: nominal, started: nominal, status: .running))
        try other.record(RunRecord(job: "a", nominal: nominal + 60, started: nominal + 60, status: .running))
        XCTAssertEqual(try fixture.store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM schedule_run") }, 3)
        XCTAssertTrue(try repo.hasRun(RunKey(job: "a", nominal: nominal)))
        XCTAssertFalse(try repo.hasRun(RunKey(job: "a", nominal: nominal + 1)))
        // The stored nominal time is readable UTC text (the unique key).
        XCTAssertEqual(try fixture.store.pool.read {
            try String.fetchAll($0, sql: "SELECT nominal_time FROM schedule_run WHERE job = 'a' ORDER BY nominal_time")
        }, ["2026-11-30T00:00:00Z", "2026-11-30T00:01:00Z"])
    }

    func testHistoryFinishRunningAndPaths() throws {
        let fixture = try SchedulerFixture()
        let repo = fixture.repository
        let n1 = instant("2026-05-01T00:00:00Z"), n2 = instant("2026-05-02T00:00:00Z")
        let started = n1.addingTimeInterval(1.5)
        try repo.record(RunRecord(job: "a", nominal: n1, started: started, status: .running, logPath: "/r/a/logs/1.log"))
        try repo.record(RunRecord(job: "a", nominal: n2, started: n2, status: .running))
        try repo.record(RunRecord(job: "b", nominal: n1, started: n1, ended: n1, status: .skippedOverlap, message: "busy"))
        XCTAssertEqual(try repo.runningRuns(job: "a").map(\.nominal), [n1, n2])
        XCTAssertEqual(try repo.allRunning().count, 2)
        try repo.setPID(RunKey(job: "a", nominal: n2), pid: 777)
        XCTAssertEqual(try repo.run(RunKey(job: "a", nominal: n2))?.pid, 777)

        try repo.finish(RunKey(job: "a", nominal: n1), ended: started + 2.25, status: .timeout, message: "timed out after 2 s",
                        outputPath: nil, logPath: nil)
        let finished = try XCTUnwrap(try repo.run(RunKey(job: "a", nominal: n1)))
        XCTAssertEqual(finished.status, .timeout)
        XCTAssertEqual(finished.message, "timed out after 2 s")
        XCTAssertEqual(finished.logPath, "/r/a/logs/1.log", "nil keeps the recorded path")
        XCTAssertEqual(finished.started.timeIntervalSince1970, started.timeIntervalSince1970, accuracy: 0.001)
        XCTAssertEqual(try XCTUnwrap(finished.ended).timeIntervalSince(finished.started), 2.25, accuracy: 0.002)

        XCTAssertEqual(try repo.history(job: "a", limit: nil).map(\.nominal), [n2, n1])
        XCTAssertEqual(try repo.history(job: nil, limit: nil).map { "\($0.job)\($0.status.rawValue)" },
                       ["arunning", "bskipped-overlap", "atimeout"])
        XCTAssertEqual(try repo.history(job: nil, limit: 1).count, 1)
        XCTAssertEqual(try repo.latestNominal(job: "a"), n2)
        XCTAssertNil(try repo.latestNominal(job: "zzz"))
        XCTAssertEqual(try repo.runningRuns(job: "a").map(\.nominal), [n2])

        try repo.clearPaths(of: [RunKey(job: "a", nominal: n1)], outputs: true, logs: true)
        XCTAssertNil(try repo.run(RunKey(job: "a", nominal: n1))?.logPath)
        XCTAssertThrowsError(try repo.finish(RunKey(job: "a", nominal: n2), ended: n2, status: .running, message: nil,
                                             outputPath: nil, logPath: nil))
        XCTAssertThrowsError(try repo.finish(RunKey(job: "zz", nominal: n2), ended: n2, status: .ok, message: nil,
                                             outputPath: nil, logPath: nil)) {
            XCTAssertEqual($0 as? ScheduleRepositoryError, .unknownRun(RunKey(job: "zz", nominal: n2)))
        }
    }

    func testPlannerDedupesAgainstTheStoreAfterARestart() throws {
        let fixture = try SchedulerFixture()
        let job = try fixture.job("hourly", created: instant("2026-05-01T05:30:00Z"))
        try fixture.repository.add(job)
        let now = instant("2026-05-01T08:00:05Z")
        let plan = try DuePlanner().planDue(jobs: [job], repository: fixture.repository, now: now)
        XCTAssertEqual(plan.runs.map(\.nominal), [instant("2026-05-01T08:00:00Z")])
        try fixture.repository.record(RunRecord(job: "hourly", nominal: instant("2026-05-01T08:00:00Z"), started: now, status: .ok))
        let restarted = GRDBScheduleRepository(store: try CorpusStore(path: fixture.store.path))
        XCTAssertTrue(try DuePlanner().planDue(jobs: try restarted.jobs(), repository: restarted, now: now).runs.isEmpty)
    }

    func testUnreadableStoredJobGivesAClearError() throws {
        let fixture = try SchedulerFixture()
        try fixture.repository.add(try fixture.job("ok", created: Date()))
        try fixture.store.pool.write { try $0.execute(sql: "UPDATE schedule SET tz = 'Mars/Olympus'") }
        XCTAssertThrowsError(try fixture.repository.jobs()) {
            XCTAssertEqual("\($0)", #"schedule: stored job "ok" is unreadable: unknown time zone "Mars/Olympus""#)
        }
    }

    func testMigrationCreatesScheduleTables() throws {
        let fixture = try SchedulerFixture()
        try fixture.store.pool.read { db in
            XCTAssertTrue(try db.tableExists("schedule"))
            XCTAssertTrue(try db.tableExists("schedule_run"))
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid").contains("v3-schedules"), true)
        }
    }
}
