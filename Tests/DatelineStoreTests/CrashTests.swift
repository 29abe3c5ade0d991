import DatelineCore
@testable import DatelineStore
import DatelineTestSupport
import Foundation
import GRDB
import XCTest

/// Kills a real `dateline ingest` with SIGKILL part-way and checks the database is intact and that
/// re-running completes the corpus.
final class CrashTests: XCTestCase {
    func testKillDuringIngestLeavesConsistentDatabase() throws {
        let executable = try DatelineExecutable.require()
        let folder = try TemporaryFolder()
        let count = 2000
        for i in 0..<count {
            try folder.write("pages/\(i / 500)/page\(i).txt", Pages.article(seed: 10_000 + i, paragraphs: 3 + i % 5))
        }
        let db = folder.file("crash.sqlite")
        let batch = 50

        // A near-duplicate index this small fills every dozen articles: its rows are written out to `lsh`
        // inside the batches too (see `ArticleWriter.flushIndex`), and the kill may land in one of those.
        let ingest = try RunningProcess(executable, ["ingest", folder.file("pages"), "--db", db, "--quiet", "--batch-size", String(batch),
                                                     "--near-duplicate-rows", "200"])

        // Wait until some batches are committed, then kill without warning.
        var seen = 0
        let deadline = Date().addingTimeInterval(120)
        while ingest.isRunning, Date() < deadline {
            seen = (try? Self.articleCount(db)) ?? 0
            if seen >= 4 * batch { break }
            usleep(20_000)
        }
        guard ingest.isRunning else {
            throw XCTSkip("ingest finished before it could be killed (\(seen) articles seen)")
        }
        kill(ingest.pid, SIGKILL)
        _ = ingest.finish(timeout: nil)
        XCTAssertEqual(ingest.process.terminationReason, .uncaughtSignal)

        let store = try CorpusStore(path: db)
        XCTAssertEqual(try store.integrityCheck(), "ok")
        let stored = try store.count(ArticleQuery(includeDuplicates: true))
        XCTAssertGreaterThan(stored, 0)
        XCTAssertLessThan(stored, count, "killed before the end")
        XCTAssertEqual(stored % batch, 0, "only whole batches are committed")
        try Self.assertNoPartialArticles(store)

        // Re-running completes the work; nothing is stored twice.
        let rerun = try runProcess(executable, ["ingest", folder.file("pages"), "--db", db, "--quiet"], timeout: nil)
        let summaryText = rerun.stderr
        XCTAssertEqual(rerun.status, 0, summaryText)
        XCTAssertTrue(summaryText.contains("added \(count - stored), updated 0, unchanged \(stored)"), summaryText)
        XCTAssertEqual(try store.count(ArticleQuery(includeDuplicates: true)), count)
        XCTAssertEqual(try store.integrityCheck(), "ok")
        try Self.assertNoPartialArticles(store)
        try store.pool.read { db in
            let signatures = try Int.fetchOne(db, sql: "SELECT count(*) FROM minhash") ?? 0
            XCTAssertGreaterThan(signatures, 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM lsh"), 16 * signatures, "every signature's band rows")
            XCTAssertEqual(try BandTable.watermark(db), try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM article"))
        }
    }

    static func articleCount(_ path: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            try db.tableExists("article") ? (try Int.fetchOne(db, sql: "SELECT count(*) FROM article") ?? 0) : 0
        }
    }

    /// Every article has its raw text, index entry and source record; the FTS index is consistent.
    static func assertNoPartialArticles(_ store: CorpusStore, file: StaticString = #filePath, line: UInt = #line) throws {
        try store.pool.write { db in
            let withoutRaw = try Int.fetchOne(db, sql: "SELECT count(*) FROM article WHERE rowid NOT IN (SELECT article FROM article_raw)")
            XCTAssertEqual(withoutRaw, 0, "articles without raw text", file: file, line: line)
            let withoutSource = try Int.fetchOne(db, sql: "SELECT count(*) FROM article WHERE rowid NOT IN (SELECT article FROM source_file WHERE article IS NOT NULL)")
            XCTAssertEqual(withoutSource, 0, "articles without a source file", file: file, line: line)
            let dangling = try Int.fetchOne(db, sql: "SELECT count(*) FROM source_file WHERE article IS NOT NULL AND article NOT IN (SELECT rowid FROM article)")
            XCTAssertEqual(dangling, 0, "source files pointing at missing articles", file: file, line: line)
            let withoutSignature = try Int.fetchOne(db, sql: "SELECT count(*) FROM article WHERE word_count > 100 AND rowid NOT IN (SELECT article FROM minhash)")
            XCTAssertEqual(withoutSignature, 0, "articles without near-duplicate signature", file: file, line: line)
            let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM article_fts")
            let articles = try Int.fetchOne(db, sql: "SELECT count(*) FROM article")
            XCTAssertEqual(indexed, articles, "full-text rows", file: file, line: line)
            try db.execute(sql: "INSERT INTO article_fts (article_fts) VALUES ('integrity-check')")
        }
    }
}
