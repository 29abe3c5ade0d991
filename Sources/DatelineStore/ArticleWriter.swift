import DatelineCore
import Foundation
import GRDB
import GRDBSQLite

/// An article made ready for storage off the writer thread: folded index text, near-duplicate
/// signature and bands, the serialised column values and the folded keys of every mention are
/// computed here, in parallel, so the single writer only runs SQL.
///
/// A class of constants: it is handed from a parsing thread to the writer and through the ingest's
/// outcome values, and a struct of some forty strings and arrays was copied (a retain and a release per
/// field) at each of those steps, on the writer's thread.
final class PreparedArticle: Sendable {
    let article: Article
    /// The decoded page text kept for `reparse`.
    let rawText: String
    /// `rawText` as a delta against `body` (see `RawDelta`), stored instead of the text when smaller.
    let rawDelta: [UInt8]?
    let parserVersion: Int
    /// JSON Lines metadata the page came with, kept so `reparse` gives the same result.
    let hints: PageHints?
    let foldedTitle: String
    let foldedLede: String
    let foldedBody: String
    /// Full-text tokens of the folded values, when worked out here (see `FTSTokens`, `TokenReplay`).
    let titleTokens: FTSTokens?
    let ledeTokens: FTSTokens?
    let bodyTokens: FTSTokens?
    let signature: MinHash?
    /// Column values as stored: paragraphs joined, sources joined, boilerplate and hints as JSON.
    let body: String
    let sources: String
    let boilerplateJSON: String
    let hintsJSON: String?
    /// The signature's LSH band keys and blob (empty when there is no signature).
    let bandKeys: [Int64]
    let signatureBlob: Data?
    /// One entry per distinct (name, kind, surface text) of `article.mentions`, in order of first
    /// occurrence: folded name, folded surface text, name richness. An article names few entities many
    /// times, so the writer resolves each distinct mention once (a repeat of an earlier one changes
    /// nothing: same entity, no richer name, alias already recorded).
    let mentionKeys: [MentionKeys]
    /// For each mention (same order as `article.mentions`), its entry in `mentionKeys`.
    let mentionGroups: [Int32]

    struct MentionKeys: Sendable {
        /// The first mention with this name, kind and text (index into `article.mentions`).
        var mention: Int
        var name: String
        var text: String
        var richness: Int
    }

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
        let body = BodyText.join(article.paragraphs)
        self.body = body
        rawDelta = RawDelta.encode(rawText, against: body)
        sources = SourceList.encode(article.sources)
        boilerplateJSON = StringArrayJSON.encode(article.boilerplate)
        hintsJSON = hints.map(StoredHints.encode)
        let foldedTitle = SearchFold.index(article.title), foldedLede = SearchFold.index(article.lede)
        let foldedBody = SearchFold.index(body)
        self.foldedTitle = foldedTitle
        self.foldedLede = foldedLede
        self.foldedBody = foldedBody
        titleTokens = FTSTokens(foldedTitle)
        ledeTokens = FTSTokens(foldedLede)
        bodyTokens = FTSTokens(foldedBody)
        let signature = Self.signature(foldedLede: foldedLede, foldedBody: foldedBody)
        self.signature = signature
        bandKeys = signature?.bandKeys ?? []
        signatureBlob = signature?.blob
        // An article mentions few distinct names many times: fold each distinct string once (looked up
        // by its bytes: String's own hashing normalizes non-ASCII text first, which cost more than folding).
        var folded: [ByteKey: String] = [:]
        func key(_ text: String) -> String {
            let bytes = ByteKey(text)
            if let known = folded[bytes] { return known }
            let value = TextFold.key(text)
            folded[bytes] = value
            return value
        }
        var groups: [MentionTriple: Int32] = [:]
        var distinct: [MentionKeys] = []
        mentionGroups = article.mentions.indices.map { i in
            let m = article.mentions[i]
            let triple = MentionTriple(kind: m.kind, name: ByteKey(m.name), text: ByteKey(m.text))
            if let group = groups[triple] { return group }
            let group = Int32(distinct.count)
            groups[triple] = group
            distinct.append(MentionKeys(mention: i, name: key(m.name), text: key(m.text), richness: EntityName.richness(m.name)))
            return group
        }
        mentionKeys = distinct
    }

    /// An article's near-duplicate signature: of its folded lede and body (`SearchFold.index`); also
    /// how migration v8 recomputes stored signatures from the `lede` and `body` columns.
    static func signature(foldedLede: String, foldedBody: String) -> MinHash? {
        MinHash(foldedParts: [foldedLede, foldedBody])
    }

    /// True when the text contains "\n\n" (checked on bytes; Foundation's `contains` is slow here).
    static func hasBlankLine(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count > 1 else { return false }
            for i in 1..<bytes.count where bytes[i] == 10 && bytes[i - 1] == 10 { return true }
            return false
        }
    }
}

