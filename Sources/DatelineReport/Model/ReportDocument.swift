import Foundation

/// A report as an ordered list of blocks plus an article appendix; built by scripts, consumed by renderers.
///
/// Renderers never mutate the document, so one document can be rendered to several formats.
public struct ReportDocument: Codable, Equatable, Sendable {
    /// Content in reading order.
    public var blocks: [ReportBlock]
    /// Articles that tables and KWIC lines link to, in first-added order, unique by `id`.
    public private(set) var articles: [ArticleRef]

    public init(blocks: [ReportBlock] = [], articles: [ArticleRef] = []) {
        self.blocks = blocks
        self.articles = []
        for article in articles { addArticle(article) }
    }

    /// The page title: the text of the first `.title` block, if any.
    public var title: String? {
        for case .title(let text) in blocks { return text }
        return nil
    }

    /// Appends a block at the end of the report.
    public mutating func append(_ block: ReportBlock) { blocks.append(block) }

    /// Adds an article to the appendix; a second article with the same id replaces the first in place.
    public mutating func addArticle(_ article: ArticleRef) {
        if let index = articles.firstIndex(where: { $0.id == article.id }) {
            articles[index] = article
        } else {
            articles.append(article)
        }
    }

    /// Appendix lookup by article id (built once per render; later duplicates cannot occur).
    public func articleIndex() -> [String: ArticleRef] {
        var index: [String: ArticleRef] = [:]
        index.reserveCapacity(articles.count)
        for article in articles { index[article.id] = article }
        return index
    }

    enum CodingKeys: String, CodingKey { case blocks, articles }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let blocks = try c.decodeIfPresent([ReportBlock].self, forKey: .blocks) ?? []
        let articles = try c.decodeIfPresent([ArticleRef].self, forKey: .articles) ?? []
        self.init(blocks: blocks, articles: articles)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(blocks, forKey: .blocks)
        try c.encode(articles, forKey: .articles)
    }
}

/// One piece of report content. Encoded in JSON as an object with a `type` field.
public enum ReportBlock: Equatable, Sendable {
    /// Report title (`report.title`); the first one is the page title.
    case title(String)
    /// Section heading; level 1 is the top section level (below the title).
    case heading(String, level: Int)
    /// A paragraph of plain text; also receives script `print` output.
    case text(String)
    case table(ReportTable)
    /// Keyword-in-context concordance lines.
    case kwic(KwicBlock)
    case chart(Chart)

    /// The JSON `type` value of this block.
    public var typeName: String {
        switch self {
        case .title: return "title"
        case .heading: return "heading"
        case .text: return "text"
        case .table: return "table"
        case .kwic: return "kwic"
        case .chart: return "chart"
        }
    }
}

/// A value in a table cell: keeps numbers as numbers so renderers can align and format them.
public enum Cell: Equatable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    case string(String)
    case int(Int)
    case double(Double)
    case null

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(nilLiteral: ()) { self = .null }

    /// True for `.int` and `.double`: such cells are right-aligned.
    public var isNumeric: Bool {
        switch self {
        case .int, .double: return true
        case .string, .null: return false
        }
    }

    /// Human-readable form for text, Markdown and HTML (doubles rounded for reading; null is empty).
    public var displayString: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return NumberFormat.display(d)
        case .null: return ""
        }
    }

    /// Exact form for data exports such as CSV (doubles at full precision; null is empty).
    public var exactString: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return NumberFormat.exact(d)
        case .null: return ""
        }
    }
}

/// One table row: its cells and, optionally, the article it is about (links to the appendix).
public struct TableRow: Codable, Equatable, Sendable {
    public var cells: [Cell]
    /// Id of an article in `ReportDocument.articles`, or of an article known only by id.
    public var articleID: String?

    public init(_ cells: [Cell], articleID: String? = nil) {
        self.cells = cells
        self.articleID = articleID
    }

    enum CodingKeys: String, CodingKey {
        case cells
        case articleID = "article_id"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cells, forKey: .cells)
        try c.encode(articleID, forKey: .articleID)
    }
}

/// A table of named columns; rows may be shorter or longer than `columns` (renderers pad or ignore).
public struct ReportTable: Codable, Equatable, Sendable {
    public var columns: [String]
    public var rows: [TableRow]
    public var caption: String?

