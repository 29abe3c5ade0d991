import DatelineCore
import Foundation
import GRDB

/// An article made ready for storage off the writer thread: folded index text and near-duplicate
/// signature are computed here, in parallel, so the single writer only runs SQL.
struct PreparedArticle: Sendable {
    var article: Article
    /// The decoded page text kept for `reparse`.
    var rawText: String
    var parserVersion: Int
    /// JSON Lines metadata the page came with, kept so `reparse` gives the same result.
    var hints: PageHints?
    var foldedTitle: String
    var foldedLede: String
    var foldedBody: String
    var signature: MinHash?

    init(article: Article, rawText: String, parserVersion: Int, hints: PageHints? = nil) {
        var article = article
        // Paragraphs are stored joined by blank lines; keep that join reversible.
        if article.paragraphs.contains(where: Self.hasBlankLine) {
            article.paragraphs = article.paragraphs.map {
                Self.hasBlankLine($0) ? $0.replacingOccurrences(of: "\n\n", with: "\n") : $0
            }
        }
        self.article = article
        self.rawText = rawText
        self.parserVersion = parserVersion
        self.hints = hints
        foldedTitle = SearchFold.index(article.title)
        foldedLede = SearchFold.index(article.lede)
        foldedBody = SearchFold.index(BodyText.join(article.paragraphs))
        signature = MinHash(folded: foldedLede + "\n" + foldedBody)
    }

    /// True when the text contains "\n\n" (checked on bytes; Foundation's `contains` is slow here).
    static func hasBlankLine(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 10 && previous == 10 { return true }
            previous = byte
        }
        return false
    }
}

/// Writes articles and their child rows inside the caller's transaction. One instance per writer;
/// it caches entity ids, so call `reset()` after a rolled-back transaction.
final class ArticleWriter {
    private var entityIDs: [String: Int64] = [:]
    /// Diacritics in the name currently stored for each cached entity.
    private var entityRichness: [Int64: Int] = [:]
    private var aliases: Set<String> = []
    private let now: String

    init(now: Date = Date()) {
        self.now = ISO8601DateFormatter().string(from: now)
    }

    /// Forgets cached ids (they may refer to rows of a rolled-back transaction).
    func reset() {
        entityIDs.removeAll()
        entityRichness.removeAll()
        aliases.removeAll()
    }

    /// The ISO time stamp used for this writer's rows.
    var timestamp: String { now }

    /// Inserts a new article with all its rows; returns its key.
    func insert(_ p: PreparedArticle, _ db: Database) throws -> Int64 {
        let a = p.article
        try db.cachedStatement(sql: """
        INSERT INTO article (id, path, lang, title, section, author, sources, dateline, date, datetime,
            date_confidence, date_text, lede, body, word_count, parser_version, ingested_at, updated_at)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
        """).execute(arguments: [
            a.id, a.path, a.lang, a.title, a.section, a.author, SourceList.encode(a.sources), a.dateline, a.date,
            a.datetime, a.dateConfidence.rawValue, a.dateText, a.lede, BodyText.join(a.paragraphs), a.wordCount,
            p.parserVersion, now, now,
        ])
        let key = db.lastInsertedRowID
        try insertParts(key, p, db)
        return key
    }

    /// Replaces an article's content in place (same key, so tags and links survive); children are rewritten.
    func replace(key: Int64, with p: PreparedArticle, _ db: Database) throws {
        try deleteIndex(key: key, db)
        let a = p.article
        try db.cachedStatement(sql: """
        UPDATE article SET id = ?, path = ?, lang = ?, title = ?, section = ?, author = ?, sources = ?, dateline = ?,
            date = ?, datetime = ?, date_confidence = ?, date_text = ?, lede = ?, body = ?, word_count = ?,
            duplicate_of = NULL, parser_version = ?, updated_at = ?
        WHERE rowid = ?
        """).execute(arguments: [
            a.id, a.path, a.lang, a.title, a.section, a.author, SourceList.encode(a.sources), a.dateline, a.date,
            a.datetime, a.dateConfidence.rawValue, a.dateText, a.lede, BodyText.join(a.paragraphs), a.wordCount,
            p.parserVersion, now, key,
        ])
        for table in ["article_raw", "caption", "teaser", "mention", "minhash", "lsh"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE article = ?").execute(arguments: [key])
        }
        try insertParts(key, p, db)
    }