/// A string hashed and compared by its UTF-8 bytes, for caches where two spellings that are only
/// canonically equivalent may be told apart (a miss just computes the value again). The hash is taken
/// once, by `ContentHash` (`String`'s own hashing normalizes non-ASCII text first, and hashing the
/// bytes again with `Hasher` at every probe cost more than the folding the caches save).
struct ByteKey: Hashable {
    let text: String
    let bytesHash: UInt64

    init(_ text: String) {
        self.text = text
        var copy = text
        bytesHash = copy.withUTF8 { ContentHash.mix(ContentHash.lanes(UnsafeRawBufferPointer($0)).0) }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(bytesHash)
    }

    static func == (lhs: ByteKey, rhs: ByteKey) -> Bool {
        guard lhs.bytesHash == rhs.bytesHash else { return false }
        var a = lhs.text, b = rhs.text
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }
}

/// A mention's entity kind, name and surface text, hashed and compared by their bytes.
struct MentionTriple: Hashable {
    var kind: EntityKind
    var name: ByteKey
    var text: ByteKey

    func hash(into hasher: inout Hasher) {
        hasher.combine(name.bytesHash &* 0x9E37_79B9_7F4A_7C15 ^ text.bytesHash)
    }

    static func == (lhs: MentionTriple, rhs: MentionTriple) -> Bool {
        lhs.kind == rhs.kind && lhs.name == rhs.name && lhs.text == rhs.text
    }
}

/// A `[String]` as JSON, byte for byte what `JSONEncoder` writes; strings needing no escapes (the usual
/// boilerplate lines) are written directly, anything else goes through `JSONEncoder`.
enum StringArrayJSON {
    static func encode(_ strings: [String]) -> String {
        let plain = strings.allSatisfy { string in
            string.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x2F && $0 != 0x7F }
        }
        if plain { return strings.isEmpty ? "[]" : "[\"" + strings.joined(separator: "\",\"") + "\"]" }
        return String(decoding: (try? JSONEncoder().encode(strings)) ?? Data("[]".utf8), as: UTF8.self)
    }
}

/// Writes articles and their child rows inside the caller's transaction. One instance per writer;
/// it caches entity ids, so call `reset()` after a rolled-back transaction. Full-text index changes
/// are queued: call `flushIndex(_:)` before every commit.
final class ArticleWriter {
    private struct EntityKey: Hashable {
        var kind: EntityKind
        var key: String
    }

    private struct AliasKey: Hashable {
        var key: String
        var entity: Int64
    }

    /// A change to the full-text index, applied by `flushIndex` (values already folded).
    private struct IndexChange {
        var delete: Bool
        var key: Int64
        var title: String
        var lede: String
        var body: String
        /// The values' tokens where known (inserts only).
        var tokens: [TokenReplay.Value] = []
    }

