import DatelineCore
@testable import DatelineStore
import DatelineTestSupport
import Foundation
import GRDB
import XCTest

/// The raw page text kept for `reparse` is stored as a delta against the article's body: it must
/// give back the exact text, cost little where the body is most of the page, and refuse (not crash
/// on) a damaged delta.
final class RawDeltaTests: XCTestCase {
    /// Text from a mixed alphabet (ASCII, Vietnamese, Lao), with repeated phrases as real pages have.
    private func text(_ rng: inout SplitMix64, words: Int) -> String {
        let vocabulary = ["Việt Nam", "Laos", "ministry", "hợp tác", "ສປປ ລາວ", "the", "of", "Tô Lâm", "Vientiane", "—", "2026",
                          "cooperation", "delegation", "đoàn", "\n", "\n\n", "  ", "(VNA)", "Photo:", "chiến lược"]
        return (0..<words).map { _ in rng.pick(vocabulary) }.joined(separator: " ")
    }

    /// A "body" made from a page the way a parser does: some runs kept, some dropped, some changed.
    private func body(from page: String, _ rng: inout SplitMix64) -> String {
        let bytes = Array(page.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let run = 1 + rng.below(200)
            let end = min(bytes.count, i + run)
            switch rng.below(4) {
            case 0: break // dropped
            case 1: out += bytes[i..<end].map { $0 == 10 ? 32 : $0 } // line breaks become spaces
            default: out += bytes[i..<end]
            }
            i = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    func testRandomPagesRoundTripExactly() throws {
        var rng = SplitMix64(seed: 42)
        var encoded = 0
        for round in 0..<400 {
            let page = text(&rng, words: rng.below(2_000))
            let base = round % 5 == 0 ? text(&rng, words: rng.below(500)) : body(from: page, &rng)
            guard let delta = RawDelta.encode(page, against: base) else { continue }
            encoded += 1
            XCTAssertLessThan(delta.count, page.utf8.count)
            XCTAssertTrue(RawDelta.decode(delta, against: base) == page, "round \(round): the decoded text differs")
        }
        XCTAssertGreaterThan(encoded, 250, "most pages share enough with their body to be stored as deltas")
    }

    /// Repetitive text, and text whose 8-byte windows all match but whose matches stay short, is
    /// encoded in one pass (each probe compares a bounded number of bytes) and still round-trips.
    func testRepetitiveAndNearMissTextRoundTrips() throws {
        let repetitive = String(repeating: "ab", count: 100_000) + "x"
        let base = String(repeating: "ab", count: 99_000)
        let delta = try XCTUnwrap(RawDelta.encode(repetitive, against: base))
        XCTAssertLessThan(delta.count, 64)
        XCTAssertTrue(RawDelta.decode(delta, against: base) == repetitive)
        // Every 8-byte window of the page occurs in the body, but no shared run reaches 16 bytes.
        var rng = SplitMix64(seed: 5)
        let words = (0..<20_000).map { _ in String(format: "%02d%02d%02d%02d", rng.below(4), rng.below(4), rng.below(4), rng.below(4)) }
        let page = words.joined(separator: "|"), body = words.reversed().joined(separator: "/")
        if let nearMiss = RawDelta.encode(page, against: body) {
            XCTAssertTrue(RawDelta.decode(nearMiss, against: body) == page)
        }
    }

    /// Version 1 deltas (no stated length, written by this feature's first builds) still decode.
    func testVersionOneDeltasStillDecode() throws {
        let page = Pages.article(seed: 8, paragraphs: 5)
        let body = BodyText.join(ArticleParser().parse(text: page, path: "p.txt").article.paragraphs)
        let delta = try XCTUnwrap(RawDelta.encode(page, against: body))
        XCTAssertEqual(delta.first, 2)
        // Drop the stated length: what version 1 wrote.
        var i = 1
        _ = delta.withUnsafeBufferPointer { Varint.read($0, at: &i) }
        let versionOne = [UInt8(1)] + delta[i...]
        XCTAssertEqual(RawDelta.decode(versionOne, against: body), page)
    }

    func testTinyOrUnrelatedPagesAreKeptAsText() {
        XCTAssertNil(RawDelta.encode("Short page.", against: "Short page."))
        XCTAssertNil(RawDelta.encode(String(repeating: "abcdefghij", count: 50), against: String(repeating: "0123456789", count: 50)))
        XCTAssertNil(RawDelta.encode(Pages.article(seed: 1), against: ""))
    }

    /// On the seed pages the delta costs little more than what the parser did not put in the body.
    func testSeedPagesCostLittleMoreThanTheirNonBodyText() throws {
        let seeds = repositoryRoot.appendingPathComponent("seeds").path
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertEqual(names.count, 5)
        for name in names {
            let parsed = try ArticleParser().parseFile(atPath: seeds + "/" + name)
            let prepared = PreparedArticle(article: parsed.article, rawText: parsed.text, parserVersion: ArticleParser.version)
            let delta = try XCTUnwrap(prepared.rawDelta, name)
            let page = parsed.text.utf8.count, body = prepared.body.utf8.count
            XCTAssertLessThanOrEqual(delta.count, page - body + body / 20 + 64, "\(name): page \(page) B, body \(body) B")
            XCTAssertEqual(RawDelta.decode(delta, against: prepared.body), parsed.text, name)
        }
    }

    func testDamagedDeltasAreRefusedNotTrusted() throws {
        let page = Pages.article(seed: 7, paragraphs: 8)
        let parsed = ArticleParser().parse(text: page, path: "p.txt")
        let body = BodyText.join(parsed.article.paragraphs)
        let delta = try XCTUnwrap(RawDelta.encode(page, against: body))
        XCTAssertEqual(RawDelta.decode(delta, against: body), page)
        XCTAssertNil(RawDelta.decode([], against: body))
        XCTAssertNil(RawDelta.decode([3] + delta.dropFirst(), against: body), "unknown version")
        XCTAssertNil(RawDelta.decode(Array(delta.dropLast(1)), against: body), "one byte short")
        XCTAssertNil(RawDelta.decode(Array(delta.dropLast(3)), against: body), "truncated literal")
        XCTAssertNil(RawDelta.decode(delta, against: String(body.prefix(body.count / 2))), "copies past the end of another body")
        // A delta asking for far more text than it states (or than any delta of its size could make).
        var repeated: [UInt8] = [1]
        Varint.append(64, to: &repeated)
        for _ in 0..<1_000 { repeated += [0, 100, 0] } // literal 0, copy 100 bytes from the start, again and again
        XCTAssertNil(RawDelta.decode(repeated, against: body), "output past the stated length")
        // Every one-byte change either fails or decodes to some text: never a crash or a read out of bounds.
        var rng = SplitMix64(seed: 9)
        for _ in 0..<2_000 {
            var broken = delta
            broken[1 + rng.below(broken.count - 1)] = UInt8(truncatingIfNeeded: rng.next())
            _ = RawDelta.decode(broken, against: body)
        }
        for _ in 0..<500 {
            let garbage = [UInt8(1)] + (0..<rng.below(64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = RawDelta.decode(garbage, against: body)
        }
    }

    /// Ingest keeps the delta (not the text) and gives the exact page back, to readers and to `reparse`.
    func testStoreKeepsDeltasAndReparseReadsThem() throws {
        let folder = try TemporaryFolder()
        let pages = [Pages.toLam, Pages.article(seed: 51, paragraphs: 6)]
        for (i, page) in pages.enumerated() { try folder.write("p\(i).txt", page) }
        let store = try makeStore(folder)
        try ingest(store, [folder.path])
        let rows = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT a.id, length(r.text), length(r.delta) FROM article a JOIN article_raw r ON r.article = a.rowid")
        }
        XCTAssertEqual(rows.count, 2)
        for row in rows {
            XCTAssertEqual(row[1] as Int, 0, "text column empty when a delta is kept")
            XCTAssertGreaterThan(row[2] as Int, 0)
        }
        for (i, page) in pages.enumerated() {
            let id = try XCTUnwrap(store.articles().first { $0.path?.hasSuffix("p\(i).txt") == true }?.id)
            XCTAssertEqual(try store.rawText(articleID: id), ArticleParser().parse(text: page).text)
        }
        let before = try store.articles()
        XCTAssertEqual(try Reparser(store: store).run(all: true).unchanged, 2)
        XCTAssertEqual(try store.articles(), before)
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    /// A damaged delta fails that article's reparse with a one-line reason and leaves it stored as it
    /// was; the other articles are re-parsed.
    func testDamagedDeltaFailsOnlyItsArticle() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", Pages.article(seed: 61))
        try folder.write("b.txt", Pages.article(seed: 62))
        let store = try makeStore(folder)
        try ingest(store, [folder.path])
        let victim = try XCTUnwrap(store.articles().first)
        try store.pool.write { db in
            try db.execute(sql: "UPDATE article_raw SET delta = x'01ff7f' WHERE article = (SELECT rowid FROM article WHERE id = ?)",
                           arguments: [victim.id])
        }
        XCTAssertThrowsError(try store.rawText(articleID: victim.id)) { error in
            XCTAssertEqual((error as? StoreError)?.reason, .damagedRawText(victim.id))
        }
        let summary = try Reparser(store: store).run(all: true)
        XCTAssertEqual(summary.failed, 1)
        XCTAssertEqual(summary.unchanged, 1)
        XCTAssertTrue(summary.failures.first?.contains(victim.id) == true, "\(summary.failures)")
        XCTAssertEqual(try store.row(id: victim.id)?.title, victim.title, "the article stays stored")
    }

    /// A database from before deltas (v8) keeps its raw text rows; they read back as they are, and a
    /// re-parse turns them into deltas.
    func testV8RawTextRowsStillReadAndBecomeDeltas() throws {
        let folder = try TemporaryFolder()
        let page = Pages.article(seed: 71, paragraphs: 5)
        try folder.write("pages/a.txt", page)
        XCTAssertEqual(ArticleParser().parse(text: page).text, page, "an ASCII page is stored as it is")
        // Ingest, then take the database back to v8: `article_raw` as v8 made it, full text and no
        // delta column, and v9 not yet applied.
        let path = folder.file("old.sqlite")
        let staging = try CorpusStore(path: path)
        try ingest(staging, [folder.file("pages")])
        let id = try XCTUnwrap(staging.articles().first?.id)
        try staging.close()
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            try db.execute(sql: """
                CREATE TABLE article_raw_v8 (
                    article INTEGER PRIMARY KEY REFERENCES article(rowid) ON DELETE CASCADE,
                    text TEXT NOT NULL,
                    hints TEXT,
                    boilerplate TEXT NOT NULL DEFAULT '[]'
                );
                """)
            try db.execute(sql: "INSERT INTO article_raw_v8 (article, text, hints, boilerplate) SELECT article, ?, hints, boilerplate FROM article_raw",
                           arguments: [page])
            try db.execute(sql: """
                DROP TABLE article_raw;
                ALTER TABLE article_raw_v8 RENAME TO article_raw;
                DELETE FROM grdb_migrations WHERE identifier IN ('v9-raw-deltas', 'v10-fts-pending-terms');
                PRAGMA user_version = 8;
                """)
        }
        try old.close()

        // Read-only, the v8 database is read as it is (no `delta` column yet).
        let readOnly = try CorpusStore(path: path, mode: .readOnly)
        XCTAssertEqual(try readOnly.rawText(articleID: id), page)
        try readOnly.close()

        let store = try CorpusStore(path: path)
        XCTAssertEqual(try store.rawText(articleID: id), page)
        try store.pool.write { db in try db.execute(sql: "UPDATE article SET parser_version = 0") }
        XCTAssertEqual(try Reparser(store: store).run().failed, 0)
        XCTAssertEqual(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM article_raw WHERE delta IS NOT NULL AND text = ''") }, 1)
        XCTAssertEqual(try store.rawText(articleID: id), page)
    }
}

/// `reparse` reads and parses the next batch while it writes the current one: over many small batches
/// every article is re-parsed once, in order, and a damaged row fails alone.
final class ReparseBatchesTests: XCTestCase {
    func testManySmallBatchesReparseEveryArticleOnce() throws {
        let folder = try TemporaryFolder()
        for i in 0..<10 { try folder.write("pages/p\(i).txt", Pages.article(seed: 4_000 + i)) }
        let store = try makeStore(folder)
        try ingest(store, [folder.file("pages")])
        let before = try store.articles()
        let victim = before[4]
        try store.pool.write { db in
            try db.execute(sql: "UPDATE article SET parser_version = 0")
            try db.execute(sql: "UPDATE article_raw SET delta = x'02ff7f' WHERE article = ?", arguments: [victim.key])
        }
        let reparser = Reparser(store: store)
        reparser.batchSize = 3
        var progress: [Int] = []
        reparser.onProgress = { progress.append($0.done) }
        let summary = try reparser.run()
        XCTAssertEqual(progress, [3, 6, 9, 10])
        XCTAssertEqual(summary.unchanged, 9)
        XCTAssertEqual(summary.failed, 1)
        XCTAssertEqual(try reparser.pendingCount(), 1, "only the damaged article is left at the old version")
        XCTAssertEqual(try store.articles().map(\.id), before.map(\.id))
        XCTAssertEqual(try store.integrityCheck(), "ok")
        // Each re-parsed article's old index entry was removed and a new one written: the index is
        // consistent and finds every article once.
        try store.pool.write { db in try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES('integrity-check')") }
        XCTAssertEqual(try store.search("delegation OR ministry OR budget OR forum OR summit OR minister", limit: 100).count, 10)
        XCTAssertEqual(try store.search("\"plan number 4003\"").map(\.id), [before[3].id])
        // FTS5's running totals (documents and tokens per column) match a fresh ingest of the same pages:
        // every delete removed exactly what the insert before it had added.
        let fresh = try makeStore(folder, name: "fresh.sqlite")
        try ingest(fresh, [folder.file("pages")])
        let totals = "SELECT block FROM article_fts_data WHERE id = 1"
        XCTAssertEqual(try store.pool.read { db in try Data.fetchOne(db, sql: totals) },
                       try fresh.pool.read { db in try Data.fetchOne(db, sql: totals) })
    }
}
