@testable import DatelineStore
import DatelineTestSupport
import Foundation
import GRDB
import XCTest

/// The `lsh` table may lag behind the signatures while an ingest runs (see `BandTable`); these tests
/// check that it never lags where it is read and that it holds exactly the stored signatures' bands
/// once a run, an update, a deletion or a reparse is done.
final class BandTableTests: XCTestCase {
    private func reprint(_ text: String, _ n: Int) -> String {
        let cut = text.index(text.endIndex, offsetBy: -50)
        return "Reprint \(n): " + String(text[..<cut]) + " (edited \(n))\n"
    }

    /// Every band of every stored signature, as (band key, article) rows.
    private func expectedRows(_ db: Database) throws -> Set<[Int64]> {
        var rows = Set<[Int64]>()
        for row in try Row.fetchAll(db, sql: "SELECT article, signature FROM minhash") {
            let article: Int64 = row[0]
            let signature = try XCTUnwrap(MinHash(blob: row[1]))
            for bucket in signature.bandKeys { rows.insert([bucket, article]) }
        }
        return rows
    }

    private func assertRowsMatchSignatures(_ store: CorpusStore, _ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try store.pool.read { db in
            let stored = Set(try Row.fetchAll(db, sql: "SELECT bucket, article FROM lsh").map { [$0[0] as Int64, $0[1] as Int64] })
            let expected = try expectedRows(db)
            XCTAssertFalse(expected.isEmpty, context, file: file, line: line)
            XCTAssertEqual(stored.count, expected.count, context, file: file, line: line)
            XCTAssertEqual(stored, expected, context, file: file, line: line)
            XCTAssertEqual(try BandTable.watermark(db), try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM article"), context, file: file, line: line)
        }
        XCTAssertEqual(try store.integrityCheck(), "ok", file: file, line: line)
    }

    private func nearDuplicateOf(_ store: CorpusStore, _ name: String) throws -> String? {
        try store.pool.read { db in
            try String.fetchOne(db, sql: """
                SELECT o.path FROM source_file s JOIN article a ON a.rowid = s.article JOIN article o ON o.rowid = a.duplicate_of
                WHERE s.path LIKE ?
                """, arguments: ["%/" + name]).map { URL(fileURLWithPath: $0).lastPathComponent }
        }
    }

    func testRowsFollowSignaturesThroughRunsUpdatesDeletionsAndReparse() throws {
        for lookup in CandidateLookup.all {
            let mode = "\(lookup)"
            let folder = try TemporaryFolder()
            let originals = (0..<12).map { Pages.article(seed: 300 + $0, paragraphs: 8) }
            for (i, text) in originals.enumerated() { try folder.write("run1/o\(i).txt", text) }
            try folder.write("run1/r0.txt", reprint(originals[0], 0))
            let store = try makeStore(folder)
            let first = Ingester(store: store)
            lookup.apply(to: first)
            first.batchSize = 4  // several batches, so rows are owed across commits
            first.finalBatchSize = 3 // and a short last one, which writes the rows still owed
            XCTAssertEqual(try first.run(InputExpander.expand([folder.file("run1")]).files).nearDuplicates, 1, mode)
            XCTAssertEqual(first.bucketIndexRestarts > 0, lookup.rows < 1_000, "index full and started again: \(mode)")
            try assertRowsMatchSignatures(store, "after the first run, \(mode)")

            // An update in place, a file that becomes a copy of another (its article is deleted), new reprints.
            try folder.write("run1/o2.txt", Pages.article(seed: 900, paragraphs: 8))
            try folder.write("run1/o3.txt", originals[4])
            try folder.write("run2/r5.txt", reprint(originals[5], 5))
            try folder.write("run2/r900.txt", reprint(Pages.article(seed: 900, paragraphs: 8), 9))
            let second = Ingester(store: store)
            lookup.apply(to: second)
            second.batchSize = 3
            second.finalBatchSize = 2
            let summary = try second.run(InputExpander.expand([folder.file("run1"), folder.file("run2")]).files)
            XCTAssertEqual(summary.updated, 1, mode)
            XCTAssertEqual(summary.duplicate, 1, mode)
            XCTAssertEqual(summary.nearDuplicates, 2, mode)
            XCTAssertEqual(try nearDuplicateOf(store, "r5.txt"), "o5.txt", mode)
            XCTAssertEqual(try nearDuplicateOf(store, "r900.txt"), "o2.txt", mode)
            try assertRowsMatchSignatures(store, "after updates and a deletion, \(mode)")

            _ = try Reparser(store: store).run(all: true)
            try assertRowsMatchSignatures(store, "after reparse, \(mode)")
        }
    }

    /// A run small beside the corpus queries the stored rows but holds its own in memory: `lsh` is not
    /// written at each commit (where its random keys made every commit rewrite much of the table) but
    /// once, at the run's end, and the run's reprints of each other are still found.
    func testSmallRunWritesItsRowsOnceAtTheEnd() throws {
        let folder = try TemporaryFolder()
        let originals = (0..<80).map { Pages.article(seed: 1_000 + $0, paragraphs: 6) }
        for (i, text) in originals.enumerated() { try folder.write("run1/o\(i).txt", text) }
        let store = try makeStore(folder)
        XCTAssertEqual(try Ingester(store: store).run(InputExpander.expand([folder.file("run1")]).files).added, 80)
        let stored = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM lsh") ?? 0 }

        let fresh = Pages.article(seed: 2_000, paragraphs: 8)
        try folder.write("run2/a.txt", fresh)
        try folder.write("run2/b.txt", reprint(fresh, 1))
        try folder.write("run2/c.txt", reprint(originals[7], 2))
        let next = Ingester(store: store)
        let writer = ArticleWriter()
        try next.configure(writer, inputs: 3)
        XCTAssertEqual(writer.bucketIndexUse, .chained, "3 inputs beside 80 stored articles")
        try next.configure(writer, inputs: 4)
        XCTAssertEqual(writer.bucketIndexUse, .loaded, "as many inputs as a twentieth of the corpus")
        next.batchSize = 1
        next.finalBatchSize = 1
        var seen: [Int] = []
        next.onProgress = { _ in
            seen.append((try? store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM lsh") ?? 0 }) ?? -1)
        }
        XCTAssertEqual(try next.run(InputExpander.expand([folder.file("run2")]).files).nearDuplicates, 2)
        XCTAssertEqual(seen.count, 3, "a progress call after each commit")
        // The run's first lookup catches `lsh` up, which writes the rows of the article it is storing.
        XCTAssertEqual(seen.first, stored + 16)
        XCTAssertEqual(seen.dropFirst().first, seen.first, "no rows written by the second commit")
        XCTAssertEqual(seen.last, stored + 3 * 16)
        XCTAssertEqual(try nearDuplicateOf(store, "b.txt"), "a.txt")
        XCTAssertEqual(try nearDuplicateOf(store, "c.txt"), "o7.txt")
        try assertRowsMatchSignatures(store, "after a small run")
    }

    /// A run killed after its batches committed but before its closing catch-up leaves rows owed; the
    /// next run indexes them before it looks anything up, so its reprints are still found.
    func testRowsOwedByAnInterruptedRunAreCaughtUpBeforeUse() throws {
        for lookup in CandidateLookup.all {
            let mode = "\(lookup)"
            let folder = try TemporaryFolder()
            let originals = (0..<6).map { Pages.article(seed: 700 + $0, paragraphs: 8) }
            for (i, text) in originals.enumerated() { try folder.write("run1/o\(i).txt", text) }
            let store = try makeStore(folder)
            XCTAssertEqual(try Ingester(store: store).run(InputExpander.expand([folder.file("run1")]).files).added, 6)
            try store.pool.write { db in
                try db.execute(sql: "DELETE FROM lsh")
                try BandTable.setWatermark(0, db)
            }
            try folder.write("run2/r3.txt", reprint(originals[3], 3))
            let next = Ingester(store: store)
            lookup.apply(to: next)
            XCTAssertEqual(try next.run(InputExpander.expand([folder.file("run2")]).files).nearDuplicates, 1, mode)
            XCTAssertEqual(try nearDuplicateOf(store, "r3.txt"), "o3.txt", mode)
            try assertRowsMatchSignatures(store, "after the next run, \(mode)")
        }
    }

    /// A database of schema v6 (rows indexed by article too, with a cascading foreign key) keeps its rows
    /// and gets the watermark of a fully indexed table.
    func testVersion6RowsAreKeptByTheMigration() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("v6.sqlite")
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator(upTo: "v6-article-facets").migrate(queue)
        try queue.write { db in
            try db.execute(sql: "PRAGMA user_version = 6")
            for key in 1...3 {
                try db.execute(sql: """
                    INSERT INTO article (rowid, id, body, parser_version, ingested_at, updated_at) VALUES (?, ?, 'x', 1, 't', 't')
                    """, arguments: [key, "a\(key)"])
                try db.execute(sql: "INSERT INTO lsh (bucket, article) VALUES (?, ?), (?, ?)", arguments: [key * 10, key, -key, key])
            }
        }
        // Only up to v7: v8 rebuilds every row from the signatures (these articles have none).
        try Schema.migrator(upTo: "v7-lsh-by-band-only").migrate(queue)
        try queue.read { db in
            XCTAssertEqual(try Row.fetchAll(db, sql: "SELECT bucket, article FROM lsh ORDER BY bucket").map { [$0[0] as Int64, $0[1] as Int64] },
                           [[-3, 3], [-2, 2], [-1, 1], [10, 1], [20, 2], [30, 3]])
            XCTAssertEqual(try BandTable.watermark(db), 3)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'lsh' AND sql IS NOT NULL"), 0)
            XCTAssertTrue(try db.foreignKeys(on: "lsh").isEmpty)
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA integrity_check"), "ok")
        }
    }
}