    private var entityIDs: [EntityKey: Int64] = [:]
    /// Diacritics in the name currently stored for each cached entity.
    private var entityRichness: [Int64: Int] = [:]
    private var aliases: Set<AliasKey> = []
    /// Full-text index changes of the current transaction, in order, not yet applied.
    ///
    /// They are applied together at the end of the transaction, outside any savepoint: FTS5 flushes
    /// its in-memory pending terms to a new index segment at every SAVEPOINT once the table has been
    /// written in the transaction, so indexing each article inside its own savepoint wrote one segment
    /// per article (and merged them all again): most of the writer's time.
    private var pendingIndex: [IndexChange] = []
    /// LSH rows of the current transaction, and the same rows by bucket for lookups until `flushIndex`
    /// (see `BandTable` for when they reach the `lsh` table).
    private var pendingBands: [(bucket: Int64, article: Int64)] = []
    private var pendingByBucket: [Int64: [Int64]] = [:]
    /// Signatures of stored articles, for near-duplicate comparisons.
    private let signatures = SignatureCache()
    /// How committed LSH rows are looked up (`useBucketIndex`), and the index once made.
    private(set) var bucketIndexUse = BucketIndexUse.none
    private var bucketIndex: BucketIndex?
    /// The most rows `bucketIndex` may hold before they are written out and it starts afresh.
    private var bucketIndexRows = BucketIndex.maximumRows
    /// `BandTable`'s watermark as this writer last read or moved it (nil: read it again).
    private var bandsThrough: Int64?
    /// Whether `lsh` may lack rows of committed articles this writer has not looked up since (an
    /// interrupted earlier run, or this run's batches while the bucket index was in use).
    private var bandsBehind = true
    private let now: String

    init(now: Date = Date()) {
        // FoundationEssentials' style, not `ISO8601DateFormatter` (ICU: ~2 ms to set up, before the
        // ingest's workers start). Same text: "2026-12-02T14:56:53Z".
        self.now = now.formatted(Date.ISO8601FormatStyle())
    }

    /// Forgets cached ids and queued index changes (after a rolled-back transaction).
    func reset() {
        resetCaches()
        pendingIndex.removeAll()
        pendingBands.removeAll()
        pendingByBucket.removeAll()
    }

    /// Forgets cached entity ids and aliases (they may refer to rows of a rolled-back savepoint).
    func resetCaches() {
        // The in-memory LSH rows may include rolled-back changes (the removal of an article replaced in
        // a rolled-back savepoint), and the rows it owed `lsh` may have been written by a rolled-back
        // catch-up: it is dropped, and the next lookup catches `lsh` up from the committed signatures
        // before it starts a chained index, as after a restart (`flushIndex`). A loaded index is not
        // loaded again: a batch that fails article after article would load every row for each.
        if bucketIndexUse == .loaded { bucketIndexUse = .chained }
        bucketIndex = nil
        bandsThrough = nil
        bandsBehind = true
        entityIDs.removeAll()
        entityRichness.removeAll()
        aliases.removeAll()
        signatures.removeAll()
    }

    /// How a writer finds the committed LSH rows of near-duplicate candidates.
    enum BucketIndexUse {
        /// A query per band key; rows written to `lsh` at every commit.
        case none
        /// This writer's own rows in memory (`BucketIndex.chained()`, written to `lsh` by `finish` or
        /// when the index is full); the rows stored before, a query per band key.
        case chained
        /// All rows in memory, the stored ones loaded on first use (`BucketIndex.load`; chained when
        /// there are more than `maximumRows`).
        case loaded
    }

    /// Finds near-duplicate candidates in memory (`BucketIndex`) as far as `use` says, holding at
    /// most `maximumRows` rows in it: past that, they are written to `lsh` and the index starts again,
    /// chained (see `flushIndex`).
    func useBucketIndex(_ use: BucketIndexUse, maximumRows: Int) {
        bucketIndexUse = use
        bucketIndexRows = max(1, maximumRows)
    }

    /// How many times the bucket index was full and started again.
    private(set) var bucketIndexRestarts = 0

    /// A mark in the queues of index changes, to drop the changes of a rolled-back savepoint.
    struct IndexMark {
        fileprivate var changes: Int
        fileprivate var bands: Int
    }

    var indexMark: IndexMark { IndexMark(changes: pendingIndex.count, bands: pendingBands.count) }