    /// Deletes an article and everything hanging off it (including its index entry).
    func delete(key: Int64, _ db: Database) throws {
        try deleteIndex(key: key, db)
        try db.execute(sql: "UPDATE article SET duplicate_of = NULL WHERE duplicate_of = ?", arguments: [key])
        try db.execute(sql: "DELETE FROM article WHERE rowid = ?", arguments: [key])
    }

    private func insertParts(_ key: Int64, _ p: PreparedArticle, _ db: Database) throws {
        let a = p.article
        let boilerplate = String(decoding: (try? JSONEncoder().encode(a.boilerplate)) ?? Data("[]".utf8), as: UTF8.self)
        try db.cachedStatement(sql: "INSERT INTO article_raw (article, text, hints, boilerplate) VALUES (?,?,?,?)")
            .execute(arguments: [key, p.rawText, p.hints.map(StoredHints.encode), boilerplate])
        try db.cachedStatement(sql: "INSERT INTO article_fts (rowid, title, lede, body) VALUES (?,?,?,?)")
            .execute(arguments: [key, p.foldedTitle, p.foldedLede, p.foldedBody])
        if !a.captions.isEmpty {
            let statement = try db.cachedStatement(sql: "INSERT INTO caption (article, seq, text, credit) VALUES (?,?,?,?)")
            for (i, c) in a.captions.enumerated() { try statement.execute(arguments: [key, i, c.text, c.credit]) }
        }
        if !a.related.isEmpty {
            let statement = try db.cachedStatement(sql: "INSERT INTO teaser (article, seq, title, summary) VALUES (?,?,?,?)")
            for (i, t) in a.related.enumerated() { try statement.execute(arguments: [key, i, t.title, t.summary]) }
        }
        if !a.mentions.isEmpty {
            let statement = try db.cachedStatement(sql: "INSERT INTO mention (article, seq, entity, text, paragraph, offset) VALUES (?,?,?,?,?,?)")
            for (i, m) in a.mentions.enumerated() {
                let entity = try entityID(name: m.name, kind: m.kind, db)
                try addAlias(m.text, entity: entity, db)
                try statement.execute(arguments: [key, i, entity, m.text, m.paragraph, m.offset])
            }
        }
        if let signature = p.signature {
            try db.cachedStatement(sql: "INSERT INTO minhash (article, signature) VALUES (?,?)")
                .execute(arguments: [key, signature.blob])
            let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO lsh (bucket, article) VALUES (?,?)")
            for bucket in signature.bandKeys { try statement.execute(arguments: [bucket, key]) }
        }
    }

