import DatelineCore
import Foundation
import GRDB

/// The read API the commands and the Lua engine use. Everything here is read-only except `setTag`.
extension CorpusStore {
    // MARK: - Counting and scanning

    /// How many articles match the query (duplicates skipped unless `includeDuplicates`).
    public func count(_ query: ArticleQuery = ArticleQuery()) throws -> Int {
        try read { db in
            guard let filter = try QueryFilter(query, db) else { return 0 }
            var count = try Int.fetchOne(db, sql: "SELECT count(*) FROM article a \(filter.join) WHERE \(filter.condition)",
                                         arguments: filter.arguments) ?? 0
            if let limit = query.limit { count = min(count, max(0, limit)) }
            return count
        }
    }

    /// Calls `body` with each matching article's compact row, in `query.order`, until it returns false.
    /// Streams in pages of a few hundred rows: no read transaction is held while `body` runs, so `body`
    /// may call other store methods (lazy children, `setTag`). Memory: the page, plus 8 bytes per
    /// matching article for the keys of the chunk being read.
    ///
    /// By date, or through a filter on another table, the matching keys come first, in order, in
    /// chunks that double (256, 512, ... keys), each continuing where the last one ended; then each
    /// page of rows is read by key. The filter and the order are worked out once per chunk, not once
    /// per page: whatever plan SQLite picks for a filter (sorting every English article by date,
    /// running a full-text query), a whole scan runs it O(log n) times instead of n/256 times, and a
    /// loop that stops after a few rows pays for one small chunk. (Paging the rows themselves by
    /// `(date, key) > (d, k)` took 18.3 s instead of 2.0 s to stream 92k articles by date, half of them
    /// undated, and 27.7 s instead of 2.5 s for the Vietnamese ones: BENCHMARKS.md.) In ingest order
    /// with a filter on the row alone, rows are paged directly in key order.
    public func forEachArticle(_ query: ArticleQuery = ArticleQuery(), body: (ArticleRow) throws -> Bool) throws {
        if query.order == .ingest, !query.filtersByOtherTables {
            try forEachArticleInKeyOrder(query, body: body)
            return
        }
        var remaining = query.limit ?? Int.max
        var after: (date: String, key: Int64)?
        var chunk = Self.firstKeyChunk
        let page = Self.scanPage
        while remaining > 0 {
            let requested = min(chunk, remaining)
            let (keys, lastDate) = try matchingKeys(query, after: after, limit: requested)
            for start in stride(from: 0, to: keys.count, by: page) {
                let wanted = keys[start..<min(start + page, keys.count)]
                let rows = try read { db in
                    try ArticleRowReader.fetchAll(db, sql: "SELECT \(ArticleRow.columns) FROM article a WHERE a.rowid IN (\(wanted.map(String.init).joined(separator: ",")))",
                                                  arguments: [])
                }
                let byKey = Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
                for key in wanted {
                    // A row deleted since its key was read is skipped.
                    guard let row = byKey[key] else { continue }
                    remaining -= 1
                    if try !body(row) { return }
                }
            }
            guard keys.count == requested, let last = keys.last else { return }
            after = (lastDate, last)
            chunk = min(chunk * 2, Self.maximumKeyChunk)
        }
    }

    /// `forEachArticle` in ingest order for a filter on the article row alone: pages of rows read in key
    /// order, each continuing after the last key (one pass over the table; the filter is checked row by
    /// row or, for a language, seeks its index). 100k articles: 1.74 s against 2.02 s through keys.
    private func forEachArticleInKeyOrder(_ query: ArticleQuery, body: (ArticleRow) throws -> Bool) throws {
        var remaining = query.limit ?? Int.max
        var after: Int64?
        let page = Self.scanPage
        while remaining > 0 {
            let size = min(page, remaining)
            let rows: [ArticleRow] = try read { db in
                guard let filter = try QueryFilter(query, db) else { return [] }
                var sql = "SELECT \(ArticleRow.columns) FROM article a \(filter.join) WHERE \(filter.condition)"
                var arguments = filter.arguments
                if let after {
                    sql += " AND a.rowid > ?"
                    arguments += [after]
                }
                return try ArticleRowReader.fetchAll(db, sql: sql + " ORDER BY a.rowid LIMIT \(size)", arguments: arguments)
            }
            for row in rows {
                remaining -= 1
                if try !body(row) { return }
            }
            guard rows.count == size, let last = rows.last else { return }
            after = last.key
        }
    }