    public init(columns: [String], rows: [TableRow] = [], caption: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.caption = caption
    }

    /// Convenience for rows without article links.
    public init(columns: [String], cells: [[Cell]], caption: String? = nil) {
        self.init(columns: columns, rows: cells.map { TableRow($0) }, caption: caption)
    }

    /// True when at least one row links to an article.
    public var hasArticleLinks: Bool { rows.contains { $0.articleID != nil } }

    enum CodingKeys: String, CodingKey { case columns, rows, caption }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(columns, forKey: .columns)
        try c.encode(rows, forKey: .rows)
        try c.encode(caption, forKey: .caption)
    }
}

/// One keyword-in-context line: the match with its left and right context and the article it came from.
public struct KwicLine: Codable, Equatable, Sendable {
    public var left: String
    public var match: String
    public var right: String
    public var articleID: String?
    public var title: String?
    /// ISO 8601 date of the article.
    public var date: String?
    public var sources: [String]

    public init(
        left: String, match: String, right: String, articleID: String? = nil, title: String? = nil,
        date: String? = nil, sources: [String] = []
    ) {
        self.left = left; self.match = match; self.right = right
        self.articleID = articleID; self.title = title; self.date = date; self.sources = sources
    }

    enum CodingKeys: String, CodingKey {
        case left, match, right, title, date, sources
        case articleID = "article_id"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        left = try c.decodeIfPresent(String.self, forKey: .left) ?? ""
        match = try c.decodeIfPresent(String.self, forKey: .match) ?? ""
        right = try c.decodeIfPresent(String.self, forKey: .right) ?? ""
        articleID = try c.decodeIfPresent(String.self, forKey: .articleID)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        sources = try c.decodeIfPresent([String].self, forKey: .sources) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(left, forKey: .left)
        try c.encode(match, forKey: .match)
        try c.encode(right, forKey: .right)
        try c.encode(articleID, forKey: .articleID)
        try c.encode(title, forKey: .title)
        try c.encode(date, forKey: .date)
        try c.encode(sources, forKey: .sources)
    }
}

/// A concordance: KWIC lines with an optional caption (for example the query).
public struct KwicBlock: Codable, Equatable, Sendable {
    public var lines: [KwicLine]
    public var caption: String?

    public init(lines: [KwicLine], caption: String? = nil) {
        self.lines = lines
        self.caption = caption
    }

    /// The tabular form used by Markdown and CSV (and chart-less data views).
    public var asTable: ReportTable {
        let rows = lines.map { line -> TableRow in
            TableRow(
                [.string(line.left), .string(line.match), .string(line.right), cell(line.title),
                 cell(line.date), .string(line.sources.joined(separator: ", "))],
                articleID: line.articleID)
        }
        return ReportTable(
            columns: ["left", "match", "right", "title", "date", "sources"], rows: rows, caption: caption)
    }

    private func cell(_ s: String?) -> Cell { s.map { .string($0) } ?? .null }
}

/// An article in the report appendix: enough to read it without the database.
public struct ArticleRef: Codable, Equatable, Sendable {
    public var id: String
    public var title: String?
    public var date: String?
    public var sources: [String]
    public var paragraphs: [String]
    /// Web address of the original, if known (only http, https and file links are made clickable).
    public var url: String?
    /// Local file the article was parsed from, if known.
    public var path: String?

    public init(
        id: String, title: String? = nil, date: String? = nil, sources: [String] = [],
        paragraphs: [String] = [], url: String? = nil, path: String? = nil
    ) {
        self.id = id; self.title = title; self.date = date; self.sources = sources
        self.paragraphs = paragraphs; self.url = url; self.path = path
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        sources = try c.decodeIfPresent([String].self, forKey: .sources) ?? []
        paragraphs = try c.decodeIfPresent([String].self, forKey: .paragraphs) ?? []
        url = try c.decodeIfPresent(String.self, forKey: .url)
        path = try c.decodeIfPresent(String.self, forKey: .path)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(date, forKey: .date)
        try c.encode(sources, forKey: .sources)
        try c.encode(paragraphs, forKey: .paragraphs)
        try c.encode(url, forKey: .url)
        try c.encode(path, forKey: .path)
    }

    enum CodingKeys: String, CodingKey { case id, title, date, sources, paragraphs, url, path }
}