    /// Removes an article's entry from the contentless full-text index (FTS5 needs the indexed values).
    private func deleteIndex(key: Int64, _ db: Database) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT title, lede, body FROM article WHERE rowid = ?"),
                                         arguments: [key]) else { return }
        try db.cachedStatement(sql: "INSERT INTO article_fts (article_fts, rowid, title, lede, body) VALUES ('delete',?,?,?,?)")
            .execute(arguments: [key, SearchFold.index(row[0]), SearchFold.index(row[1]), SearchFold.index(row[2] as String? ?? "")])
    }

    /// The entity for a name: one per folded name and kind, so "To Lam" and "Tô Lâm" share an entity,
    /// named by the richer (diacritic-bearing) form seen so far.
    private func entityID(name: String, kind: EntityKind, _ db: Database) throws -> Int64 {
        let folded = TextFold.key(name)
        let cacheKey = kind.rawValue + "\u{1}" + folded
        if let id = entityIDs[cacheKey] {
            let richness = EntityName.richness(name)
            if richness > (entityRichness[id] ?? 0) {
                try db.cachedStatement(sql: "UPDATE OR IGNORE entity SET name = ? WHERE id = ?").execute(arguments: [name, id])
                entityRichness[id] = richness
            }
            try addAlias(name, entity: id, db)
            return id
        }
        let id: Int64
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, name FROM entity WHERE key = ? AND kind = ? ORDER BY id LIMIT 1"),
                                      arguments: [folded, kind.rawValue]) {
            id = row[0]
            let current: String = row[1]
            if EntityName.richness(name) > EntityName.richness(current) {
                try db.cachedStatement(sql: "UPDATE OR IGNORE entity SET name = ? WHERE id = ?").execute(arguments: [name, id])
            }
        } else {
            try db.cachedStatement(sql: "INSERT INTO entity (name, kind, key) VALUES (?,?,?) ON CONFLICT (name, kind) DO NOTHING")
                .execute(arguments: [name, kind.rawValue, folded])
            id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM entity WHERE name = ? AND kind = ?"),
                                    arguments: [name, kind.rawValue]) ?? db.lastInsertedRowID
        }
        entityIDs[cacheKey] = id
        entityRichness[id] = EntityName.richness(name)
        try addAlias(name, entity: id, db)
        return id
    }

    private func addAlias(_ alias: String, entity: Int64, _ db: Database) throws {
        let key = TextFold.key(alias)
        guard !key.isEmpty, aliases.insert(key + "\u{1}\(entity)").inserted else { return }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO entity_alias (key, entity, alias) VALUES (?,?,?)")
            .execute(arguments: [key, entity, alias])
    }

    /// Links an article to the earliest stored copy of the same story when their estimated Jaccard
    /// similarity reaches `MinHash.threshold`. Returns the original's id when linked.
    @discardableResult
    func linkNearDuplicate(key: Int64, signature: MinHash?, date: String?, _ db: Database) throws -> String? {
        guard let signature else { return nil }
        var candidates = Set<Int64>()
        let find = try db.cachedStatement(sql: "SELECT article FROM lsh WHERE bucket = ? AND article != ?")
        for bucket in signature.bandKeys {
            let cursor = try Int64.fetchCursor(find, arguments: [bucket, key])
            while let other = try cursor.next() { candidates.insert(other) }
        }
        guard !candidates.isEmpty else { return nil }
        var best: (key: Int64, similarity: Double)?
        let load = try db.cachedStatement(sql: "SELECT signature FROM minhash WHERE article = ?")
        for other in candidates.sorted() {
            guard let blob = try Data.fetchOne(load, arguments: [other]), let theirs = MinHash(blob: blob) else { continue }
            let similarity = signature.similarity(theirs)
            if similarity >= MinHash.threshold, similarity > (best?.similarity ?? 0) { best = (other, similarity) }
        }
        guard let match = best else { return nil }
        // Follow to the root of the match's group.
        var root = match.key
        for _ in 0..<8 {
            guard let next = try Int64.fetchOne(db, sql: "SELECT duplicate_of FROM article WHERE rowid = ?", arguments: [root]) else { break }
            root = next
        }
        guard root != key else { return nil }
        let rootDate = try String.fetchOne(db, sql: "SELECT date FROM article WHERE rowid = ?", arguments: [root])
        if let date, let rootDate, date < rootDate {
            // The new copy is earlier: it becomes the group's original.
            try db.execute(sql: "UPDATE article SET duplicate_of = ? WHERE duplicate_of = ? OR rowid = ?", arguments: [key, root, root])
            try db.execute(sql: "UPDATE article SET duplicate_of = NULL WHERE rowid = ?", arguments: [key])
            return nil
        }
        try db.execute(sql: "UPDATE article SET duplicate_of = ? WHERE rowid = ?", arguments: [root, key])
        return try String.fetchOne(db, sql: "SELECT id FROM article WHERE rowid = ?", arguments: [root])
    }

    /// Appends a line to the ingest log.
    func log(file: String, outcome: String, message: String, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO ingest_log (file, time, outcome, message) VALUES (?,?,?,?)")
            .execute(arguments: [file, now, outcome, message])
    }
}

/// `PageHints` as stored in `article_raw.hints` (JSON).
enum StoredHints {
    private struct Shape: Codable {
        var title: String?, date: String?, url: String?, source: String?, lang: String?
    }

    static func encode(_ hints: PageHints) -> String {
        let shape = Shape(title: hints.title, date: hints.date, url: hints.url, source: hints.source, lang: hints.lang)
        return String(decoding: (try? JSONEncoder().encode(shape)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func decode(_ json: String?) -> PageHints {
        guard let json, let shape = try? JSONDecoder().decode(Shape.self, from: Data(json.utf8)) else { return PageHints() }
        return PageHints(title: shape.title, date: shape.date, url: shape.url, source: shape.source, lang: shape.lang)
    }
}

/// Which of two spellings of one name to show: the one carrying more diacritics ("Tô Lâm" over
/// "To Lam"), so the corpus-wide name is the most faithful form any article used.
enum EntityName {
    static func richness(_ name: String) -> Int {
        name.unicodeScalars.reduce(0) { $0 + ($1.value > 0x7F ? 1 : 0) }
    }
}