    /// Rows `forEachArticle` reads per statement (and per read transaction), in either way of scanning.
    static let scanPage = 256

    /// Key chunks of `forEachArticle`: the first, and the largest (8 MB of keys).
    static let firstKeyChunk = 256
    static let maximumKeyChunk = 1 << 20

    /// Up to `limit` keys of articles matching `query`, in its order, after `after`, with the date of
    /// the last one (where the next chunk continues).
    private func matchingKeys(_ query: ArticleQuery, after: (date: String, key: Int64)?, limit: Int) throws -> (keys: [Int64], lastDate: String) {
        try read { db in
            guard let filter = try QueryFilter(query, db) else { return ([], "") }
            let select = "SELECT coalesce(a.date, ''), a.rowid FROM article a \(filter.join) WHERE \(filter.condition)"
            var keys: [Int64] = []
            var lastDate = ""
            func fetch(_ sql: String, _ arguments: StatementArguments) throws {
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try cursor.next() {
                    keys.append(row[1])
                    lastDate = row[0]
                }
            }
            switch (query.order, after) {
            case (.date, nil):
                try fetch("\(select) ORDER BY coalesce(a.date, ''), a.rowid LIMIT \(limit)", filter.arguments)
            case let (.date, after?):
                // The rest of the last chunk's date, then the later dates: two seeks on the date index,
                // whose entries end with the rowid. One condition `(date, key) > (d, k)` seeks to the start
                // of date d and steps over every key of it already read.
                try fetch("\(select) AND coalesce(a.date, '') = ? AND a.rowid > ? ORDER BY a.rowid LIMIT \(limit)",
                          filter.arguments + [after.date, after.key])
                if keys.count < limit {
                    try fetch("\(select) AND coalesce(a.date, '') > ? ORDER BY coalesce(a.date, ''), a.rowid LIMIT \(limit - keys.count)",
                              filter.arguments + [after.date])
                }
            case (.ingest, nil):
                try fetch("\(select) ORDER BY a.rowid LIMIT \(limit)", filter.arguments)
            case let (.ingest, after?):
                try fetch("\(select) AND a.rowid > ? ORDER BY a.rowid LIMIT \(limit)", filter.arguments + [after.key])
            }
            return (keys, lastDate)
        }
    }

    /// The compact rows of matching articles as an array (convenience over `forEachArticle`).
    public func articles(_ query: ArticleQuery = ArticleQuery()) throws -> [ArticleRow] {
        var rows: [ArticleRow] = []
        try forEachArticle(query) { rows.append($0); return true }
        return rows
    }

    // MARK: - One article

    /// The full article model (paragraphs, captions, teasers, mentions, boilerplate) by exact id.
    public func article(id: String) throws -> Article? {
        try read { db in
            guard let row = try Self.row(id: id, db) else { return nil }
            return try Self.assemble(row, db)
        }
    }

    /// The compact row of one article by exact id.
    public func row(id: String) throws -> ArticleRow? {
        try read { db in try Self.row(id: id, db) }
    }

    static func row(id: String, _ db: Database) throws -> ArticleRow? {
        try ArticleRowReader.fetchAll(db, sql: "SELECT \(ArticleRow.columns) FROM article a WHERE a.id = ?", arguments: [id]).first
    }

