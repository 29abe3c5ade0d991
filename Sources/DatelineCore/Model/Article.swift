import Foundation

/// A news article parsed from a raw page dump: the clean, structured form every
/// other part of Dateline (store, Lua, reports) works with.
///
/// Field names in JSON are the contract of `dateline parse --json` (snake_case).
/// Fields are `nil` or empty where a page does not have the thing; nothing is invented.
public struct Article: Codable, Equatable, Sendable {
    /// Stable hash of the normalized content (title, lede, paragraphs); see `ArticleID`.
    public var id: String
    /// Where the article came from (file path or URL); `nil` for text given directly.
    public var path: String?
    /// ISO 639-1 language code detected from the text (`en`, `vi`, …), `nil` if unknown.
    public var lang: String?
    public var title: String?
    /// Breadcrumb section such as "Chính trị - Xã hội".
    public var section: String?
    public var author: String?
    /// Agencies and outlets credited, canonical short names (`VNA`, `VNS`, `VOV`, `Nhân Dân`).
    public var sources: [String]
    /// Place named in the dateline ("Vientiane", "Hà Nội").
    public var dateline: String?
    /// ISO 8601 calendar date (`2026-02-05`).
    public var date: String?
    /// Full ISO 8601 timestamp with offset, when the page gives a time.
    public var datetime: String?
    public var dateConfidence: DateConfidence
    /// The words the date came from ("February 5", "Friday", "07:07 | 08/12/2022 GMT+7").
    public var dateText: String?
    public var lede: String?
    /// Clean body paragraphs in order; dateline prefix and sign-off removed.
    public var paragraphs: [String]
    public var captions: [Caption]
    public var related: [Teaser]
    /// Lines dropped as page furniture, kept for auditing the parser.
    public var boilerplate: [String]
    public var mentions: [Mention]
    public var wordCount: Int

    public init(
        id: String = "", path: String? = nil, lang: String? = nil, title: String? = nil,
        section: String? = nil, author: String? = nil, sources: [String] = [], dateline: String? = nil,
        date: String? = nil, datetime: String? = nil, dateConfidence: DateConfidence = .none,
        dateText: String? = nil, lede: String? = nil, paragraphs: [String] = [], captions: [Caption] = [],
        related: [Teaser] = [], boilerplate: [String] = [], mentions: [Mention] = [], wordCount: Int = 0
    ) {
        self.id = id; self.path = path; self.lang = lang; self.title = title; self.section = section
        self.author = author; self.sources = sources; self.dateline = dateline; self.date = date
        self.datetime = datetime; self.dateConfidence = dateConfidence; self.dateText = dateText
        self.lede = lede; self.paragraphs = paragraphs; self.captions = captions; self.related = related
        self.boilerplate = boilerplate; self.mentions = mentions; self.wordCount = wordCount
    }

    enum CodingKeys: String, CodingKey {
        case id, path, lang, title, section, author, sources, dateline, date, datetime
        case dateConfidence = "date_confidence", dateText = "date_text"
        case lede, paragraphs, captions, related, boilerplate, mentions
        case wordCount = "word_count"
    }

    /// Encodes every key, writing `null` for missing optionals (the JSON contract lists them all).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(path, forKey: .path)
        try c.encode(lang, forKey: .lang)
        try c.encode(title, forKey: .title)
        try c.encode(section, forKey: .section)
        try c.encode(author, forKey: .author)
        try c.encode(sources, forKey: .sources)
        try c.encode(dateline, forKey: .dateline)
        try c.encode(date, forKey: .date)
        try c.encode(datetime, forKey: .datetime)
        try c.encode(dateConfidence, forKey: .dateConfidence)
        try c.encode(dateText, forKey: .dateText)
        try c.encode(lede, forKey: .lede)
        try c.encode(paragraphs, forKey: .paragraphs)
        try c.encode(captions, forKey: .captions)
        try c.encode(related, forKey: .related)
        try c.encode(boilerplate, forKey: .boilerplate)
        try c.encode(mentions, forKey: .mentions)
        try c.encode(wordCount, forKey: .wordCount)
    }

    /// The body paragraphs joined with blank lines.
    public var body: String { paragraphs.joined(separator: "\n\n") }

    /// Distinct canonical names of mentioned entities of one kind, in order of first mention.
    public func entities(of kind: EntityKind) -> [String] {
        var seen = Set<String>()
        return mentions.filter { $0.kind == kind && seen.insert($0.name).inserted }.map(\.name)
    }
}

/// How sure the parser is of `Article.date`.
public enum DateConfidence: String, Codable, Sendable {
    /// The page states a full date.
    case explicit
    /// The page states day and month; the year comes from other dates on the page.
    case inferred
    /// No calendar date could be found (perhaps only a weekday).
    case none
}

/// A photo caption and its credit ("Photo: VNA").
public struct Caption: Codable, Equatable, Sendable {
    public var text: String
    public var credit: String?
    public init(text: String, credit: String? = nil) { self.text = text; self.credit = credit }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text); try c.encode(credit, forKey: .credit)
    }
    enum CodingKeys: String, CodingKey { case text, credit }
}

/// A "Related"/"See more" teaser: another article's headline and summary.
public struct Teaser: Codable, Equatable, Sendable {
    public var title: String
    public var summary: String?
    public init(title: String, summary: String? = nil) { self.title = title; self.summary = summary }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title); try c.encode(summary, forKey: .summary)
    }
    enum CodingKeys: String, CodingKey { case title, summary }
}

/// The kinds of named entity Dateline recognizes.
public enum EntityKind: String, Codable, Sendable, CaseIterable {
    case person, organization, place
}

/// One occurrence of an entity in the body.
public struct Mention: Codable, Equatable, Sendable {
    /// Canonical entity name ("Tô Lâm").
    public var name: String
    public var kind: EntityKind
    /// Surface form as written ("Lâm", "To Lam").
    public var text: String
    /// Index into `Article.paragraphs`.
    public var paragraph: Int
    /// Offset of `text` in the paragraph, in Unicode code points from 0 (as Python indexes strings).
    public var offset: Int
    public init(name: String, kind: EntityKind, text: String, paragraph: Int, offset: Int) {
        self.name = name; self.kind = kind; self.text = text; self.paragraph = paragraph; self.offset = offset
    }
}