    /// Drops the index changes queued after `mark`.
    func rollbackIndex(to mark: IndexMark) {
        if mark.changes < pendingIndex.count { pendingIndex.removeSubrange(mark.changes...) }
        if mark.bands < pendingBands.count {
            for band in pendingBands[mark.bands...] { unlinkPending(band) }
            pendingBands.removeSubrange(mark.bands...)
        }
    }

    private func unlinkPending(_ band: (bucket: Int64, article: Int64)) {
        guard var list = pendingByBucket[band.bucket], let at = list.lastIndex(of: band.article) else { return }
        list.remove(at: at)
        pendingByBucket[band.bucket] = list.isEmpty ? nil : list
    }

    /// Drops an article's queued LSH rows (it is being replaced or deleted).
    private func dropPendingBands(of key: Int64) {
        guard pendingBands.contains(where: { $0.article == key }) else { return }
        for band in pendingBands where band.article == key { unlinkPending(band) }
        pendingBands.removeAll { $0.article == key }
    }

    /// Applies the queued full-text index changes in order. Call it before the transaction that made
    /// them commits, and not inside a savepoint.
    func flushIndex(_ db: Database) throws {
        try flushFullText(db)
        guard !pendingBands.isEmpty else { return }
        // Rows of articles at or below the watermark (replaced in place, or a reused key) are written
        // now; newer ones by a catch-up: at once when candidates come from queries, at the end of the
        // run when they come from the in-memory bucket index (`finish`).
        let through = try watermark(db)
        var due = pendingBands.filter { $0.article <= through }
        try BandTable.insert(&due, db)
        let newer = due.count < pendingBands.count
        if let bucketIndex {
            for band in pendingBands { bucketIndex.add(bucket: band.bucket, article: band.article) }
        }
        pendingBands.removeAll(keepingCapacity: true)
        pendingByBucket.removeAll(keepingCapacity: true)
        if let held = bucketIndex?.heldRows, held > bucketIndexRows {
            // Full: its rows go to `lsh` (all of them are owed since the watermark, and this catch-up
            // writes every one), and a chained index takes over, which queries `lsh` for them.
            bandsThrough = try BandTable.catchUp(db)
            bucketIndex = BucketIndex.chained()
            bucketIndexRestarts += 1
        } else if newer, bucketIndex == nil {
            bandsThrough = try BandTable.catchUp(db)
        }
    }

    /// Full-text index changes queued since the last flush.
    var pendingFullText: Int { pendingIndex.count }

    /// Hands the queued full-text index changes to FTS5 (the first half of `flushIndex`). The ingest
    /// also calls it every few hundred articles of a batch, so that the writer's FTS5 work is spread
    /// over the batch rather than done at its end, when the parsing threads (at most a window ahead)
    /// would sit idle.
    func flushFullText(_ db: Database) throws {
        guard !pendingIndex.isEmpty else { return }
        let insert = try RawStatement(db, "INSERT INTO article_fts (rowid, title, lede, body) VALUES (?,?,?,?)")
        let delete = try RawStatement(db, "INSERT INTO article_fts (article_fts, rowid, title, lede, body) VALUES ('delete',?,?,?,?)")
        let replay = TokenReplay.on(db)
        for change in pendingIndex {
            let statement = change.delete ? delete : insert
            statement.bind(1, change.key)
            statement.bind(2, change.title)
            statement.bind(3, change.lede)
            statement.bind(4, change.body)
            if let replay, !change.tokens.isEmpty {
                try replay.whileIndexing(change.tokens) { try statement.run(db) }
            } else {
                try statement.run(db)
            }
        }
        pendingIndex.removeAll(keepingCapacity: true)
    }

    /// Writes the LSH rows still owed to `lsh` (see `BandTable`); call at the end of a run, after
    /// `flushIndex`, in its last transaction or one of its own.
    func finish(_ db: Database) throws {
        bandsThrough = try BandTable.catchUp(db)
    }

    private func watermark(_ db: Database) throws -> Int64 {
        if let bandsThrough { return bandsThrough }
        let value = try BandTable.watermark(db)
        bandsThrough = value
        return value
    }

    /// The ISO time stamp used for this writer's rows.
    var timestamp: String { now }