    /// Finds the article an analyst means: an exact id, a unique id prefix, or a file path (as ingested,
    /// relative or absolute). Throws `StoreError` `.notFound` or `.ambiguous`.
    public func resolve(_ reference: String) throws -> String {
        try read { db in
            if try String.fetchOne(db, sql: "SELECT id FROM article WHERE id = ?", arguments: [reference]) != nil { return reference }
            let absolute = InputExpander.absolute(reference)
            for path in [reference, absolute] {
                if let id = try String.fetchOne(db, sql: """
                    SELECT a.id FROM source_file s JOIN article a ON a.rowid = s.article WHERE s.path = ?
                    UNION ALL SELECT id FROM article WHERE path = ? LIMIT 1
                    """, arguments: [path, path]) {
                    return id
                }
            }
            let escaped = reference.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            let ids = try String.fetchAll(db, sql: "SELECT id FROM article WHERE id LIKE ? ESCAPE '\\' LIMIT 20", arguments: [escaped + "%"])
            if ids.count == 1 { return ids[0] }
            if ids.isEmpty { throw StoreError(path: self.path, reason: .notFound(reference)) }
            throw StoreError(path: self.path, reason: .ambiguous(reference, ids))
        }
    }

    /// Body paragraphs of one article (empty if unknown).
    public func paragraphs(articleID: String) throws -> [String] {
        try read { db in
            BodyText.paragraphs(try String.fetchOne(db, sql: "SELECT body FROM article WHERE id = ?", arguments: [articleID]) ?? "")
        }
    }

    /// Photo captions of one article, in page order.
    public func captions(articleID: String) throws -> [Caption] {
        try read { db in try Self.captions(try key(articleID, db), db) }
    }

    /// "Related" teasers of one article, in page order.
    public func related(articleID: String) throws -> [Teaser] {
        try read { db in try Self.related(try key(articleID, db), db) }
    }

    /// Entity mentions of one article, in order.
    public func mentions(articleID: String) throws -> [Mention] {
        try read { db in try Self.mentions(try key(articleID, db), db) }
    }

