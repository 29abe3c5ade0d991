import DatelineCore
import Foundation
import GRDB

/// Totals of the articles published on one date (`CorpusStore.dateTotals`).
public struct DateTotals: Sendable, Equatable {
    /// ISO date (`2026-02-05`) as stored.
    public var date: String
    public var articles: Int
    /// Sum of the articles' body word counts.
    public var words: Int

    public init(date: String, articles: Int, words: Int) {
        self.date = date; self.articles = articles; self.words = words
    }
}

/// Corpus-wide aggregates computed by SQLite in one pass, for statistics over large corpora that
/// would otherwise read every article's row (or run one query per article).
extension CorpusStore {
    /// Article count and word total per date of the dated articles matching `query` (its `limit`
    /// and `order` are ignored), in date order.
    public func dateTotals(_ query: ArticleQuery) throws -> [DateTotals] {
        try read { db in
            guard let filter = try QueryFilter(query, db) else { return [] }
            let sql = """
            SELECT a.date, count(*), sum(a.word_count) FROM article a \(filter.join)
            WHERE \(filter.condition) AND a.date IS NOT NULL GROUP BY a.date ORDER BY a.date
            """
            return try Row.fetchAll(db, sql: sql, arguments: filter.arguments).map {
                DateTotals(date: $0[0], articles: $0[1], words: $0[2])
            }
        }
    }

    /// Calls `body` with the mentions of each article matching `query` that has any (of `kind`,
    /// when given), in article order and, within an article, in text order; stops when `body`
    /// returns false. One sequential read of the mention lists instead of a query per article.
    public func forEachArticleMentions(_ query: ArticleQuery, kind: EntityKind? = nil,
                                       body: ([Mention]) throws -> Bool) throws {
        try read { db in
            guard let filter = try QueryFilter(query, db) else { return }
            let articles = "SELECT a.rowid FROM article a \(filter.join) WHERE \(filter.condition)"
            guard try MentionList.isList(db) else {
                try Self.forEachArticleMentionRows(db, articles: articles, arguments: filter.arguments, kind: kind, body: body)
                return
            }
            var entities: [Int64: (name: String, kind: EntityKind)?] = [:]
            let lookup = try db.cachedStatement(sql: "SELECT name, kind FROM entity WHERE id = ?")
            let cursor = try Row.fetchCursor(db, sql: "SELECT data FROM mention_list WHERE article IN (\(articles)) ORDER BY article",
                                             arguments: filter.arguments)
            while let row = try cursor.next() {
                let data: Data = row[0]
                var group: [Mention] = []
                for entry in MentionList.decode(data) {
                    if entities[entry.entity] == nil {
                        let found = try Row.fetchOne(lookup, arguments: [entry.entity])
                        entities[entry.entity] = found.flatMap { row in EntityKind(rawValue: row[1]).map { (row[0], $0) } }
                    }
                    guard let entity = entities[entry.entity] ?? nil, kind == nil || entity.kind == kind else { continue }
                    group.append(Mention(name: entity.name, kind: entity.kind, text: entry.text, paragraph: entry.paragraph,
                                         offset: entry.offset))
                }
                if !group.isEmpty, try !body(group) { return }
            }
        }
    }

    /// `forEachArticleMentions` on a database not yet migrated to mention lists (one row per mention).
    private static func forEachArticleMentionRows(_ db: Database, articles: String, arguments: StatementArguments,
                                                  kind: EntityKind?, body: ([Mention]) throws -> Bool) throws {
        var arguments = arguments
        var kindCondition = ""
        if let kind {
            kindCondition = " AND e.kind = ?"
            arguments += [kind.rawValue]
        }
        let sql = """
        SELECT m.article, e.name, e.kind, m.text, m.paragraph, m.offset
        FROM mention m JOIN entity e ON e.id = m.entity
        WHERE m.article IN (\(articles))\(kindCondition)
        ORDER BY m.article, m.seq
        """
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var current: Int64?
        var group: [Mention] = []
        while let row = try cursor.next() {
            let article: Int64 = row[0]
            if article != current {
                if !group.isEmpty, try !body(group) { return }
                group.removeAll(keepingCapacity: true)
                current = article
            }
            guard let kind = EntityKind(rawValue: row[2]) else { continue }
            group.append(Mention(name: row[1], kind: kind, text: row[3], paragraph: row[4], offset: row[5]))
        }
        if !group.isEmpty { _ = try body(group) }
    }
}
