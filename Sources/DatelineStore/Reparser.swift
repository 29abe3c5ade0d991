import DatelineCore
import Foundation
import GRDB

/// Re-parses stored raw page text with the current parser, without reading the original files:
/// articles whose `parser_version` is older than `ArticleParser.version` (or all of them), updated in
/// place in batched transactions (same key, tags kept).
public final class Reparser {
    public let store: CorpusStore
    public var parser: ArticleParser
    public var batchSize = 500
    /// Called after each committed batch.
    public var onProgress: ((IngestProgress) -> Void)?

    public init(store: CorpusStore, parser: ArticleParser = ArticleParser()) {
        self.store = store
        self.parser = parser
    }

    /// How many articles `run(all:)` would re-parse.
    public func pendingCount(all: Bool = false) throws -> Int {
        try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM article WHERE ? OR parser_version < ?", arguments: [all, ArticleParser.version]) ?? 0
        }
    }

    /// Re-parses; `updated` counts articles whose stored form changed, `unchanged` the others,
    /// `duplicate` those that now equal another stored article (merged into it).
    public func run(all: Bool = false) throws -> IngestSummary {
        let start = Date()
        var summary = IngestSummary()
        let total = try pendingCount(all: all)
        let writer = ArticleWriter()
        var lastKey: Int64 = 0
        var done = 0
        while true {
            let rows = try store.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT a.rowid, a.id, a.path, r.text, r.hints, r.delta, a.body FROM article a JOIN article_raw r ON r.article = a.rowid
                    WHERE a.rowid > ? AND (? OR a.parser_version < ?) ORDER BY a.rowid LIMIT ?
                    """, arguments: [lastKey, all, ArticleParser.version, batchSize])
            }
            guard let last = rows.last else { break }
            lastKey = last[0]
            var prepared = [PreparedArticle?](repeating: nil, count: rows.count)
            let parser = self.parser
            prepared.withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress!
                DispatchQueue.concurrentPerform(iterations: rows.count) { i in
                    let row = rows[i]
                    let hints = StoredHints.decode(row[4])
                    // A damaged delta leaves the article as it is; it is reported below.
                    guard let raw = RawDelta.stored(text: row[3], delta: row[5], body: row[6]) else { return }
                    let page = parser.parse(text: raw, path: row[2], hints: hints)
                    var article = page.article
                    if article.id.isEmpty { article.id = ContentHash.hex(page.text) }
                    (base + i).pointee = PreparedArticle(article: article, rawText: page.text, parserVersion: ArticleParser.version,
                                                         hints: (row[4] as String?) == nil ? nil : hints)
                }
            }
            var batch = IngestSummary()
            try store.write { db in
                batch = IngestSummary()
                for (row, p) in zip(rows, prepared) {
                    let key: Int64 = row[0]
                    let oldID: String = row[1]
                    guard let p else {
                        batch.failed += 1
                        batch.failures.append(StoreError(path: store.path, reason: .damagedRawText(oldID)).description)
                        continue
                    }
                    let before = try ArticleSnapshot(key: key, db)
                    if p.article.id != oldID,
                       let other = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM article WHERE id = ?"), arguments: [p.article.id]) {
                        try db.execute(sql: "UPDATE source_file SET article = ? WHERE article = ?", arguments: [other, key])
                        try db.execute(sql: "INSERT OR IGNORE INTO tag (article, key, value) SELECT ?, key, value FROM tag WHERE article = ?", arguments: [other, key])
                        try writer.delete(key: key, db)
                        try writer.log(file: row[2] ?? oldID, outcome: "duplicate", message: "reparse: \(oldID) now equals \(p.article.id)", db)
                        batch.duplicate += 1
                        continue
                    }
                    try writer.replace(key: key, with: p, db)
                    if let signature = p.signature,
                       try writer.linkNearDuplicate(key: key, signature: signature, bandKeys: p.bandKeys, date: p.article.date, db) != nil {
                        batch.nearDuplicates += 1
                    }
                    if try ArticleSnapshot(key: key, db) == before { batch.unchanged += 1 } else { batch.updated += 1 }
                }
                try writer.flushIndex(db)
            }
            summary.merge(batch)
            done += rows.count
            onProgress?(IngestProgress(done: done, total: total, bytes: 0, elapsed: Date().timeIntervalSince(start)))
        }
        if done > 0 {
            try store.write { db in try writer.log(file: "", outcome: "reparse", message: summary.line, db) }
        }
        return summary
    }
}

/// The stored content of an article, to tell whether a re-parse changed anything.
struct ArticleSnapshot: Equatable {
    var columns: [DatabaseValue]
    var children: [String]

    init(key: Int64, _ db: Database) throws {
        // Cached statements: taken twice per re-parsed article, compiling them each time cost about as
        // much as parsing the article (callgrind, 2,000 articles).
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, path, lang, title, section, author, sources, dateline, date, datetime, date_confidence,
                   date_text, lede, body, word_count, duplicate_of FROM article WHERE rowid = ?
            """), arguments: [key])
        columns = row.map { Array($0.databaseValues) } ?? []
        children = try String.fetchAll(db.cachedStatement(sql: """
            SELECT 'c' || seq || text || coalesce(credit, '') FROM caption WHERE article = ?1
            UNION ALL SELECT 't' || seq || title || coalesce(summary, '') FROM teaser WHERE article = ?1
            UNION ALL SELECT 'm' || hex(data) FROM mention_list WHERE article = ?1
            """), arguments: [key])
    }
}