    /// Analyst tags of one article (key → value; a bare tag has value "").
    public func tags(articleID: String) throws -> [String: String] {
        try read { db in
            guard let key = try key(articleID, db) else { return [:] }
            var tags: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM tag WHERE article = ?", arguments: [key]) {
                tags[row[0]] = row[1]
            }
            return tags
        }
    }

    /// The original decoded page text kept for `reparse`.
    public func rawText(articleID: String) throws -> String? {
        let path = self.path
        return try read { db in
            // A database from before schema 9 opened read-only has no `delta` column yet.
            let delta = try db.columns(in: "article_raw").contains { $0.name == "delta" } ? "r.delta" : "NULL"
            guard let row = try Row.fetchOne(db, sql: """
                SELECT r.text, \(delta), a.body FROM article_raw r JOIN article a ON a.rowid = r.article WHERE a.id = ?
                """, arguments: [articleID]) else { return nil }
            guard let text = RawDelta.stored(text: row[0], delta: row[1], body: row[2]) else {
                throw StoreError(path: path, reason: .damagedRawText(articleID))
            }
            return text
        }
    }

    /// Ids of articles stored as duplicates of this one.
    public func duplicates(ofArticleID id: String) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT d.id FROM article d JOIN article a ON d.duplicate_of = a.rowid WHERE a.id = ? ORDER BY d.rowid", arguments: [id])
        }
    }

    /// Sets (or with `value == nil` removes) an analyst tag; one value per article and key.
    /// Throws `.notFound` for an unknown article.
    public func setTag(articleID: String, key tagKey: String, value: String?) throws {
        try write { db in
            guard let article = try key(articleID, db) else { throw StoreError(path: self.path, reason: .notFound(articleID)) }
            if let value {
                try db.execute(sql: "INSERT INTO tag (article, key, value) VALUES (?,?,?) ON CONFLICT (article, key) DO UPDATE SET value = excluded.value",
                               arguments: [article, tagKey, value])
            } else {
                try db.execute(sql: "DELETE FROM tag WHERE article = ? AND key = ?", arguments: [article, tagKey])
            }
        }
    }

    // MARK: - Search

    /// Full-text search ranked by bm25 (title weighs most), diacritic- and case-insensitive, with a snippet
    /// of the original text around the first match. FTS5 syntax works: "phrase", AND/OR/NOT, NEAR(), prefix*,
    /// `title:`. A query FTS5 cannot parse is retried as plain words. Duplicates are skipped unless asked.
    public func search(_ text: String, limit: Int = 20, includeDuplicates: Bool = false) throws -> [SearchHit] {
        let query = FTSQuery(text)
        guard !query.expression.isEmpty, limit > 0 else { return [] }
        do {
            return try search(query, limit: limit, includeDuplicates: includeDuplicates)
        } catch let error as StoreError {
            guard case .badQuery = error.reason else { throw error }
            let plain = FTSQuery.plain(text)
            guard !plain.expression.isEmpty else { throw error }
            return try search(plain, limit: limit, includeDuplicates: includeDuplicates)
        }
    }

    func search(_ query: FTSQuery, limit: Int, includeDuplicates: Bool) throws -> [SearchHit] {
        // Rank, then fetch and snippet only the hits returned.
        var fetchLimit = includeDuplicates ? limit : limit * 2 + 10
        var hits: [RankedKey]
        while true {
            let candidates = try rankedKeys(query, limit: fetchLimit)
            let kept = includeDuplicates ? candidates : candidates.filter { !$0.isDuplicate }
            if kept.count >= limit || candidates.count < fetchLimit {
                hits = Array(kept.prefix(limit))
                break
            }
            fetchLimit *= 4
        }
        guard !hits.isEmpty else { return [] }
        let rows: [Int64: Row] = try read { db in
            var rows: [Int64: Row] = [:]
            let keys = hits.map { String($0.key) }.joined(separator: ",")
            for row in try Row.fetchAll(db, sql: "SELECT rowid, id, title, date, sources, path, lede, body FROM article WHERE rowid IN (\(keys))") {
                rows[row[0]] = row
            }
            return rows
        }
        let builder = SnippetBuilder(terms: query.terms)
        return hits.compactMap { hit in
            guard let row = rows[hit.key] else { return nil }
            let lede: String = row[6] ?? ""
            let body: String = row[7] ?? ""
            let title: String? = row[2]
            let snippet = builder.snippet(from: [lede] + BodyText.paragraphs(body) + [title ?? ""])
            return SearchHit(id: row[1], title: title, date: row[3], sources: SourceList.decode(row[4]), path: row[5],
                             snippet: snippet, score: -hit.score)
        }
    }

    /// One ranked match: article key, `dateline_bm25` score (lower is better), duplicate flag.
    struct RankedKey: Equatable {
        var key: Int64
        var score: Double
        var isDuplicate: Bool
    }

    /// Corpora with at least this many article keys rank in two halves at once (by key range) on
    /// machines with more than one core.
    nonisolated(unsafe) static var parallelRankingMinimum: Int64 = 20_000

    /// The best `limit` matches by `dateline_bm25`, best first (ties in key order, as SQLite's sorter
    /// gives them). On a large corpus the two halves of the key range are ranked on two reader
    /// connections at once: the scores do not depend on the split (FTS5's statistics — row count,
    /// average length, phrase frequencies — always cover the whole table), so the merged list is the
    /// one a single query gives, in about half the time when a second core is free.
    func rankedKeys(_ query: FTSQuery, limit: Int) throws -> [RankedKey] {
        let maxKey = try read { db in try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM article") } ?? 0
        let ranges: [ClosedRange<Int64>]
        if maxKey >= Self.parallelRankingMinimum, ProcessInfo.processInfo.activeProcessorCount > 1 {
            ranges = [Int64.min...(maxKey / 2), (maxKey / 2 + 1)...Int64.max]
        } else {
            ranges = [Int64.min...Int64.max]
        }
        var results = [Result<[RankedKey], Error>](repeating: .success([]), count: ranges.count)
        let rank = { (range: ClosedRange<Int64>) -> [RankedKey] in
            try self.read { db in
                do {
                    return try Row.fetchAll(db, sql: """
                        SELECT f.rowid, f.score, a.duplicate_of IS NOT NULL
                        FROM (SELECT rowid, \(SearchRank.functionName)(article_fts, 10.0, 4.0, 1.0) AS score FROM article_fts
                              WHERE article_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY score LIMIT ?) f
                        JOIN article a ON a.rowid = f.rowid ORDER BY f.score
                        """, arguments: [query.expression, range.lowerBound, range.upperBound, limit])
                        .map { RankedKey(key: $0[0], score: $0[1] ?? 0, isDuplicate: $0[2]) }
                } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
                    throw StoreError(path: self.path, reason: .badQuery(error.message ?? "syntax error"))
                }
            }
        }
        if ranges.count == 1 {
            return try rank(ranges[0])
        }
        results.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: ranges.count) { i in
                (base + i).pointee = Result { try rank(ranges[i]) }
            }
        }
        var merged: [RankedKey] = []
        for result in results { merged += try result.get() }
        merged.sort { $0.score != $1.score ? $0.score < $1.score : $0.key < $1.key }
        return Array(merged.prefix(limit))
    }

    // MARK: - Corpus-wide summaries

    /// Entities with article and mention counts (non-duplicate articles), most-mentioned first.
    public func entities(kind: EntityKind? = nil, limit: Int? = nil) throws -> [EntitySummary] {
        try read { db in
            var sql: String
            if try MentionList.isList(db) {
                sql = """
                SELECT e.id, e.name, e.kind, count(*) AS articles, sum(m.mentions) AS mentions
                FROM entity e JOIN entity_article m ON m.entity = e.id JOIN article a ON a.rowid = m.article
                WHERE a.duplicate_of IS NULL
                """
            } else {
                sql = """
                SELECT e.id, e.name, e.kind, count(DISTINCT m.article) AS articles, count(*) AS mentions
                FROM entity e JOIN mention m ON m.entity = e.id JOIN article a ON a.rowid = m.article
                WHERE a.duplicate_of IS NULL
                """
            }
            var arguments: StatementArguments = []
            if let kind { sql += " AND e.kind = ?"; arguments += [kind.rawValue] }
            sql += " GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.name"
            if let limit { sql += " LIMIT \(max(0, limit))" }
            let aliasStatement = try db.cachedStatement(sql: "SELECT DISTINCT alias FROM entity_alias WHERE entity = ? ORDER BY alias")
            return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row -> EntitySummary? in
                guard let kind = EntityKind(rawValue: row[2]) else { return nil }
                let name: String = row[1]
                let aliases = try String.fetchAll(aliasStatement, arguments: [row[0] as Int64]).filter { $0 != name }
                return EntitySummary(name: name, kind: kind, articleCount: row[3], mentionCount: row[4], aliases: aliases)
            }
        }
    }

    /// Ids of non-duplicate articles mentioning an entity, by canonical name or any alias, fold-insensitively.
    public func articleIDs(mentioning name: String, includeDuplicates: Bool = false) throws -> [String] {
        try read { db in
            let entities = try Self.entityIDs(matching: name, db)
            guard !entities.isEmpty else { return [] }
            return try String.fetchAll(db, sql: """
                SELECT a.id FROM article a WHERE a.rowid IN (\(try MentionList.articlesMentioning(entities, db)))
                \(includeDuplicates ? "" : "AND a.duplicate_of IS NULL") ORDER BY coalesce(a.date, ''), a.rowid
                """)
        }
    }

    /// Credited sources with article counts (non-duplicates), most frequent first.
    public func sources() throws -> [ValueCount] {
        try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT sources, count(*) FROM article WHERE duplicate_of IS NULL GROUP BY sources") {
                for source in SourceList.decode(row[0]) { counts[source, default: 0] += row[1] as Int }
            }
            return Self.sorted(counts)
        }
    }

    /// Languages with article counts (non-duplicates); unknown language as "?".
    public func languages() throws -> [ValueCount] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT coalesce(lang, '?'), count(*) FROM article WHERE duplicate_of IS NULL GROUP BY 1 ORDER BY 2 DESC, 1")
                .map { ValueCount(value: $0[0], count: $0[1]) }
        }
    }

    // MARK: - Helpers

    static func sorted(_ counts: [String: Int]) -> [ValueCount] {
        counts.map { ValueCount(value: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
    }

    func key(_ id: String, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM article WHERE id = ?"), arguments: [id])
    }

    static func entityIDs(matching name: String, _ db: Database) throws -> [Int64] {
        let folded = TextFold.key(name).trimmingCharacters(in: .whitespaces)
        guard !folded.isEmpty else { return [] }
        return try Int64.fetchAll(db, sql: "SELECT entity FROM entity_alias WHERE key = ? UNION SELECT id FROM entity WHERE key = ?",
                                  arguments: [folded, folded])
    }

    static func assemble(_ row: ArticleRow, _ db: Database) throws -> Article {
        let key = row.key
        let boilerplateJSON = try String.fetchOne(db, sql: "SELECT boilerplate FROM article_raw WHERE article = ?", arguments: [key]) ?? "[]"
        let boilerplate = (try? JSONDecoder().decode([String].self, from: Data(boilerplateJSON.utf8))) ?? []
        return Article(
            id: row.id, path: row.path, lang: row.lang, title: row.title, section: row.section, author: row.author,
            sources: row.sources, dateline: row.dateline, date: row.date, datetime: row.datetime,
            dateConfidence: row.dateConfidence, dateText: row.dateText, lede: row.lede, paragraphs: row.paragraphs,
            captions: try captions(key, db), related: try related(key, db), boilerplate: boilerplate,
            mentions: try mentions(key, db), wordCount: row.wordCount
        )
    }

    static func captions(_ key: Int64?, _ db: Database) throws -> [Caption] {
        guard let key else { return [] }
        return try Row.fetchAll(db, sql: "SELECT text, credit FROM caption WHERE article = ? ORDER BY seq", arguments: [key])
            .map { Caption(text: $0[0], credit: $0[1]) }
    }

    static func related(_ key: Int64?, _ db: Database) throws -> [Teaser] {
        guard let key else { return [] }
        return try Row.fetchAll(db, sql: "SELECT title, summary FROM teaser WHERE article = ? ORDER BY seq", arguments: [key])
            .map { Teaser(title: $0[0], summary: $0[1]) }
    }

    static func mentions(_ key: Int64?, _ db: Database) throws -> [Mention] {
        guard let key else { return [] }
        return try MentionList.mentions(key, db)
    }
}

/// The WHERE clause (and FTS join) for an `ArticleQuery`. `nil` when the query can match nothing
/// (e.g. an unknown entity name).
struct QueryFilter {
    var join = ""
    var condition = "1"
    var arguments: StatementArguments = []

    init?(_ query: ArticleQuery, _ db: Database) throws {
        var parts: [String] = []
        if let search = query.search, !search.trimmingCharacters(in: .whitespaces).isEmpty {
            let fts = FTSQuery(search)
            guard !fts.expression.isEmpty else { return nil }
            parts.append("a.rowid IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)")
            arguments += [fts.expression]
        }
        if let lang = query.lang { parts.append("a.lang = ?"); arguments += [lang] }
        if let source = query.source {
            parts.append("instr('|' || lower(a.sources) || '|', '|' || lower(?) || '|') > 0")
            arguments += [source]
        }
        if let since = query.since { parts.append("a.date >= ?"); arguments += [since] }
        if let before = query.before { parts.append("a.date < ?"); arguments += [before] }
        if let name = query.mentions {
            let entities = try CorpusStore.entityIDs(matching: name, db)
            guard !entities.isEmpty else { return nil }
            parts.append("a.rowid IN (\(try MentionList.articlesMentioning(entities, db)))")
        }
        if let tag = query.tag {
            if let eq = tag.firstIndex(of: "=") {
                parts.append("a.rowid IN (SELECT article FROM tag WHERE key = ? AND value = ?)")
                arguments += [String(tag[..<eq]), String(tag[tag.index(after: eq)...])]
            } else {
                parts.append("a.rowid IN (SELECT article FROM tag WHERE key = ?)")
                arguments += [tag]
            }
        }
        if !query.includeDuplicates { parts.append("a.duplicate_of IS NULL") }
        if !parts.isEmpty { condition = parts.joined(separator: " AND ") }
    }
}
