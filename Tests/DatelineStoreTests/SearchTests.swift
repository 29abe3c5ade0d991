import DatelineCore
@testable import DatelineStore
import DatelineTestSupport
import Foundation
import GRDB
import XCTest

final class SearchTests: XCTestCase {
    private func corpus() throws -> (TemporaryFolder, CorpusStore) {
        let folder = try TemporaryFolder()
        try folder.write("tolam.txt", Pages.toLam)
        try folder.write("ascii.txt", Pages.article(seed: 51, title: "TO LAM receives envoys", extra: "General Secretary To Lam received the ambassadors of three countries in Hanoi."))
        try folder.write("danang.txt", Pages.article(seed: 52, title: "Đà Nẵng hosts forum", extra: "The forum in Đà Nẵng drew investors from the region."))
        for i in 0..<5 { try folder.write("filler\(i).txt", Pages.article(seed: 60 + i)) }
        let store = try makeStore(folder)
        try ingest(store, [folder.path])
        return (folder, store)
    }

    func testDiacriticAndCaseInsensitive() throws {
        let (folder, store) = try corpus()
        let a = Set(try store.search("to lam").map(\.id))
        let b = Set(try store.search("Tô Lâm").map(\.id))
        let c = Set(try store.search("TO LAM").map(\.id))
        XCTAssertEqual(a.count, 2)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a, c)
        XCTAssertTrue(a.contains(try store.resolve(folder.file("tolam.txt"))))
        XCTAssertTrue(a.contains(try store.resolve(folder.file("ascii.txt"))))
        // đ folds to d both ways.
        XCTAssertEqual(try store.search("da nang").count, 1)
        XCTAssertEqual(try store.search("ĐÀ NẴNG").count, 1)
    }

    func testPhrasePrefixAndBooleanQueries() throws {
        let (folder, store) = try corpus()
        let phrase = try store.search("\"strategic cohesion\"")
        XCTAssertEqual(phrase.map(\.id), [try store.resolve(folder.file("tolam.txt"))])
        XCTAssertEqual(try store.search("\"cohesion strategic\"").count, 0)
        XCTAssertEqual(try store.search("Saysom*").count, 1)
        XCTAssertEqual(try store.search("lam NOT saysomphone").map(\.id), [try store.resolve(folder.file("ascii.txt"))])
        XCTAssertEqual(try store.search("title:envoys").count, 1)
        XCTAssertEqual(try store.search("shoulder-to-shoulder").count, 1)
        // Unbalanced syntax falls back to plain words instead of failing.
        XCTAssertEqual(try store.search("\"strategic (cohesion").count, 1)
        XCTAssertEqual(try store.search("").count, 0)
    }

    func testSnippetHighlightsOriginalText() throws {
        let (_, store) = try corpus()
        let hit = try XCTUnwrap(store.search("to lam").first { $0.snippet.text.contains("Tô Lâm") })
        let marked = hit.snippet.highlighted(open: "[", close: "]")
        XCTAssertTrue(marked.contains("[Tô Lâm]"), marked)
        let phrase = try XCTUnwrap(store.search("\"strategic cohesion\"").first)
        XCTAssertTrue(phrase.snippet.highlighted(open: "<", close: ">").contains("<strategic cohesion>"), phrase.snippet.text)
        XCTAssertGreaterThan(phrase.score, 0)
    }

    /// The store ranks with its own `dateline_bm25`, which must give FTS5's `bm25` scores exactly.
    func testStoreRankEqualsFTS5BM25() throws {
        let (_, store) = try corpus()
        var compared = 0
        try store.pool.read { db in
            for query in ["to lam", "\"strategic cohesion\"", "envoys OR ambassadors", "lam NOT saysomphone", "title:envoys", "forum*",
                          "NEAR(general secretary, 3)", "da nang", "the"] {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT bm25(article_fts, 10.0, 4.0, 1.0), dateline_bm25(article_fts, 10.0, 4.0, 1.0),
                           bm25(article_fts), dateline_bm25(article_fts)
                    FROM article_fts WHERE article_fts MATCH ?
                    """, arguments: [FTSQuery(query).expression])
                for row in rows {
                    XCTAssertEqual(row[0] as Double, row[1] as Double, query)
                    XCTAssertEqual(row[2] as Double, row[3] as Double, query)
                }
                compared += rows.count
            }
        }
        XCTAssertGreaterThan(compared, 10)
    }

    /// Ranking the two halves of the key range at once (large corpora) gives the single query's list.
    func testParallelRankingMatchesSingleQuery() throws {
        let folder = try TemporaryFolder()
        for i in 0..<40 {
            try folder.write("p\(i).txt", Pages.article(seed: 500 + i, title: i % 3 == 0 ? "Forum on harbour investment \(i)" : nil, paragraphs: 2 + i % 5))
        }
        let store = try makeStore(folder)
        try ingest(store, [folder.path])
        let saved = CorpusStore.parallelRankingMinimum
        defer { CorpusStore.parallelRankingMinimum = saved }
        for text in ["harbour", "forum OR museum", "\"harbour festival\"", "investment NOT zeppelin", "title:forum", "summit*"] {
            let query = FTSQuery(text)
            CorpusStore.parallelRankingMinimum = .max
            let single = try store.rankedKeys(query, limit: 12)
            let singleHits = try store.search(text, limit: 8)
            CorpusStore.parallelRankingMinimum = 0
            XCTAssertEqual(try store.rankedKeys(query, limit: 12), single, text)
            XCTAssertEqual(try store.search(text, limit: 8), singleHits, text)
            XCTAssertFalse(single.isEmpty, text)
        }
    }

    /// Row lengths cached by the ranking function follow changes to the index: re-ingesting a file
    /// with a longer text, from another connection or inside the reading connection's own transaction.
    func testStoreRankFollowsIndexChanges() throws {
        let (folder, store) = try corpus()
        func assertSameScores(_ db: Database, _ label: String) throws {
            let rows = try Row.fetchAll(db, sql: """
                SELECT bm25(article_fts, 10.0, 4.0, 1.0), dateline_bm25(article_fts, 10.0, 4.0, 1.0)
                FROM article_fts WHERE article_fts MATCH 'lam OR forum'
                """)
            XCTAssertFalse(rows.isEmpty, label)
            for row in rows { XCTAssertEqual(row[0] as Double, row[1] as Double, label) }
        }
        try store.pool.read { try assertSameScores($0, "before") }
        try folder.write("ascii.txt", Pages.article(seed: 51, title: "TO LAM receives envoys", paragraphs: 9,
                                                    extra: "General Secretary To Lam received the ambassadors of three countries in Hanoi."))
        XCTAssertEqual(try ingest(store, [folder.path]).updated, 1)
        try store.pool.read { try assertSameScores($0, "after re-ingest") }
        try store.pool.write { db in
            try assertSameScores(db, "writer, before")
            let key = try XCTUnwrap(Int64.fetchOne(db, sql: "SELECT rowid FROM article_fts WHERE article_fts MATCH 'envoys'"))
            let row = try XCTUnwrap(Row.fetchOne(db, sql: "SELECT title, lede, body FROM article WHERE rowid = ?", arguments: [key]))
            try db.execute(sql: "INSERT INTO article_fts (article_fts, rowid, title, lede, body) VALUES ('delete', ?, ?, ?, ?)",
                           arguments: [key, SearchFold.index(row[0]), SearchFold.index(row[1]), SearchFold.index(row[2])])
            try db.execute(sql: "INSERT INTO article_fts (rowid, title, lede, body) VALUES (?, 'to lam', '', 'lam lam forum')", arguments: [key])
            try assertSameScores(db, "writer, own pending change")
        }
    }

    /// The byte-level paragraph split gives Foundation's `components(separatedBy: "\n\n")`.
    func testBodySplitMatchesFoundation() {
        for body in ["a", "a\n\nb", "a\n\n\nb", "\n\n", "a\n\n", "\n\na", "a\n\n\n\nb", "a\nb\n\nc", "Tô Lâm\n\nĐà Nẵng\n\n",
                     "x\r\n\r\ny", "x\r\n\ny\n\nz", "\n", "😀\n\n😀"] {
            XCTAssertEqual(BodyText.paragraphs(body), body.components(separatedBy: "\n\n"), body.debugDescription)
        }
        XCTAssertEqual(BodyText.paragraphs(""), [])
    }

    func testRankingPrefersTitleMatches() throws {
        let (folder, store) = try corpus()
        let hits = try store.search("envoys OR ambassadors")
        XCTAssertEqual(hits.first?.id, try store.resolve(folder.file("ascii.txt")))
    }

    func testQueryFiltersAndScanning() throws {
        let folder = try TemporaryFolder()
        var lines: [String] = []
        for i in 0..<300 {
            let record: [String: Any] = [
                "text": Pages.article(seed: 1000 + i, paragraphs: 1),
                "date": String(format: "2026-%02d-%02d", 1 + i % 3, 1 + i % 28),
                "lang": i % 2 == 0 ? "en" : "vi",
                "source": i % 3 == 0 ? "VNA" : "VOV",
            ]
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self))
        }
        try folder.write("many.jsonl", lines.joined(separator: "\n"))
        let store = try makeStore(folder)
        XCTAssertEqual(try ingest(store, [folder.path]).added, 300)
        XCTAssertEqual(try store.count(), 300)
        XCTAssertEqual(try store.count(ArticleQuery(lang: "en")), 150)
        XCTAssertEqual(try store.count(ArticleQuery(source: "vna")), 100)
        XCTAssertEqual(try store.count(ArticleQuery(since: "2026-02", before: "2026-03")), 100)
        XCTAssertEqual(try store.count(ArticleQuery(limit: 7)), 7)

        var seen: [ArticleRow] = []
        try store.forEachArticle { seen.append($0); return true }
        XCTAssertEqual(seen.count, 300)
        XCTAssertEqual(Set(seen.map(\.id)).count, 300)
        XCTAssertEqual(seen.map { $0.date ?? "" }, seen.map { $0.date ?? "" }.sorted())
        var stopped = 0
        try store.forEachArticle(ArticleQuery(order: .ingest)) { _ in stopped += 1; return stopped < 10 }
        XCTAssertEqual(stopped, 10)
        XCTAssertEqual(try store.articles(ArticleQuery(lang: "vi", limit: 3)).count, 3)

        let first = seen[0].id
        try store.setTag(articleID: first, key: "reviewed", value: "yes")
        try store.setTag(articleID: seen[1].id, key: "reviewed", value: "no")
        XCTAssertEqual(try store.count(ArticleQuery(tag: "reviewed")), 2)
        XCTAssertEqual(try store.articles(ArticleQuery(tag: "reviewed=yes")).map(\.id), [first])
        try store.setTag(articleID: first, key: "reviewed", value: nil)
        XCTAssertEqual(try store.count(ArticleQuery(tag: "reviewed")), 1)
        XCTAssertThrowsError(try store.setTag(articleID: "nope", key: "k", value: "v"))
        XCTAssertEqual(try store.languages().map(\.value).sorted(), ["en", "vi"])
        XCTAssertEqual(try store.sources().first { $0.value == "VNA" }?.count, 100)
        XCTAssertEqual(try store.stats().months.map(\.value), ["2026-01", "2026-02", "2026-03"])
    }

    /// Scans cross key chunks (256, then 512 keys) inside one large group of undated articles and
    /// inside same-date groups, and still yield every article once, in exactly SQLite's order for the
    /// filter; limits and early stops land where asked.
    func testScanOrderAcrossKeyChunksAndSameDateGroups() throws {
        let folder = try TemporaryFolder()
        var lines: [String] = []
        for i in 0..<900 {
            var record: [String: Any] = ["text": Pages.article(seed: 5000 + i, paragraphs: 1), "lang": i % 3 == 0 ? "vi" : "en"]
            if i % 9 >= 5 { record["date"] = String(format: "2026-0%d-01", 1 + i % 2) } // 400 dated, 500 undated
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self))
        }
        try folder.write("many.jsonl", lines.joined(separator: "\n"))
        let store = try makeStore(folder)
        XCTAssertEqual(try ingest(store, [folder.path]).added, 900)
        XCTAssertEqual(try store.count(ArticleQuery(since: "2026")), 400)
        let sqlOrder = { (condition: String, order: String) in
            try store.pool.read { db in
                try String.fetchAll(db, sql: "SELECT id FROM article a WHERE a.duplicate_of IS NULL AND \(condition) ORDER BY \(order)")
            }
        }
        let byDate = try sqlOrder("1", "coalesce(a.date, ''), a.rowid")
        XCTAssertEqual(byDate.count, 900)
        XCTAssertEqual(try store.articles().map(\.id), byDate)
        XCTAssertEqual(try store.articles(ArticleQuery(lang: "vi")).map(\.id), try sqlOrder("a.lang = 'vi'", "coalesce(a.date, ''), a.rowid"))
        XCTAssertEqual(try store.articles(ArticleQuery(order: .ingest)).map(\.id), try sqlOrder("1", "a.rowid"))
        XCTAssertEqual(try store.articles(ArticleQuery(limit: 600)).map(\.id), Array(byDate.prefix(600)))
        XCTAssertEqual(try store.articles(ArticleQuery(search: "ministry", order: .ingest)).map(\.id),
                       try sqlOrder("a.rowid IN (SELECT rowid FROM article_fts WHERE article_fts MATCH 'ministry')", "a.rowid"))
        var seen: [String] = []
        try store.forEachArticle { seen.append($0.id); return seen.count < 300 }
        XCTAssertEqual(seen, Array(byDate.prefix(300)))
    }

    func testMentionsAreAliasAware() throws {
        let (folder, store) = try corpus()
        let id = try store.resolve(folder.file("tolam.txt"))
        let mentions = try store.mentions(articleID: id)
        try XCTSkipIf(!mentions.contains { $0.name == "Tô Lâm" }, "parser did not recognize Tô Lâm")
        XCTAssertTrue(try store.articleIDs(mentioning: "to lam").contains(id))
        XCTAssertTrue(try store.articleIDs(mentioning: "TÔ LÂM").contains(id))
        XCTAssertTrue(try store.count(ArticleQuery(mentions: "To Lam")) >= 1)
        XCTAssertEqual(try store.count(ArticleQuery(mentions: "Nobody Atall")), 0)
        let people = try store.entities(kind: .person)
        XCTAssertTrue(people.contains { $0.name == "Tô Lâm" && $0.articleCount >= 1 })
    }
}

final class EntityIdentityTests: XCTestCase {
    /// "To Lam" in one article and "Tô Lâm" in another are one corpus entity, shown with diacritics,
    /// whichever arrives first.
    func testSpellingsAcrossArticlesAreOneEntity() throws {
        let folder = try TemporaryFolder()
        try folder.write("a-ascii.txt", Pages.article(seed: 71, title: "Envoys received", extra: "General Secretary To Lam received the ambassadors in Hanoi."))
        try folder.write("b-diacritics.txt", Pages.toLam)
        let store = try makeStore(folder)
        try ingest(store, [folder.path])
        let people = try store.entities(kind: .person).filter { TextFold.key($0.name) == "to lam" }
        XCTAssertEqual(people.map(\.name), ["Tô Lâm"])
        XCTAssertEqual(people.first?.articleCount, 2)
        XCTAssertTrue(people.first?.aliases.contains("To Lam") ?? false)
        let ascii = try XCTUnwrap(store.article(id: try store.resolve(folder.file("a-ascii.txt"))))
        XCTAssertTrue(ascii.mentions.contains { $0.name == "Tô Lâm" && $0.text == "To Lam" }, "\(ascii.mentions)")
    }
}
