import DatelineCore
@testable import DatelineStore
import DatelineTestSupport
import Foundation
import GRDB
import GRDBSQLite
import XCTest

/// `FTSTokens` must give exactly the tokens SQLite's own `unicode61 remove_diacritics 2` gives (the index
/// is contentless: a deletion re-tokenizes the stored values with the built-in tokenizer, and readers
/// tokenize queries with it), and an index built through `TokenReplay` must be the index SQLite builds.
final class FTSTokensTests: XCTestCase {
    /// Collects the built-in tokenizer's output.
    private final class Collector {
        var tokens: [(text: [UInt8], start: Int32, end: Int32)] = []
    }

    /// The built-in tokenizer's tokens of `text` (a connection without the wrapper).
    private func sqliteTokens(_ text: String) throws -> [(text: [UInt8], start: Int32, end: Int32)] {
        let queue = try DatabaseQueue()
        return try queue.inDatabase { db in
            let api = try XCTUnwrap(try TokenReplay.fts5API(db))
            var module = fts5_tokenizer()
            var context: UnsafeMutableRawPointer?
            XCTAssertEqual(api.pointee.xFindTokenizer(api, "unicode61", &context, &module), SQLITE_OK)
            var instance: OpaquePointer?
            var arguments: [UnsafePointer<CChar>?] = [UnsafePointer(strdup("remove_diacritics")), UnsafePointer(strdup("2"))]
            defer { arguments.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
            XCTAssertEqual(module.xCreate!(context, &arguments, 2, &instance), SQLITE_OK)
            defer { module.xDelete!(instance) }
            let collector = Collector()
            var bytes = Array(text.utf8)
            let code = bytes.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(1, buffer.count)) { pointer in
                    module.xTokenize!(instance, Unmanaged.passUnretained(collector).toOpaque(), FTS5_TOKENIZE_DOCUMENT, pointer, Int32(buffer.count)) { context, _, token, length, start, end in
                        let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
                        let bytes = UnsafeRawBufferPointer(start: token, count: Int(length))
                        collector.tokens.append((Array(bytes), start, end))
                        return SQLITE_OK
                    }
                }
            }
            XCTAssertEqual(code, SQLITE_OK)
            return collector.tokens
        }
    }

    private func assertSameAsSQLite(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard let mine = FTSTokens(text) else { return XCTFail("not tokenized: \(text.debugDescription)", file: file, line: line) }
        let theirs = try sqliteTokens(text)
        XCTAssertEqual(mine.count, theirs.count, text.debugDescription, file: file, line: line)
        let bytes = Array(text.utf8)
        for (k, token) in theirs.enumerated() where k < mine.count {
            let start = Int(mine.ranges[2 * k]), end = Int(mine.ranges[2 * k + 1])
            XCTAssertEqual(Array(bytes[start..<end]), token.text, text.debugDescription, file: file, line: line)
            XCTAssertEqual(Int32(start), token.start, file: file, line: line)
            XCTAssertEqual(Int32(end), token.end, file: file, line: line)
        }
    }

    func testRandomTextGivesSQLitesTokens() throws {
        var generator = SplitMix64(seed: 7)
        let ascii = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }.filter { !("A"..."Z").contains($0) }
        let separators = FTSTokens.separators.map { Character(Unicode.Scalar($0)!) }
        let alnum = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        for round in 0..<400 {
            var text = ""
            for _ in 0..<Int(generator.next() % 200) {
                let r = generator.next() % 10
                if r < 6 { text.append(alnum[Int(generator.next() % 36)]) }
                else if r < 9 { text.append(ascii[Int(generator.next() % UInt64(ascii.count))]) }
                else { text.append(separators[Int(generator.next() % UInt64(separators.count))]) }
            }
            if round == 0 { text = "" }
            try assertSameAsSQLite(text)
        }
    }

    /// Every listed separator ends a token in SQLite too, between letters, digits and at the ends.
    func testEveryListedSeparatorSeparates() throws {
        for scalar in FTSTokens.separators.sorted() {
            let separator = String(Unicode.Scalar(scalar)!)
            for text in ["a\(separator)b", "\(separator)x9\(separator)", "12\(separator)\(separator)34", separator] {
                try assertSameAsSQLite(text)
            }
        }
    }

    /// Text only SQLite can judge is left to it.
    func testOtherCharactersAreLeftToSQLite() {
        for text in ["Upper case", "café", "straße", "ສະບາຍດີ", "北京", "emoji 🇻🇳", "x\u{0301}", "tab\u{00AD}soft", "a\u{FFFD}b"] {
            XCTAssertNil(FTSTokens(text), text)
        }
        XCTAssertNotNil(FTSTokens("to lam — “strategic cohesion”… 26,9 ty usd"))
    }

    /// The seeds' folded values, where tokenized here, are tokenized as SQLite does.
    func testSeedValuesGiveSQLitesTokens() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seeds").path
        let files = InputExpander.expand([seeds]).files
        XCTAssertFalse(files.isEmpty)
        var tokenized = 0
        for file in files {
            let page = try ArticleParser().parseFile(atPath: file.path)
            let prepared = PreparedArticle(article: page.article, rawText: page.text, parserVersion: ArticleParser.version)
            for (text, tokens) in [(prepared.foldedTitle, prepared.titleTokens), (prepared.foldedLede, prepared.ledeTokens),
                                   (prepared.foldedBody, prepared.bodyTokens)] where tokens != nil {
                try assertSameAsSQLite(text)
                tokenized += 1
            }
        }
        XCTAssertGreaterThan(tokenized, 10, "the seeds' values should mostly be tokenized ahead")
    }

    /// The same corpus ingested, updated and ingested again with and without the wrapper gives the same
    /// full-text index, block for block, and the same search hits; the wrapper did replay tokens.
    func testIndexIsTheOneSQLiteBuilds() throws {
        let folder = try TemporaryFolder()
        for i in 0..<60 { try folder.write("pages/p\(i).txt", Pages.article(seed: 40 + i, paragraphs: 3 + i % 5)) }
        try folder.write("pages/lam.txt", Pages.toLam)
        func build(_ name: String, replay: Bool) throws -> (blocks: [Data], sizes: [Data], hits: [String], replayed: Int) {
            TokenReplay.isEnabled = replay
            defer { TokenReplay.isEnabled = true }
            let store = try makeStore(folder, name: name)
            try ingest(store, [folder.file("pages")])
            // Updates in place: the old values are deleted from the index (tokenized by SQLite), the new ones added.
            try Pages.article(seed: 999, paragraphs: 4).write(toFile: folder.file("pages/p3.txt"), atomically: true, encoding: .utf8)
            try Pages.toLam.replacingOccurrences(of: "Thursday", with: "Friday").write(toFile: folder.file("pages/lam.txt"), atomically: true, encoding: .utf8)
            try ingest(store, [folder.file("pages")])
            let replayed = try store.pool.write { db in TokenReplay.on(db)?.replayed ?? 0 }
            let result = try store.pool.read { db in
                (try Data.fetchAll(db, sql: "SELECT block FROM article_fts_data ORDER BY id"),
                 try Data.fetchAll(db, sql: "SELECT sz FROM article_fts_docsize ORDER BY id"))
            }
            let hits = try store.search("\"strategic cohesion\" OR harbour OR friday", limit: 100).map(\.id)
            try store.close()
            // Put the files back for the other build.
            try folder.write("pages/p3.txt", Pages.article(seed: 43, paragraphs: 6))
            try folder.write("pages/lam.txt", Pages.toLam)
            return (result.0, result.1, hits, replayed)
        }
        let sqlite = try build("plain.sqlite", replay: false)
        let replayed = try build("replayed.sqlite", replay: true)
        XCTAssertEqual(sqlite.replayed, 0)
        XCTAssertGreaterThan(replayed.replayed, 100)
        XCTAssertFalse(sqlite.blocks.isEmpty)
        XCTAssertEqual(replayed.blocks, sqlite.blocks)
        XCTAssertEqual(replayed.sizes, sqlite.sizes)
        XCTAssertFalse(sqlite.hits.isEmpty)
        XCTAssertEqual(replayed.hits, sqlite.hits)
    }
}