    /// Inserts a new article with all its rows; returns its key.
    func insert(_ p: PreparedArticle, _ db: Database) throws -> Int64 {
        let a = p.article
        let statement = try RawStatement(db, """
        INSERT INTO article (id, path, lang, title, section, author, sources, dateline, date, datetime,
            date_confidence, date_text, lede, body, word_count, parser_version, ingested_at, updated_at)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
        """)
        statement.bind(1, a.id)
        statement.bind(2, a.path)
        statement.bind(3, a.lang)
        statement.bind(4, a.title)
        statement.bind(5, a.section)
        statement.bind(6, a.author)
        statement.bind(7, p.sources)
        statement.bind(8, a.dateline)
        statement.bind(9, a.date)
        statement.bind(10, a.datetime)
        statement.bind(11, a.dateConfidence.rawValue)
        statement.bind(12, a.dateText)
        statement.bind(13, a.lede)
        statement.bind(14, p.body)
        statement.bind(15, a.wordCount)
        statement.bind(16, p.parserVersion)
        statement.bind(17, now)
        statement.bind(18, now)
        try statement.run(db)
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
            a.id, a.path, a.lang, a.title, a.section, a.author, p.sources, a.dateline, a.date,
            a.datetime, a.dateConfidence.rawValue, a.dateText, a.lede, p.body, a.wordCount,
            p.parserVersion, now, key,
        ])
        try BandTable.delete(article: key, db)
        for table in Self.derivedTables {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE article = ?").execute(arguments: [key])
        }
        signatures.remove(key)
        bucketIndex?.remove(key)
        dropPendingBands(of: key)
        try insertParts(key, p, db)
    }

    /// Deletes an article and everything hanging off it (including its index entry).
    ///
    /// Every row that refers to the article is deleted or unlinked here, not left to the schema's
    /// `ON DELETE` actions: a bulk ingest writes with foreign-key enforcement off (see
    /// `Ingester.bulkWriting`), and this must leave no orphan either way.
    func delete(key: Int64, _ db: Database) throws {
        try deleteIndex(key: key, db)
        signatures.remove(key)
        bucketIndex?.remove(key)
        dropPendingBands(of: key)
        try BandTable.delete(article: key, db)
        for table in Self.derivedTables + ["tag"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE article = ?").execute(arguments: [key])
        }
        try db.cachedStatement(sql: "UPDATE source_file SET article = NULL WHERE article = ?").execute(arguments: [key])
        try db.cachedStatement(sql: "UPDATE article SET duplicate_of = NULL WHERE duplicate_of = ?").execute(arguments: [key])
        try db.cachedStatement(sql: "DELETE FROM article WHERE rowid = ?").execute(arguments: [key])
    }

    /// The tables of rows derived from an article by parsing, keyed by its `article` column: replaced
    /// when the article is stored again, deleted with it (as are its `tag`s; `source_file` rows and
    /// `duplicate_of` links are unlinked). Tests check this against the schema's foreign keys.
    static let derivedTables = ["article_raw", "caption", "teaser", "mention_list", "entity_article", "minhash"]

    private func insertParts(_ key: Int64, _ p: PreparedArticle, _ db: Database) throws {
        let a = p.article
        let raw = try RawStatement(db, "INSERT INTO article_raw (article, text, delta, hints, boilerplate) VALUES (?,?,?,?,?)")
        raw.bind(1, key)
        if let delta = p.rawDelta {
            raw.bind(2, "")
            raw.bind(3, delta)
        } else {
            raw.bind(2, p.rawText)
            raw.bind(3, nil as [UInt8]?)
        }
        raw.bind(4, p.hintsJSON)
        raw.bind(5, p.boilerplateJSON)
        try raw.run(db)
        var tokens: [TokenReplay.Value] = []
        for (text, known) in [(p.foldedTitle, p.titleTokens), (p.foldedLede, p.ledeTokens), (p.foldedBody, p.bodyTokens)] {
            if let known { tokens.append(TokenReplay.Value(text: text, tokens: known)) }
        }
        pendingIndex.append(IndexChange(delete: false, key: key, title: p.foldedTitle, lede: p.foldedLede, body: p.foldedBody, tokens: tokens))
        if !a.captions.isEmpty {
            let statement = try RawStatement(db, "INSERT INTO caption (article, seq, text, credit) VALUES (?,?,?,?)")
            for (i, c) in a.captions.enumerated() {
                statement.bind(1, key); statement.bind(2, i); statement.bind(3, c.text); statement.bind(4, c.credit)
                try statement.run(db)
            }
        }
        if !a.related.isEmpty {
            let statement = try RawStatement(db, "INSERT INTO teaser (article, seq, title, summary) VALUES (?,?,?,?)")
            for (i, t) in a.related.enumerated() {
                statement.bind(1, key); statement.bind(2, i); statement.bind(3, t.title); statement.bind(4, t.summary)
                try statement.run(db)
            }
        }
        if !a.mentions.isEmpty {
            // One list row and one row per distinct entity (see `MentionList`).
            var entries: [MentionList.Entry] = []
            entries.reserveCapacity(a.mentions.count)
            var counts: [Int64: Int] = [:]
            // Entities and aliases once per distinct mention, in order of first occurrence: the same
            // statements, in the same order, as once per mention (see `PreparedArticle.mentionKeys`).
            var entities: [Int64] = []
            entities.reserveCapacity(p.mentionKeys.count)
            for keys in p.mentionKeys {
                let m = a.mentions[keys.mention]
                let entity = try entityID(name: m.name, kind: m.kind, key: keys.name, richness: keys.richness, db)
                try addAlias(m.text, key: keys.text, entity: entity, db)
                entities.append(entity)
            }
            for (i, m) in a.mentions.enumerated() {
                let entity = entities[Int(p.mentionGroups[i])]
                entries.append(MentionList.Entry(entity: entity, text: m.text, paragraph: m.paragraph, offset: m.offset))
                counts[entity, default: 0] += 1
            }
            let list = try RawStatement(db, "INSERT INTO mention_list (article, data) VALUES (?,?)")
            list.bind(1, key)
            list.bind(2, MentionList.encode(entries))
            try list.run(db)
            // One row per statement. A statement that writes several rows runs with a statement
            // journal, and opening one makes FTS5 write its pending terms out as a new segment: with
            // eight rows per statement, every article naming eight entities cut the index into
            // segments of a few hundred articles that FTS5 then merged again (callgrind, 2,000
            // articles: 1,316 such flushes; see `Schema.v10`).
            let statement = try RawStatement(db, "INSERT INTO entity_article (article, entity, mentions) VALUES (?,?,?)")
            for (entity, mentions) in counts.sorted(by: { $0.key < $1.key }) {
                statement.bind(1, key); statement.bind(2, entity); statement.bind(3, mentions)
                try statement.run(db)
            }
        }
        if let blob = p.signatureBlob {
            let minhash = try RawStatement(db, "INSERT INTO minhash (article, signature) VALUES (?,?)")
            minhash.bind(1, key)
            minhash.bind(2, blob)
            try minhash.run(db)
            if let signature = p.signature { signatures.set(key, signature.values) }
            for bucket in p.bandKeys {
                pendingBands.append((bucket, key))
                pendingByBucket[bucket, default: []].append(key)
            }
        }
    }

    /// Queues the removal of an article's entry from the contentless full-text index (FTS5 needs the
    /// indexed values: the stored columns folded again, as they were when indexed).
    private func deleteIndex(key: Int64, _ db: Database) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT title, lede, body FROM article WHERE rowid = ?"),
                                         arguments: [key]) else { return }
        let title = SearchFold.index(row[0]), lede = SearchFold.index(row[1]), body = SearchFold.index(row[2] as String? ?? "")
        // FTS5 tokenizes the old values again to find what to remove: hand it their tokens, as for an
        // insert (`TokenReplay`), instead of letting SQLite's tokenizer read the whole body.
        var tokens: [TokenReplay.Value] = []
        for text in [title, lede, body] {
            if let known = FTSTokens(text) { tokens.append(TokenReplay.Value(text: text, tokens: known)) }
        }
        pendingIndex.append(IndexChange(delete: true, key: key, title: title, lede: lede, body: body, tokens: tokens))
    }

    /// The entity for a name: one per folded name and kind, so "To Lam" and "Tô Lâm" share an entity,
    /// named by the richer (diacritic-bearing) form seen so far. `key` is `TextFold.key(name)`,
    /// `richness` is `EntityName.richness(name)` (both computed off the writer thread).
    private func entityID(name: String, kind: EntityKind, key folded: String, richness: Int, _ db: Database) throws -> Int64 {
        let cacheKey = EntityKey(kind: kind, key: folded)
        if let id = entityIDs[cacheKey] {
            if richness > (entityRichness[id] ?? 0) {
                try db.cachedStatement(sql: "UPDATE OR IGNORE entity SET name = ? WHERE id = ?").execute(arguments: [name, id])
                entityRichness[id] = richness
            }
            try addAlias(name, key: folded, entity: id, db)
            return id
        }
        let id: Int64
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, name FROM entity WHERE key = ? AND kind = ? ORDER BY id LIMIT 1"),
                                      arguments: [folded, kind.rawValue]) {
            id = row[0]
            let current: String = row[1]
            if richness > EntityName.richness(current) {
                try db.cachedStatement(sql: "UPDATE OR IGNORE entity SET name = ? WHERE id = ?").execute(arguments: [name, id])
            }
        } else {
            try db.cachedStatement(sql: "INSERT INTO entity (name, kind, key) VALUES (?,?,?) ON CONFLICT (name, kind) DO NOTHING")
                .execute(arguments: [name, kind.rawValue, folded])
            id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM entity WHERE name = ? AND kind = ?"),
                                    arguments: [name, kind.rawValue]) ?? db.lastInsertedRowID
        }
        entityIDs[cacheKey] = id
        entityRichness[id] = richness
        try addAlias(name, key: folded, entity: id, db)
        return id
    }

    /// Records a surface form of an entity once per writer (`key` is `TextFold.key(alias)`).
    private func addAlias(_ alias: String, key: String, entity: Int64, _ db: Database) throws {
        guard !key.isEmpty, aliases.insert(AliasKey(key: key, entity: entity)).inserted else { return }
        let statement = try RawStatement(db, "INSERT OR IGNORE INTO entity_alias (key, entity, alias) VALUES (?,?,?)")
        statement.bind(1, key); statement.bind(2, entity); statement.bind(3, alias)
        try statement.run(db)
    }

    /// Links an article to the earliest stored copy of the same story when their estimated Jaccard
    /// similarity reaches `MinHash.threshold`. Returns the original's id when linked.
    @discardableResult
    func linkNearDuplicate(key: Int64, signature: MinHash?, date: String?, _ db: Database) throws -> String? {
        guard let signature else { return nil }
        return try linkNearDuplicate(key: key, signature: signature, bandKeys: signature.bandKeys, date: date, db)
    }

    /// `linkNearDuplicate` with the band keys already computed (`PreparedArticle.bandKeys`).
    @discardableResult
    func linkNearDuplicate(key: Int64, signature: MinHash, bandKeys: [Int64], date: String?, _ db: Database) throws -> String? {
        // Stored articles sharing a band with this one (the earliest `MinHash.candidatesPerBand` per
        // band), compared in key order (ties go to the earliest key) against signatures held in memory
        // (`SignatureCache`).
        var candidates: [Int64] = []
        if bandsBehind {
            // Rows an earlier run or batch left to a catch-up (see `BandTable`), before anything reads `lsh`.
            bandsThrough = try BandTable.catchUp(db)
            bandsBehind = false
        }
        if bucketIndex == nil, bucketIndexUse != .none {
            if bucketIndexUse == .loaded {
                bucketIndex = try BucketIndex.load(db, maximumRows: bucketIndexRows) ?? BucketIndex.chained()
            } else {
                bucketIndex = BucketIndex.chained()
            }
        }
        // Per band key, the `MinHash.candidatesPerBand` lowest keys among committed rows and this
        // transaction's rows (still queued, see `flushIndex`).
        let limit = max(1, MinHash.candidatesPerBand)
        for bucket in bandKeys {
            let start = candidates.count
            if let bucketIndex {
                // A chained index holds the rows added since it was made; older ones are in `lsh`. An
                // article stored again under its old key may be in both: sort out repeats and order.
                if !bucketIndex.holdsStoredRows { try storedCandidates(under: bucket, limit: limit, excluding: key, into: &candidates, db) }
                let stored = candidates.count - start
                bucketIndex.lowest(under: bucket, limit: limit, excluding: key, into: &candidates)
                if stored > 0, candidates.count - start > stored { BucketIndex.keepLowest(&candidates, from: start, limit: limit) }
            } else {
                try storedCandidates(under: bucket, limit: limit, excluding: key, into: &candidates, db)
            }
            if let list = pendingByBucket[bucket] {
                for article in list where article != key { candidates.append(article) }
                // Only when some must go do order and repeats within the band key matter (a queued
                // article may also be among the committed rows: see `BucketIndex.keepLowest`).
                if candidates.count - start > limit { BucketIndex.keepLowest(&candidates, from: start, limit: limit) }
            }
        }
        guard !candidates.isEmpty else { return nil }
        candidates.sort()
        var best: (key: Int64, similarity: Double)?
        try signature.values.withUnsafeBufferPointer { mine in
            try signatures.forEachSimilar(distinct: candidates, to: mine, atLeast: MinHash.threshold, db) { other, similarity in
                if similarity > (best?.similarity ?? 0) { best = (other, similarity) }
            }
        }
        guard let match = best else { return nil }
        // Follow to the root of the match's group.
        // Cached statements: about one new article in twelve is linked, and preparing these each time
        // (parse, schema check, authorizer) cost more than running them.
        var root = match.key
        for _ in 0..<8 {
            guard let next = try Int64.fetchOne(db.cachedStatement(sql: "SELECT duplicate_of FROM article WHERE rowid = ?"),
                                                arguments: [root]) else { break }
            root = next
        }
        guard root != key else { return nil }
        let rootDate = try String.fetchOne(db.cachedStatement(sql: "SELECT date FROM article WHERE rowid = ?"), arguments: [root])
        if let date, let rootDate, date < rootDate {
            // The new copy is earlier: it becomes the group's original.
            try db.cachedStatement(sql: "UPDATE article SET duplicate_of = ? WHERE duplicate_of = ? OR rowid = ?").execute(arguments: [key, root, root])
            try db.cachedStatement(sql: "UPDATE article SET duplicate_of = NULL WHERE rowid = ?").execute(arguments: [key])
            return nil
        }
        try db.cachedStatement(sql: "UPDATE article SET duplicate_of = ? WHERE rowid = ?").execute(arguments: [root, key])
        return try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM article WHERE rowid = ?"), arguments: [root])
    }

    /// The `limit` lowest article keys among the committed rows under `bucket`, other than `key` (a seek
    /// and a short ordered read of the `lsh` primary key).
    private func storedCandidates(under bucket: Int64, limit: Int, excluding key: Int64, into candidates: inout [Int64],
                                  _ db: Database) throws {
        let find = try db.cachedStatement(sql: "SELECT article FROM lsh WHERE bucket = ? AND article != ? ORDER BY article LIMIT ?")
        let handle = find.sqliteStatement
        sqlite3_bind_int64(handle, 1, bucket)
        sqlite3_bind_int64(handle, 2, key)
        sqlite3_bind_int64(handle, 3, Int64(limit))
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_ROW { candidates.append(sqlite3_column_int64(handle, 0)); continue }
            sqlite3_reset(handle)
            guard code == SQLITE_DONE else {
                throw sqliteError(code, db)
            }
            break
        }
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
        // Scalars above U+007F, counted as the lead bytes of their UTF-8 sequences.
        var name = name
        return name.withUTF8 { bytes in bytes.reduce(0) { $0 + ($1 >= 0xC0 ? 1 : 0) } }
    }
}
