import DatelineSchedule
import XCTest

final class RepositoryTests: XCTestCase {
    func job(_ name: String) throws -> Job {
        Job(name: name, cron: try CronExpression(parsing: "@daily"), timeZone: zone("UTC"),
            kind: .ingest(path: "seeds"), createdAt: instant("2026-05-01T00:00:00Z"))
    }

    func testJobCrud() throws {
        let repo = InMemoryScheduleRepository()
        try repo.add(try job("b"))
        try repo.add(try job("a"))
        XCTAssertEqual(try repo.jobs().map(\.name), ["a", "b"])
        XCTAssertThrowsError(try repo.add(try job("a"))) { XCTAssertEqual("\($0)", #"schedule: job "a" already exists"#) }
        var changed = try job("a")
        changed.keep = 3
        changed.onFailure = "notify-send failed"
        try repo.update(changed)
        XCTAssertEqual(try repo.job(named: "a")?.keep, 3)
        XCTAssertThrowsError(try repo.update(try job("zzz"))) { XCTAssertEqual("\($0)", #"schedule: no job named "zzz""#) }
        try repo.removeJob(named: "b")
        XCTAssertNil(try repo.job(named: "b"))
        XCTAssertThrowsError(try repo.removeJob(named: "b"))
    }

    func testRunRecordingHistoryAndFinish() throws {
        let repo = InMemoryScheduleRepository()
        let n1 = instant("2026-05-01T00:00:00Z"), n2 = instant("2026-05-02T00:00:00Z")
        try repo.record(RunRecord(job: "a", nominal: n1, started: n1, status: .running))
        try repo.record(RunRecord(job: "a", nominal: n2, started: n2, status: .running))
        try repo.record(RunRecord(job: "b", nominal: n1, started: n1, ended: n1, status: .skippedOverlap))
        XCTAssertEqual(try repo.runningRuns(job: "a").map(\.nominal), [n1, n2])
        try repo.finish(RunKey(job: "a", nominal: n1), ended: n1 + 5, status: .timeout, message: "timed out after 5 s",
                        outputPath: nil, logPath: "logs/a-1.log")
        XCTAssertEqual(try repo.runningRuns(job: "a").map(\.nominal), [n2])
        XCTAssertEqual(try repo.history(job: "a", limit: nil).map(\.nominal), [n2, n1])
        XCTAssertEqual(try repo.history(job: nil, limit: 2).count, 2)
        XCTAssertEqual(try repo.history(job: "a", limit: nil).last?.status, .timeout)
        XCTAssertEqual(try repo.history(job: "a", limit: nil).last?.logPath, "logs/a-1.log")
        XCTAssertEqual(try repo.latestNominal(job: "a"), n2)
        XCTAssertNil(try repo.latestNominal(job: "c"))
        XCTAssertTrue(try repo.hasRun(RunKey(job: "b", nominal: n1)))
        XCTAssertFalse(try repo.hasRun(RunKey(job: "b", nominal: n2)))
        XCTAssertThrowsError(try repo.finish(RunKey(job: "a", nominal: n2), ended: n2, status: .running,
                                             message: nil, outputPath: nil, logPath: nil))
        XCTAssertThrowsError(try repo.finish(RunKey(job: "zz", nominal: n2), ended: n2, status: .ok,
                                             message: nil, outputPath: nil, logPath: nil))
    }

    func testRunKeyIgnoresSubSecondNoise() {
        let n = instant("2026-05-01T00:00:00Z")
        XCTAssertEqual(RunKey(job: "a", nominal: n), RunKey(job: "a", nominal: n.addingTimeInterval(0.0004)))
        XCTAssertNotEqual(RunKey(job: "a", nominal: n), RunKey(job: "b", nominal: n))
    }

    func testStatusRawValues() {
        XCTAssertEqual(RunStatus.allCases.map(\.rawValue),
                       ["ok", "script-error", "timeout", "killed", "skipped-overlap", "running"])
        XCTAssertEqual(RunStatus(rawValue: "script-error"), .scriptError)
        XCTAssertEqual(CatchUpPolicy(rawValue: "none"), CatchUpPolicy.none)
        XCTAssertEqual(OverlapPolicy(rawValue: "replace"), .replace)
    }
}

final class PrunePlanTests: XCTestCase {
    func run(_ job: String, _ hour: Int, _ status: RunStatus, output: String? = nil, log: String? = nil) -> RunRecord {
        let nominal = instant("2026-05-01T00:00:00Z").addingTimeInterval(TimeInterval(hour * 3600))
        return RunRecord(job: job, nominal: nominal, started: nominal, ended: nominal + 1, status: status,
                         outputPath: output ?? "out/\(job)-\(hour).html", logPath: log ?? "logs/\(job)-\(hour).log")
    }

    func testKeepsNewestNSuccessesAndFailuresSeparately() {
        let runs = [
            run("a", 1, .ok), run("a", 2, .scriptError), run("a", 3, .ok), run("a", 4, .timeout),
            run("a", 5, .ok), run("a", 6, .killed), run("a", 7, .ok), run("a", 8, .skippedOverlap, output: "", log: ""),
            run("a", 9, .running), run("b", 1, .ok),
        ]
        let plan = PrunePlan(runs: runs.shuffled(), keep: 2)
        // Successes 7, 5 kept (3, 1 pruned); failures 6, 4 kept (2 pruned); b has one success, kept.
        XCTAssertEqual(plan.prunedRuns.map { "\($0.job)\(Int($0.nominal.timeIntervalSince(instant("2026-05-01T00:00:00Z")) / 3600))" },
                       ["a3", "a2", "a1"])
        XCTAssertEqual(plan.outputsToDelete, ["out/a-3.html", "out/a-2.html", "out/a-1.html"])
        XCTAssertEqual(plan.logsToDelete, ["logs/a-3.log", "logs/a-2.log", "logs/a-1.log"])
    }

    func testKeepZeroAndNegative() {
        let runs = [run("a", 1, .ok), run("a", 2, .killed), run("a", 3, .running)]
        XCTAssertEqual(PrunePlan(runs: runs, keep: 0).prunedRuns.count, 2)
        XCTAssertEqual(PrunePlan(runs: runs, keep: -4).prunedRuns.count, 2)
        XCTAssertTrue(PrunePlan(runs: runs, keep: 1).prunedRuns.isEmpty)
    }

    func testSharedPathStillUsedByAKeptRunIsNotDeleted() {
        let runs = [run("a", 1, .ok, output: "out/latest.html"), run("a", 2, .ok, output: "out/latest.html")]
        let plan = PrunePlan(runs: runs, keep: 1)
        XCTAssertEqual(plan.prunedRuns.count, 1)
        XCTAssertEqual(plan.outputsToDelete, [])
        XCTAssertEqual(plan.logsToDelete, ["logs/a-1.log"])
    }
}
