import DatelineCore
import Foundation

/// Which articles a read (count, scan) covers. Every field is optional; an empty query means all
/// articles except near/exact duplicates.
public struct ArticleQuery: Sendable, Equatable {
    /// The order `CorpusStore.forEachArticle` yields articles in.
    public enum Order: String, Sendable {
        /// By calendar date (undated first), then ingest order.
        case date
        /// In ingest order (the fastest: one sequential read).
        case ingest
    }

    /// ISO 639-1 language code (`en`, `vi`).
    public var lang: String?
    /// A credited source, e.g. `VNA` (case-insensitive, matches any of an article's sources).
    public var source: String?
    /// Inclusive lower bound on `date` (ISO; a prefix such as `2026-02` works).
    public var since: String?
    /// Exclusive upper bound on `date` (ISO).
    public var before: String?
    /// A full-text query (FTS5 syntax, diacritic- and case-insensitive).
    public var search: String?
    /// An entity canonical name or alias, matched fold-insensitively ("to lam" finds "Tô Lâm").
    public var mentions: String?
    /// An analyst tag: `key` (any value) or `key=value`.
    public var tag: String?
    /// Include articles linked as duplicates of another (default: skip them).
    public var includeDuplicates: Bool
    /// At most this many articles.
    public var limit: Int?
    public var order: Order

    public init(
        lang: String? = nil, source: String? = nil, since: String? = nil, before: String? = nil,
        search: String? = nil, mentions: String? = nil, tag: String? = nil,
        includeDuplicates: Bool = false, limit: Int? = nil, order: Order = .date
    ) {
        self.lang = lang; self.source = source; self.since = since; self.before = before
        self.search = search; self.mentions = mentions; self.tag = tag
        self.includeDuplicates = includeDuplicates; self.limit = limit; self.order = order
    }
}

extension ArticleQuery {
    /// Whether the query filters through another table (full text, mentions, tags): SQLite evaluates
    /// such a filter once per statement, so scans read its keys in chunks first.
    var filtersByOtherTables: Bool {
        search != nil || mentions != nil || tag != nil
    }
}

/// The compact per-article row a scan reads: every scalar field of `Article` plus store metadata,
/// with the body as one string (paragraphs joined by blank lines). Children load lazily by id.
public struct ArticleRow: Sendable, Equatable {
    /// Internal integer key (stable for the life of the row; survives update in place).
    public var key: Int64
    /// Content-hash id, as in `Article.id`.
    public var id: String
    public var path: String?
    public var lang: String?
    public var title: String?
    public var section: String?
    public var author: String?
    public var sources: [String]
    public var dateline: String?
    public var date: String?
    public var datetime: String?
    public var dateConfidence: DateConfidence
    public var dateText: String?
    public var lede: String?
    /// Paragraphs joined with "\n\n" (made from `bodyUTF8` on each use: keep it in a local when it
    /// is needed several times).
    public var body: String {
        get { String(decoding: bodyUTF8, as: UTF8.self) }
        set { bodyUTF8 = Array(newValue.utf8) }
    }
    /// The body's UTF-8 bytes as stored. Scans keep the bytes rather than a `String`, so a Lua script
    /// gets the body without a pass to check the UTF-8, and a script that never reads it pays nothing.
    public var bodyUTF8: [UInt8]
    public var wordCount: Int
    /// The id of the earliest copy when this article is an exact or near duplicate.
    public var duplicateOf: String?
    public var parserVersion: Int
    /// ISO 8601 time the article was first stored.
    public var ingestedAt: String

    /// The body paragraphs (the inverse of joining with blank lines).
    public var paragraphs: [String] { BodyText.paragraphs(body) }

    /// The paragraphs of a body taken from `body` (when the caller already has it as a `String`).
    public static func paragraphs(ofBody body: String) -> [String] { BodyText.paragraphs(body) }

