import DatelineCore
import Foundation
import GRDB

/// A corpus overview for `dateline stats`: counts by language, source and month, top entities,
/// duplicates and files that failed to ingest.
public struct CorpusStats: Sendable, Equatable {
    /// Stored articles that are not duplicates.
    public var articles: Int
    /// Stored articles linked as near-duplicates of an earlier copy.
    public var nearDuplicates: Int
    /// Files (or JSON Lines records) not stored because their content equals an article already stored.
    public var exactDuplicates: Int
    public var languages: [ValueCount]
    public var sources: [ValueCount]
    /// "YYYY-MM" → articles; undated as "undated". Chronological.
    public var months: [ValueCount]
    public var people: [EntitySummary]
    public var organizations: [EntitySummary]
    public var places: [EntitySummary]
    /// Files whose latest ingest failed: (file, reason).
    public var failures: [ValueMessage]
    /// Articles stored with an older parser (candidates for `dateline reparse`).
    public var outdated: Int
}

/// A file and a message.
public struct ValueMessage: Sendable, Equatable {
    public var file: String
    public var message: String
}

extension CorpusStore {
    /// Gathers `CorpusStats`; `top` limits each entity list.
    public func stats(top: Int = 10) throws -> CorpusStats {
        let languages = try languages()
        let sources = try sources()
        let people = try entities(kind: .person, limit: top)
        let organizations = try entities(kind: .organization, limit: top)
        let places = try entities(kind: .place, limit: top)
        return try read { db in
            let articles = try Int.fetchOne(db, sql: "SELECT count(*) FROM article WHERE duplicate_of IS NULL") ?? 0
            let near = try Int.fetchOne(db, sql: "SELECT count(*) FROM article WHERE duplicate_of IS NOT NULL") ?? 0
            let exact = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM source_file s JOIN article a ON a.rowid = s.article
                WHERE s.path IN (SELECT file FROM ingest_log WHERE outcome = 'duplicate')
                """) ?? 0
            let months = try Row.fetchAll(db, sql: """
                SELECT coalesce(substr(date, 1, 7), 'undated'), count(*) FROM article WHERE duplicate_of IS NULL
                GROUP BY 1 ORDER BY 1 = 'undated', 1
                """).map { ValueCount(value: $0[0], count: $0[1]) }
            let failures = try Row.fetchAll(db, sql: """
                SELECT file, message FROM ingest_log WHERE outcome = 'failed'
                AND id IN (SELECT max(id) FROM ingest_log WHERE outcome = 'failed' GROUP BY file) ORDER BY file
                """).map { ValueMessage(file: $0[0], message: $0[1]) }
            let outdated = try Int.fetchOne(db, sql: "SELECT count(*) FROM article WHERE parser_version < ?", arguments: [ArticleParser.version]) ?? 0
            return CorpusStats(articles: articles, nearDuplicates: near, exactDuplicates: exact, languages: languages,
                               sources: sources, months: months, people: people, organizations: organizations,
                               places: places, failures: failures, outdated: outdated)
        }
    }
}
