import DatelineCore
@testable import DatelineStore
import DatelineTestSupport
import Foundation
import GRDB
import XCTest

/// The ingest's cheaper computations give exactly what the straightforward ones gave.
final class IngestCostTests: XCTestCase {
    /// MinHash (one-permutation hashing, optimal densification) written the plain way.
    private func referenceSignature(_ folded: String) -> [UInt64]? {
        var words: [UInt64] = []
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var inWord = false
        for b in folded.utf8 {
            if (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b >= 0x80 {
                h = (h ^ UInt64(b)) &* 0x100_0000_01B3
                inWord = true
            } else if inWord {
                words.append(h); h = 0xCBF2_9CE4_8422_2325; inWord = false
            }
        }
        if inWord { words.append(h) }
        guard words.count - 4 >= MinHash.minimumShingles else { return nil }
        let mixed = words.map(ContentHash.mix)
        var bins = [UInt64?](repeating: nil, count: 64)
        for start in 0...(words.count - 5) {
            var s: UInt64 = mixed[start]
            for j in 1..<5 { s ^= mixed[start + j] << UInt64(13 * j) | mixed[start + j] >> UInt64(64 - 13 * j) }
            let shingle = ContentHash.mix(s)
            bins[Int(shingle >> 58)] = min(bins[Int(shingle >> 58)] ?? .max, shingle)
        }
        return (0..<64).map { i in
            var attempt: UInt64 = 0
            var source = i
            while bins[source] == nil { attempt += 1; source = MinHash.probe(i, attempt) }
            return bins[source]!
        }
    }

    func testMinHashEqualsReference() {
        for seed in 0..<6 {
            let text = Pages.article(seed: seed, paragraphs: 2 + seed)
            let lede = SearchFold.index("Tô Lâm met the delegation — 2024, \(seed) times")
            let body = SearchFold.index(text)
            let joined = lede + "\n" + body
            let expected = referenceSignature(joined)
            XCTAssertNotNil(expected)
            XCTAssertEqual(MinHash(folded: joined)?.values, expected)
            XCTAssertEqual(MinHash(foldedParts: [lede, body])?.values, expected, "parts read as one text with a line break")
        }
        XCTAssertNil(MinHash(folded: "too short to compare"))
        XCTAssertNil(referenceSignature("too short to compare"))
        XCTAssertEqual(MinHash(foldedParts: ["", SearchFold.index(Pages.article(seed: 3))])?.values,
                       referenceSignature("\n" + SearchFold.index(Pages.article(seed: 3))))
    }

    func testBoilerplateJSONIsWhatJSONEncoderWrites() throws {
        let cases: [[String]] = [
            [], [""], ["Đăng ký nhận tin", "Share on Facebook"], ["a/b", "quote \" and \\ back"], ["tab\there", "line\nbreak", "\u{1}"],
            ["Bản quyền © 2024 — Báo Nhân Dân", "DEL \u{7F}"], ["emoji 🇻🇳 and ổ"],
        ]
        for strings in cases {
            let expected = String(decoding: try JSONEncoder().encode(strings), as: UTF8.self)
            XCTAssertEqual(StringArrayJSON.encode(strings), expected)
            XCTAssertEqual(try JSONDecoder().decode([String].self, from: Data(StringArrayJSON.encode(strings).utf8)), strings)
        }
    }

    func testRichnessCountsNonASCIIScalars() {
        for name in ["To Lam", "Tô Lâm", "Nguyễn Phú Trọng", "", "🇻🇳 Đà Nẵng", "e\u{301}"] {
            XCTAssertEqual(EntityName.richness(name), name.unicodeScalars.filter { $0.value > 0x7F }.count, name)
        }
        XCTAssertEqual(ByteKey("Tô"), ByteKey("Tô"))
        XCTAssertNotEqual(ByteKey("To"), ByteKey("Tô"))
        XCTAssertFalse(PreparedArticle.hasBlankLine("one\ntwo"))
        XCTAssertTrue(PreparedArticle.hasBlankLine("one\n\ntwo"))
        XCTAssertFalse(PreparedArticle.hasBlankLine("\n"))
    }

    /// Near-duplicates found through the in-memory bucket index are those the per-article query finds,
    /// across runs (rows loaded from `lsh`), updates in place (rows removed) and new reprints.
    func testBucketIndexLinksTheSameNearDuplicates() throws {
        func links(_ lookup: CandidateLookup) throws -> [String: String] {
            let folder = try TemporaryFolder()
            let originals = (0..<8).map { Pages.article(seed: 100 + $0, paragraphs: 8) }
            for (i, text) in originals.enumerated() { try folder.write("run1/o\(i).txt", text) }
            try folder.write("run1/r0.txt", reprint(originals[0], 0, dropping: 50))
            try folder.write("run1/r1.txt", reprint(originals[1], 1, dropping: 50))
            let store = try makeStore(folder)
            let first = Ingester(store: store)
            lookup.apply(to: first)
            XCTAssertEqual(try first.run(InputExpander.expand([folder.file("run1")]).files).nearDuplicates, 2)
            // Second run: two originals change (updated in place), reprints of stored and changed articles.
            try Pages.article(seed: 500, paragraphs: 8).write(toFile: folder.file("run1/o2.txt"), atomically: true, encoding: .utf8)
            try Pages.article(seed: 501, paragraphs: 8).write(toFile: folder.file("run1/o3.txt"), atomically: true, encoding: .utf8)
            try folder.write("run2/r2.txt", reprint(originals[2], 2, dropping: 50))
            try folder.write("run2/r4.txt", reprint(originals[4], 4, dropping: 50))
            try folder.write("run2/r5.txt", reprint(originals[5], 5, dropping: 50))
            try folder.write("run2/r500.txt", reprint(Pages.article(seed: 500, paragraphs: 8), 6, dropping: 50))
            let second = Ingester(store: store)
            lookup.apply(to: second)
            let summary = try second.run(InputExpander.expand([folder.file("run1"), folder.file("run2")]).files)
            XCTAssertEqual(summary.updated, 2)
            XCTAssertEqual(summary.nearDuplicates, 3, "r4, r5 and r500; r2's original changed")
            XCTAssertEqual(try store.integrityCheck(), "ok")
            return try linksByFile(store)
        }
        let queried = try links(.queries)
        for lookup in CandidateLookup.all.dropFirst() {
            XCTAssertEqual(try links(lookup), queried, "\(lookup)")
        }
        let inMemory = try links(.loaded)
        XCTAssertEqual(inMemory["r4.txt"], "o4.txt")
        XCTAssertEqual(inMemory["r500.txt"], "o2.txt")
        XCTAssertEqual(inMemory["r2.txt"], "")
    }

    /// Band keys shared by more articles than `MinHash.candidatesPerBand` (here 2: twelve reprints of one
    /// story) still link every reprint to the original, the same way whether candidates come from the
    /// in-memory bucket index (rows loaded, chained or queued) or from queries, batch by batch or in one.
    func testCrowdedBandKeysStillLinkEveryReprintToTheOriginal() throws {
        let original = Pages.article(seed: 900, paragraphs: 10)
        func links(_ lookup: CandidateLookup, batchSize: Int, limit: Int) throws -> [String: String] {
            let saved = MinHash.candidatesPerBand
            MinHash.candidatesPerBand = limit
            defer { MinHash.candidatesPerBand = saved }
            let folder = try TemporaryFolder()
            try folder.write("run1/o.txt", original)
            for i in 0..<4 { try folder.write("run1/other\(i).txt", Pages.article(seed: 910 + i, paragraphs: 6)) }
            for n in 1...5 { try folder.write("run1/r\(n).txt", reprint(original, n, dropping: 40 + n)) }
            for n in 6...12 { try folder.write("run2/r\(n).txt", reprint(original, n, dropping: 40 + n)) }
            let store = try makeStore(folder)
            for run in ["run1", "run2"] {
                let ingester = Ingester(store: store)
                lookup.apply(to: ingester)
                ingester.batchSize = batchSize
                try ingester.run(InputExpander.expand([folder.file(run)]).files)
            }
            let crowded = try store.pool.read { db in
                try Int.fetchOne(db, sql: "SELECT max(n) FROM (SELECT count(*) AS n FROM lsh GROUP BY bucket)") ?? 0
            }
            XCTAssertGreaterThan(crowded, 10, "band keys shared by the original and its reprints")
            return try linksByFile(store)
        }
        var expected = ["o.txt": ""]
        for i in 0..<4 { expected["other\(i).txt"] = "" }
        for n in 1...12 { expected["r\(n).txt"] = "o.txt" }
        for lookup in CandidateLookup.all {
            for (batchSize, limit) in [(1_000, 2), (2, 2), (2, 64), (1, 1)] {
                XCTAssertEqual(try links(lookup, batchSize: batchSize, limit: limit), expected,
                               "\(lookup), batch \(batchSize), limit \(limit)")
            }
        }
    }

    /// Reprints stored many commits after their originals, in one run, are linked to them whichever way
    /// candidates are found: in particular when the bucket index fills up and starts again several times
    /// between an original and its reprint (the rows it held must then be found in `lsh`).
    func testOriginalsAreFoundAcrossCommitsAndFullIndexes() throws {
        let originals = (0..<10).map { Pages.article(seed: 1_500 + $0, paragraphs: 8) }
        var expected: [String: String] = [:]
        for lookup in CandidateLookup.all {
            let folder = try TemporaryFolder()
            for (i, text) in originals.enumerated() {
                try folder.write("a\(i).txt", text)
                try folder.write("b\(i).txt", reprint(text, i, dropping: 45))
                expected["a\(i).txt"] = ""
                expected["b\(i).txt"] = "a\(i).txt"
            }
            let store = try makeStore(folder)
            let ingester = Ingester(store: store)
            lookup.apply(to: ingester)
            ingester.batchSize = 2
            ingester.finalBatchSize = 1
            XCTAssertEqual(try ingester.run(InputExpander.expand([folder.path]).files).nearDuplicates, 10, "\(lookup)")
            XCTAssertEqual(ingester.bucketIndexRestarts > 0, lookup.rows < 1_000, "\(lookup)")
            XCTAssertEqual(try linksByFile(store), expected, "\(lookup)")
        }
    }

    /// A batch rolled back part-way through a run (one of its articles fails) does not cost the rest of
    /// the run its in-memory bucket index: after the batch is written again, the writer catches `lsh` up
    /// and goes on with a chained index (not queries and a catch-up at every commit), and reprints
    /// stored before and after the rollback are still linked to originals from before it, whichever
    /// way candidates were found.
    func testARolledBackBatchKeepsFindingOriginals() throws {
        let originals = (0..<6).map { Pages.article(seed: 1_700 + $0, paragraphs: 8) }
        for lookup in CandidateLookup.all {
            let folder = try TemporaryFolder()
            var expected: [String: String] = [:]
            // In name order: a0…a5, then m (poisoned, in the fourth batch of two, with r0), then r1…r5.
            for (i, text) in originals.enumerated() {
                try folder.write("a\(i).txt", text)
                try folder.write("r\(i).txt", reprint(text, i, dropping: 45))
                expected["a\(i).txt"] = ""
                expected["r\(i).txt"] = "a\(i).txt"
            }
            try folder.write("m.txt", Pages.article(seed: 1_790, title: "POISON midway", paragraphs: 6))
            let store = try makeStore(folder)
            try Self.poisonRawText(store)
            let ingester = Ingester(store: store)
            lookup.apply(to: ingester)
            ingester.batchSize = 2
            ingester.finalBatchSize = 1
            let writer = ArticleWriter()
            writer.useBucketIndex(lookup.use, maximumRows: lookup.rows)
            writer.reset()
            XCTAssertEqual(writer.bucketIndexUse, lookup.use == .none ? .none : .chained, "\(lookup): the mode after a rollback")
            let summary = try ingester.run(InputExpander.expand([folder.path]).files)
            XCTAssertEqual(summary.failed, 1, "\(lookup)")
            XCTAssertEqual(summary.added, 12, "\(lookup)")
            XCTAssertEqual(summary.nearDuplicates, 6, "\(lookup)")
            XCTAssertEqual(try linksByFile(store), expected, "\(lookup)")
            try store.pool.read { db in
                let signatures = try Int.fetchOne(db, sql: "SELECT count(*) FROM minhash") ?? 0
                XCTAssertEqual(signatures, 12, "\(lookup)")
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM lsh"), 16 * signatures, "\(lookup): every signature's band rows")
                XCTAssertEqual(try BandTable.watermark(db), try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM article"), "\(lookup)")
            }
            try CrashTests.assertNoPartialArticles(store)
        }
    }

    /// Batches are written without per-article savepoints; an article failing after some of its rows
    /// were written makes the batch roll back and go again with savepoints: only that article fails,
    /// nothing of it is left, the rest of the batch (before and after it) is stored, linked and indexed.
    func testFailureAfterPartialRowsFailsOneArticleOnly() throws {
        let folder = try TemporaryFolder()
        let original = Pages.article(seed: 700, paragraphs: 8)
        try folder.write("p0.txt", original)
        for i in 1..<7 {
            try folder.write("p\(i).txt", Pages.article(seed: 700 + i, title: i == 3 ? "POISON report \(i)" : nil, paragraphs: 6))
        }
        try folder.write("p7.txt", "Reprint: " + original + "\nA line added by the desk.\n")
        // A Windows-1252 page (a lone 0xA3 for £) before the poisoned one: its warning is reported once,
        // after the batch commits, although the batch is written twice.
        let latin = Array(Pages.article(seed: 720, paragraphs: 6).utf8) + Array("The fund holds 5 million ".utf8) + [0xA3] + Array(".\n".utf8)
        try Data(latin).write(to: URL(fileURLWithPath: folder.file("p2b.txt")))
        let store = try makeStore(folder)
        try Self.poisonRawText(store)
        let ingester = Ingester(store: store)
        var warnings: [String] = []
        ingester.onWarning = { warnings.append($0) }
        let first = try ingester.run(InputExpander.expand([folder.path]).files)
        XCTAssertEqual(warnings.count, 1, "\(warnings)")
        XCTAssertTrue(warnings.first?.contains("p2b.txt: not valid UTF-8") ?? false, "\(warnings)")
        XCTAssertEqual(first.warnings, warnings)
        XCTAssertEqual(first.added, 8)
        XCTAssertEqual(first.failed, 1)
        XCTAssertEqual(first.nearDuplicates, 1)
        XCTAssertTrue(first.failures.first?.contains("poisoned raw text") ?? false, "\(first.failures)")
        XCTAssertEqual(try store.count(ArticleQuery(includeDuplicates: true)), 8)
        XCTAssertEqual(try store.search("poison").count, 0)
        try CrashTests.assertNoPartialArticles(store)
        try store.pool.write { db in try db.execute(sql: "DROP TRIGGER temp.poison") }
        let second = try ingest(store, [folder.path])
        XCTAssertEqual(second.added, 1)
        XCTAssertEqual(second.unchanged, 8)
        XCTAssertEqual(try store.search("poison").count, 1)
        try CrashTests.assertNoPartialArticles(store)
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    /// A reprint of `text` as a desk makes one: a line in front, the last `dropping` characters cut,
    /// an edit note after.
    private func reprint(_ text: String, _ n: Int, dropping: Int) -> String {
        let cut = text.index(text.endIndex, offsetBy: -dropping)
        return "Reprint \(n): " + String(text[..<cut]) + " (edited \(n))\n"
    }

    /// Makes `store`'s connection fail the raw-text insert of any article whose title starts with
    /// "POISON", after its article row was written (a failure part-way through an article's rows).
    private static func poisonRawText(_ store: CorpusStore) throws {
        try store.pool.write { db in
            try db.execute(sql: """
                CREATE TEMP TRIGGER poison BEFORE INSERT ON main.article_raw
                WHEN (SELECT title FROM main.article WHERE rowid = NEW.article) LIKE 'POISON%'
                BEGIN SELECT RAISE(ABORT, 'poisoned raw text'); END
                """)
        }
    }
}
