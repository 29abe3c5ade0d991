import DatelineCore
@testable import DatelineStore
import DatelineTestSupport
import Foundation
import GRDB
import XCTest

final class IngestTests: XCTestCase {
    func testReingestIsIdempotent() throws {
        let folder = try TemporaryFolder()
        for i in 0..<12 { try folder.write("pages/p\(i).txt", Pages.article(seed: i)) }
        let store = try makeStore(folder)
        let first = try ingest(store, [folder.file("pages")])
        XCTAssertEqual(first.added, 12)
        XCTAssertEqual(first.failed, 0)
        let second = try ingest(store, [folder.file("pages")])
        XCTAssertEqual(second.added, 0)
        XCTAssertEqual(second.updated, 0)
        XCTAssertEqual(second.unchanged, 12)
        // Touching a file (new mtime, same bytes) is still "unchanged".
        let touched = folder.file("pages/p3.txt")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 100)], ofItemAtPath: touched)
        let third = try ingest(store, [folder.file("pages")])
        XCTAssertEqual(third.unchanged, 12)
        XCTAssertEqual(third.updated, 0)
        XCTAssertEqual(try store.count(), 12)
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testChangedFileIsUpdatedInPlace() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("story.txt", Pages.article(seed: 1, title: "Harbour expansion approved"))
        try folder.write("other.txt", Pages.article(seed: 2))
        let store = try makeStore(folder)
        try ingest(store, [folder.path])
        let oldID = try store.resolve(path)
        let oldKey = try XCTUnwrap(store.row(id: oldID)).key
        try store.setTag(articleID: oldID, key: "topic", value: "ports")

        try Pages.article(seed: 99, title: "Harbour expansion postponed").write(toFile: path, atomically: true, encoding: .utf8)
        let summary = try ingest(store, [folder.path])
        XCTAssertEqual(summary.updated, 1)
        XCTAssertEqual(summary.unchanged, 1)
        XCTAssertEqual(summary.added, 0)
        XCTAssertEqual(try store.count(), 2)
        let newID = try store.resolve(path)
        XCTAssertNotEqual(newID, oldID)
        let row = try XCTUnwrap(store.row(id: newID))
        XCTAssertEqual(row.key, oldKey, "same row")
        XCTAssertEqual(row.title, "Harbour expansion postponed")
        XCTAssertNil(try store.row(id: oldID))
        XCTAssertEqual(try store.tags(articleID: newID), ["topic": "ports"], "tags survive an update")
        XCTAssertEqual(try store.search("postponed").map(\.id), [newID])
        XCTAssertEqual(try store.search("approved").count, 0, "old text no longer indexed")
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    /// A bulk ingest writes with foreign keys unenforced, so `ArticleWriter.delete` must itself remove
    /// or unlink every row the schema says refers to an article.
    func testDeletingAnArticleCoversEveryTableThatRefersToIt() throws {
        let folder = try TemporaryFolder()
        let store = try makeStore(folder)
        let referring = try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.name AS tbl, p."from" AS col, p.on_delete AS action FROM sqlite_master m, pragma_foreign_key_list(m.name) p
                WHERE m.type = 'table' AND p."table" = 'article' ORDER BY 1
                """).map { "\($0["tbl"] as String).\($0["col"] as String) \($0["action"] as String)" }
        }
        let handled = ArticleWriter.derivedTables.map { "\($0).article CASCADE" }
            + ["tag.article CASCADE", "source_file.article SET NULL", "article.duplicate_of SET NULL"]
        XCTAssertEqual(Set(referring), Set(handled))
    }

    func testAFileRewrittenAsACopyOfAnotherDropsItsOldArticleCompletely() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.txt", Pages.article(seed: 31, title: "Budget forum opens in Vientiane", extra: "Tô Lâm met Saysomphone Phomvihane."))
        let other = Pages.article(seed: 32, title: "Railway workshop ends")
        try folder.write("b.txt", other)
        let store = try makeStore(folder)
        try ingest(store, [folder.path])
        let oldID = try store.resolve(path)
        let oldKey = try XCTUnwrap(store.row(id: oldID)).key
        try store.setTag(articleID: oldID, key: "topic", value: "budget")

        try other.write(toFile: path, atomically: true, encoding: .utf8)
        let summary = try ingest(store, [folder.path])
        XCTAssertEqual(summary.duplicate, 1)
        XCTAssertEqual(try store.resolve(path), try store.resolve(folder.file("b.txt")))
        XCTAssertNil(try store.row(id: oldID))
        try store.pool.read { db in
            for table in ArticleWriter.derivedTables + ["tag"] {
                let left = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE article = ?", arguments: [oldKey])
                XCTAssertEqual(left, 0, "rows of the deleted article left in \(table)")
            }
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM source_file WHERE article = ?", arguments: [oldKey]), 0)
            XCTAssertEqual(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count, 0)
        }
        XCTAssertEqual(try store.search("Vientiane").count, 0, "its full-text entry is gone")
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    /// The store writes with SQLite's default `secure_delete` (off), not Debian's build default (on),
    /// which zeroed and wrote out every page FTS5's merges freed.
    func testTheStoreWritesWithoutZeroingFreedPages() throws {
        let folder = try TemporaryFolder()
        let store = try makeStore(folder)
        XCTAssertEqual(try store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA secure_delete") }, 0)
    }

    /// Batches are `batchSize` inputs, except that the last `finalBatchSize` form one of their own
    /// (the writer finishes it alone, so it is kept short); each batch ends with a progress report.
    func testTheLastInputsAreABatchOfTheirOwn() throws {
        let folder = try TemporaryFolder()
        for i in 0..<12 { try folder.write("pages/p\(String(format: "%02d", i)).txt", Pages.article(seed: 40 + i)) }
        let store = try makeStore(folder)
        let ingester = Ingester(store: store)
        ingester.batchSize = 5
        ingester.finalBatchSize = 3
        var reported: [Int] = []
        ingester.onProgress = { reported.append($0.done) }
        let summary = try ingester.run(InputExpander.expand([folder.file("pages")]).files)
        XCTAssertEqual(summary.added, 12)
        XCTAssertEqual(reported, [5, 9, 12])
        try store.pool.read { db in
            XCTAssertEqual(try BandTable.watermark(db), try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM article"), "no LSH rows owed")
        }
    }

    func testExactDuplicateIsNotStoredTwice() throws {
        let folder = try TemporaryFolder()
        let text = Pages.article(seed: 5)
        try folder.write("a/one.txt", text)
        try folder.write("b/copy.txt", text)
        let store = try makeStore(folder)
        let summary = try ingest(store, [folder.path])
        XCTAssertEqual(summary.added, 1)
        XCTAssertEqual(summary.duplicate, 1)
        XCTAssertEqual(try store.count(ArticleQuery(includeDuplicates: true)), 1)
        let again = try ingest(store, [folder.path])
        XCTAssertEqual(again.unchanged, 2)
        XCTAssertEqual(try store.resolve(folder.file("b/copy.txt")), try store.resolve(folder.file("a/one.txt")))
        let logged = try store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM ingest_log WHERE outcome = 'duplicate'")
        }
        XCTAssertEqual(logged, 1)
        XCTAssertEqual(try store.stats().exactDuplicates, 1)
    }

    func testNearDuplicateIsLinkedToEarliestCopy() throws {
        let folder = try TemporaryFolder()
        let original = Pages.article(seed: 7, title: "Wire story on railway investment", paragraphs: 8)
        // A reprint: another headline and one edited sentence, the body otherwise the same.
        var reprint = original.replacingOccurrences(of: "Wire story on railway investment", with: "Railway investment: wire report")
        let cut = reprint.index(reprint.endIndex, offsetBy: -60)
        reprint = String(reprint[..<cut]) + " (edited by the desk)\n"
        try folder.write("1-vna.txt", original)
        try folder.write("2-vns.txt", reprint)
        try folder.write("3-unrelated.txt", Pages.article(seed: 8, paragraphs: 8))
        let store = try makeStore(folder)
        let summary = try ingest(store, [folder.path])
        XCTAssertEqual(summary.added, 3)
        XCTAssertEqual(summary.nearDuplicates, 1)
        let originalID = try store.resolve(folder.file("1-vna.txt"))
        let reprintID = try store.resolve(folder.file("2-vns.txt"))
        XCTAssertEqual(try store.row(id: reprintID)?.duplicateOf, originalID)
        XCTAssertNil(try store.row(id: originalID)?.duplicateOf)
        XCTAssertNil(try store.row(id: store.resolve(folder.file("3-unrelated.txt")))?.duplicateOf)
        XCTAssertEqual(try store.count(), 2)
        XCTAssertEqual(try store.count(ArticleQuery(includeDuplicates: true)), 3)
        XCTAssertEqual(try store.duplicates(ofArticleID: originalID), [reprintID])
        XCTAssertEqual(try store.stats().nearDuplicates, 1)
    }

    func testJSONLinesInputWithABadLine() throws {
        let folder = try TemporaryFolder()
        let good1 = try JSONSerialization.data(withJSONObject: ["text": Pages.article(seed: 11), "title": "Hinted headline", "date": "2026-03-04", "url": "https://example.org/a", "source": "VNA", "lang": "en"])
        let good2 = try JSONSerialization.data(withJSONObject: ["text": Pages.article(seed: 12)])
        let lines = [String(decoding: good1, as: UTF8.self), "{\"title\": \"no text here\"}", "", String(decoding: good2, as: UTF8.self), "not json at all"]
        let path = try folder.write("dump.jsonl", lines.joined(separator: "\n") + "\n")
        let store = try makeStore(folder)
        let summary = try ingest(store, [path])
        XCTAssertEqual(summary.added, 2)
        XCTAssertEqual(summary.failed, 2)
        XCTAssertTrue(summary.failures.contains { $0.contains("dump.jsonl:2") && $0.contains("text") }, "\(summary.failures)")
        XCTAssertTrue(summary.failures.contains { $0.contains("dump.jsonl:5") }, "\(summary.failures)")
        let hinted = try XCTUnwrap(store.articles().first { $0.title == "Hinted headline" })
        XCTAssertEqual(hinted.date, "2026-03-04")
        XCTAssertEqual(hinted.lang, "en")
        XCTAssertTrue(hinted.sources.contains("VNA"))
        // Unchanged file: nothing to do. Appending a line adds just that line.
        XCTAssertEqual(try ingest(store, [path]).added, 0)
        let good3 = try JSONSerialization.data(withJSONObject: ["text": Pages.article(seed: 13)])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: good3 + Data("\n".utf8))
        try handle.close()
        let appended = try ingest(store, [path])
        XCTAssertEqual(appended.added, 1)
        XCTAssertEqual(appended.unchanged, 2)
        XCTAssertEqual(try store.count(), 3)
    }

    func testBadFilesFailWithReasonsAndOthersAreStored() throws {
        let folder = try TemporaryFolder()
        try folder.write("empty.txt", "")
        try folder.write("binary.txt", Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2, 0, 0, 0, 3]))
        try folder.write("good.txt", Pages.article(seed: 21))
        let store = try makeStore(folder)
        let summary = try ingest(store, [folder.path])
        XCTAssertEqual(summary.added, 1)
        XCTAssertEqual(summary.failed, 2)
        XCTAssertTrue(summary.failures.contains { $0.contains("empty.txt") && $0.contains("empty") }, "\(summary.failures)")
        XCTAssertTrue(summary.failures.contains { $0.contains("binary.txt") && $0.contains("binary") }, "\(summary.failures)")
        XCTAssertEqual(try store.stats().failures.count, 2)
        // Fixing a file clears its failure.
        try folder.write("empty.txt", Pages.article(seed: 22))
        let again = try ingest(store, [folder.path])
        XCTAssertEqual(again.added, 1)
        XCTAssertEqual(try store.stats().failures.map(\.file), [folder.file("binary.txt")])
    }

    /// A database error while storing one article (here a trigger) fails that article only: its rows,
    /// index entry and near-duplicate bands are rolled back, the rest of the batch is stored, and a
    /// later run stores it.
    func testStoreErrorFailsOneArticleAndKeepsTheBatch() throws {
        let folder = try TemporaryFolder()
        for i in 0..<6 {
            try folder.write("p\(i).txt", Pages.article(seed: 300 + i, title: i == 3 ? "POISON report \(i)" : nil, paragraphs: 6))
        }
        let store = try makeStore(folder)
        try store.pool.write { db in
            try db.execute(sql: "CREATE TEMP TRIGGER poison BEFORE INSERT ON main.article WHEN NEW.title LIKE 'POISON%' BEGIN SELECT RAISE(ABORT, 'poisoned'); END")
        }
        let first = try ingest(store, [folder.path])
        XCTAssertEqual(first.added, 5)
        XCTAssertEqual(first.failed, 1)
        XCTAssertTrue(first.failures.first?.contains("poisoned") ?? false, "\(first.failures)")
        XCTAssertEqual(try store.count(ArticleQuery(includeDuplicates: true)), 5)
        try CrashTests.assertNoPartialArticles(store)
        try store.pool.write { db in try db.execute(sql: "DROP TRIGGER temp.poison") }
        let second = try ingest(store, [folder.path])
        XCTAssertEqual(second.added, 1)
        XCTAssertEqual(second.unchanged, 5)
        XCTAssertEqual(try store.search("poison").count, 1)
        try CrashTests.assertNoPartialArticles(store)
    }

    func testGlobPatternsAreExpanded() throws {
        let folder = try TemporaryFolder()
        try folder.write("x/a.txt", Pages.article(seed: 31))
        try folder.write("x/b.txt", Pages.article(seed: 32))
        try folder.write("x/c.md", Pages.article(seed: 33))
        let (files, problems) = InputExpander.expand([folder.file("x/*.txt"), folder.file("nothing/*.txt")])
        XCTAssertEqual(files.map { ($0.path as NSString).lastPathComponent }, ["a.txt", "b.txt"])
        XCTAssertEqual(problems.count, 1)
    }

    func testASymlinkedFolderIsWalkedAsTheFolderItPointsTo() throws {
        let folder = try TemporaryFolder()
        try folder.write("real/a.txt", Pages.article(seed: 34))
        try folder.write("real/sub/b.txt", Pages.article(seed: 35))
        try FileManager.default.createSymbolicLink(atPath: folder.file("link"), withDestinationPath: folder.file("real"))
        let viaLink = InputExpander.expand([folder.file("link")]).files.map(\.path)
        XCTAssertEqual(viaLink.map { ($0 as NSString).lastPathComponent }, ["a.txt", "b.txt"])
        // Recorded under the real paths: the link and the folder itself are the same inputs.
        XCTAssertEqual(viaLink, InputExpander.expand([folder.file("real")]).files.map(\.path))
    }

    func testReparseUsesStoredTextOnly() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("p.txt", Pages.article(seed: 41))
        try folder.write("q.txt", Pages.article(seed: 42))
        let store = try makeStore(folder)
        try ingest(store, [folder.path])
        let before = try store.articles()
        try FileManager.default.removeItem(atPath: path) // the original is gone; reparse must not need it
        try store.pool.write { db in try db.execute(sql: "UPDATE article SET parser_version = 0") }
        let reparser = Reparser(store: store)
        XCTAssertEqual(try reparser.pendingCount(), 2)
        let summary = try reparser.run()
        XCTAssertEqual(summary.unchanged + summary.updated, 2)
        XCTAssertEqual(summary.failed, 0)
        XCTAssertEqual(try reparser.pendingCount(), 0)
        XCTAssertEqual(try store.articles().map(\.id), before.map(\.id))
        XCTAssertEqual(try store.articles().map(\.parserVersion), [ArticleParser.version, ArticleParser.version])
        XCTAssertEqual(try Reparser(store: store).run(all: true).unchanged, 2)
        XCTAssertEqual(try store.integrityCheck(), "ok")
        XCTAssertEqual(try store.search("delegation OR ministry OR budget OR forum").count, 2)
    }

    func testStoredArticleRoundTripsTheParsedModel() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("toLam.txt", Pages.toLam)
        let store = try makeStore(folder)
        try ingest(store, [path])
        let parsed = try ArticleParser().parseFile(atPath: InputExpander.absolute(path)).article
        let stored = try XCTUnwrap(store.article(id: parsed.id))
        XCTAssertEqual(stored, parsed)
        XCTAssertEqual(try store.paragraphs(articleID: parsed.id), parsed.paragraphs)
        XCTAssertEqual(try store.mentions(articleID: parsed.id), parsed.mentions)
        XCTAssertEqual(try store.rawText(articleID: parsed.id)?.contains("Saysomphone"), true)
    }

    /// Repeated mentions in both spellings: the writer resolves each distinct mention once, with the
    /// same outcome as once per mention (entity named by the richer form, every spelling an alias).
    func testRepeatedMentionsKeepEveryMentionAndTheRicherName() throws {
        let folder = try TemporaryFolder()
        let page = Pages.toLam + "\n\nGeneral Secretary To Lam said To Lam and Saysomphone would meet again. Tô Lâm thanked Saysomphone.\n"
        let path = try folder.write("toLam2.txt", page)
        let store = try makeStore(folder)
        try ingest(store, [path])
        let parsed = try ArticleParser().parseFile(atPath: InputExpander.absolute(path)).article
        XCTAssertEqual(try store.mentions(articleID: parsed.id), parsed.mentions)
        XCTAssertGreaterThan(parsed.mentions.count, Set(parsed.mentions.map { "\($0.name)|\($0.text)" }).count, "the page repeats mentions")
        let (names, aliases, counts) = try store.pool.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM entity ORDER BY id"),
             try String.fetchAll(db, sql: "SELECT alias FROM entity_alias ORDER BY key, entity"),
             try Int.fetchAll(db, sql: "SELECT mentions FROM entity_article ORDER BY entity"))
        }
        let texts = Set(parsed.mentions.map(\.text))
        XCTAssertEqual(counts.reduce(0, +), parsed.mentions.count)
        if texts.contains("To Lam") {
            XCTAssertTrue(names.contains("Tô Lâm") && !names.contains("To Lam"), "\(names)")
            XCTAssertEqual(aliases.filter { TextFold.key($0) == "to lam" }, ["Tô Lâm"], "first spelling per folded key")
        }
    }
}

final class FaultTests: XCTestCase {
    func testFullDatabaseStopsWithClearErrorAndKeepsCommittedWork() throws {
        let folder = try TemporaryFolder()
        for i in 0..<40 { try folder.write("pages/p\(i).txt", Pages.article(seed: 500 + i, paragraphs: 12)) }
        let store = try makeStore(folder)
        let pages = try store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
        // Simulate a full disk: the writer may not grow the file beyond a few pages more.
        try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = \(pages + 40)") }
        let ingester = Ingester(store: store)
        ingester.batchSize = 5
        XCTAssertThrowsError(try ingester.run(InputExpander.expand([folder.file("pages")]).files)) { error in
            XCTAssertEqual((error as? StoreError)?.reason, .diskFull, "\(error)")
            XCTAssertTrue("\(error)".contains("disk full"), "\(error)")
        }
        let kept = try store.count()
        XCTAssertLessThan(kept, 40)
        XCTAssertEqual(kept % 5, 0, "whole batches only")
        XCTAssertEqual(try store.integrityCheck(), "ok")
        // With space again, re-running completes the work.
        try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = 1073741823") }
        let summary = try ingest(store, [folder.file("pages")])
        XCTAssertEqual(summary.added, 40 - kept)
        XCTAssertEqual(try store.count(), 40)
    }

    func testReadersAreNeverLockedOutDuringIngest() throws {
        let folder = try TemporaryFolder()
        for i in 0..<300 { try folder.write("pages/p\(i).txt", Pages.article(seed: 700 + i, paragraphs: 6)) }
        let writerStore = try makeStore(folder)
        let reader = try CorpusStore(path: folder.file("corpus.sqlite"), mode: .readOnly)
        let done = DispatchSemaphore(value: 0)
        var ingestError: Error?
        DispatchQueue.global().async {
            do {
                let ingester = Ingester(store: writerStore)
                ingester.batchSize = 20
                _ = try ingester.run(InputExpander.expand([folder.file("pages")]).files)
            } catch { ingestError = error }
            done.signal()
        }
        var reads = 0
        var last = 0
        while done.wait(timeout: .now()) == .timedOut {
            let count = try reader.count()
            XCTAssertGreaterThanOrEqual(count, last, "counts only grow")
            last = count
            _ = try reader.search("delegation")
            reads += 1
        }
        XCTAssertNil(ingestError)
        XCTAssertGreaterThan(reads, 0)
        XCTAssertEqual(try reader.count(), 300)
    }
}

/// Full-text changes are handed to FTS5 every `fullTextChunk` articles within a batch; the index must
/// be the same as when a whole batch is indexed at its end.
final class FullTextChunkTests: XCTestCase {
    private func hits(_ store: CorpusStore, _ query: String) throws -> [String] {
        try store.search(query, limit: 100).map(\.id)
    }

    /// The number of segments in the full-text index (from FTS5's structure record).
    private func fullTextSegments(_ store: CorpusStore) throws -> Int {
        let block = try XCTUnwrap(store.pool.read { db in try Data.fetchOne(db, sql: "SELECT block FROM article_fts_data WHERE id = 10") })
        var i = 4 // configuration cookie
        if block.count > 8, block[block.startIndex + 4] == 0xFF { i += 4 } // a version 2 record's marker
        func varint() -> Int { // small values: one byte, or two
            let b = Int(block[block.startIndex + i]); i += 1
            if b < 0x80 { return b }
            let c = Int(block[block.startIndex + i]); i += 1
            return (b & 0x7F) << 7 | c
        }
        _ = varint() // levels
        return varint()
    }

    /// A batch's new terms reach FTS5 in chunks but become one index segment, written at the commit:
    /// nothing in between (such as a statement that writes several rows: entity rows of an article
    /// that names many entities) makes FTS5 write them out early (see `Schema.v10`).
    func testABatchBecomesOneFullTextSegment() throws {
        let folder = try TemporaryFolder()
        let names = "Tô Lâm met Phạm Minh Chính, Saysomphone Phomvihane, Sonexay Siphandone, Thongloun Sisoulith, Hun Manet, "
            + "Anthony Albanese and Kaikeo Saysompheng in Vientiane, Hà Nội, Luang Prabang and Đà Nẵng with ASEAN and Vietnam Airlines."
        for i in 0..<40 { try folder.write("pages/p\(i).txt", Pages.article(seed: 5_000 + i, paragraphs: 3, extra: names)) }
        let store = try makeStore(folder)
        let ingester = Ingester(store: store)
        ingester.fullTextChunk = 4
        XCTAssertEqual(try ingester.run(InputExpander.expand([folder.file("pages")]).files).added, 40)
        let entities = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT min(n) FROM (SELECT count(*) AS n FROM entity_article GROUP BY article)") }
        XCTAssertGreaterThanOrEqual(entities ?? 0, 8, "every article names eight entities or more")
        XCTAssertEqual(try fullTextSegments(store), 1)
        try store.pool.write { db in try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES('integrity-check')") }
        XCTAssertEqual(try hits(store, "\"phạm minh chính\"").count, 40)
    }

    func testChunkedIndexingFindsWhatWholeBatchIndexingFinds() throws {
        let folder = try TemporaryFolder()
        for i in 0..<60 {
            try folder.write("pages/p\(i).txt", Pages.article(seed: 3_000 + i, paragraphs: 3, extra: "Filed under zq\(i)x and Vientiane."))
        }
        var results: [[String]] = []
        for chunk in [7, Int.max] {
            let store = try makeStore(folder, name: "chunk-\(chunk).sqlite")
            let ingester = Ingester(store: store)
            ingester.batchSize = 25
            ingester.fullTextChunk = chunk
            XCTAssertEqual(try ingester.run(InputExpander.expand([folder.file("pages")]).files).added, 60)
            try store.pool.write { db in try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES('integrity-check')") }
            var found: [String] = []
            for i in 0..<60 {
                let ids = try hits(store, "zq\(i)x")
                XCTAssertEqual(ids.count, 1, "chunk \(chunk): zq\(i)x")
                found += ids
            }
            found += try hits(store, "vientiane")
            found += try hits(store, "\"filed under\"")
            results.append(found)
        }
        XCTAssertEqual(results[0].count, 60 + 60 + 60)
        XCTAssertEqual(results[0], results[1])
    }
}