    static let columns = """
    a.rowid, a.id, a.path, a.lang, a.title, a.section, a.author, a.sources, a.dateline, a.date, a.datetime, \
    a.date_confidence, a.date_text, a.lede, a.body, a.word_count, \
    (SELECT d.id FROM article d WHERE d.rowid = a.duplicate_of), a.parser_version, a.ingested_at
    """
    // Decoded by `ArticleRowReader` (`init(columnsOf:)`).
}

/// One search result: the article's headline facts, a snippet with the matches marked, and the score.
public struct SearchHit: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var date: String?
    public var sources: [String]
    public var path: String?
    public var snippet: Snippet
    /// Relevance (negated bm25: higher is better).
    public var score: Double
}

/// A passage of an article's original text with the ranges that matched a query.
public struct Snippet: Sendable, Equatable {
    /// The passage ("…" marks cut ends).
    public var text: String
    /// Matched ranges in `text`, as Unicode code point offsets from 0 (like `Mention.offset`).
    public var matches: [Range<Int>]

    public init(text: String, matches: [Range<Int>]) {
        self.text = text
        self.matches = matches
    }

    /// The passage with each match wrapped in `open`/`close` (e.g. ANSI bold, or `**`).
    public func highlighted(open: String, close: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var position = 0
        for match in matches.sorted(by: { $0.lowerBound < $1.lowerBound }) where match.lowerBound >= position && match.upperBound <= scalars.count {
            out.append(contentsOf: scalars[position..<match.lowerBound])
            out.append(contentsOf: open.unicodeScalars)
            out.append(contentsOf: scalars[match])
            out.append(contentsOf: close.unicodeScalars)
            position = match.upperBound
        }
        if position < scalars.count { out.append(contentsOf: scalars[position...]) }
        return String(out)
    }
}

/// An entity across the corpus: how many articles and mentions, and the surface forms seen.
public struct EntitySummary: Sendable, Equatable {
    public var name: String
    public var kind: EntityKind
    /// Distinct non-duplicate articles mentioning it.
    public var articleCount: Int
    /// Mentions in those articles.
    public var mentionCount: Int
    /// Surface forms other than the canonical name, sorted.
    public var aliases: [String]
}

/// A value and how many articles have it (sources, languages, months).
public struct ValueCount: Sendable, Equatable {
    public var value: String
    public var count: Int
    public init(value: String, count: Int) { self.value = value; self.count = count }
}

/// How `Article.sources` is stored in one column: "VNA|VNS".
enum SourceList {
    static func encode(_ sources: [String]) -> String {
        // Foundation's replacingOccurrences is slow on Linux: only call it for the rare name with a "|".
        sources.map { $0.utf8.contains(0x7C) ? $0.replacingOccurrences(of: "|", with: "/") : $0 }.joined(separator: "|")
    }

    static func decode(_ value: String?) -> [String] {
        guard let value, !value.isEmpty else { return [] }
        return value.split(separator: "|", omittingEmptySubsequences: true).map(String.init)
    }
}

/// How the paragraphs are stored in one column: joined with blank lines.
enum BodyText {
    static func join(_ paragraphs: [String]) -> String { paragraphs.joined(separator: "\n\n") }

    /// The inverse of `join`: `body.components(separatedBy: "\n\n")`, split on the UTF-8 bytes (Foundation's
    /// character-by-character search was a tenth of a search's time). Text with a carriage return takes
    /// Foundation's path, whose "\r\n" is one character and never half of a separator.
    static func paragraphs(_ body: String) -> [String] {
        guard !body.isEmpty else { return [] }
        var body = body
        return body.withUTF8 { bytes -> [String]? in
            var parts: [String] = []
            var start = 0
            var i = 0
            let count = bytes.count
            while i < count {
                let byte = bytes[i]
                if byte == 13 { return nil }
                if byte == 10, i + 1 < count, bytes[i + 1] == 10 {
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                    i += 2
                    start = i
                } else {
                    i += 1
                }
            }
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<count]), as: UTF8.self))
            return parts
        } ?? body.components(separatedBy: "\n\n")
    }
}
