/// A Lua value captured for printing: a snapshot taken with raw access (no metamethods), with the
/// depth and item limits already applied. Renderers turn it into text in each output mode.
public indirect enum DisplayValue: Equatable {
    case `nil`
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    /// A function; `name` is its documented name ("text.tokens") when it has one.
    case function(name: String?)
    /// An article, shown as a card.
    case article(ArticleCard)
    /// Another Dateline object ("Corpus") or a plain userdata / thread (the type name).
    case opaque(String)
    case table(DisplayTable)
    /// A table already being printed higher up: a back-reference to its path ("(root).a").
    case cycle(path: String)
    /// A table below the depth limit: only its item count is shown.
    case elided(count: Int)

    /// Whether this is a table of articles only (printed as one table, a row per article).
    var articleRows: [ArticleCard]? {
        guard case .table(let table) = self, table.fields.isEmpty, !table.sequence.isEmpty else { return nil }
        var cards: [ArticleCard] = []
        for item in table.sequence {
            guard case .article(let card) = item else { return nil }
            cards.append(card)
        }
        return cards
    }
}

/// A table snapshot: the sequence part (1..n) and the other keys, sorted.
public struct DisplayTable: Equatable {
    /// Values at keys 1...n (n = the border found by raw `#`), possibly cut at the item limit.
    public var sequence: [DisplayValue] = []
    /// The other entries, keys sorted (numbers first, then strings), possibly cut at the item limit.
    public var fields: [DisplayField] = []
    /// Entries left out by the item limit.
    public var omitted = 0
    /// The metatable's `__name` when it is a string ("list" for Dateline lists).
    public var typeName: String?

    /// All entries, including the omitted ones.
    public var count: Int { sequence.count + fields.count + omitted }
}

/// One non-sequence entry of a table.
public struct DisplayField: Equatable {
    /// The key as Lua source would spell it: `name`, `[2]`, `["two words"]`.
    public var key: String
    /// The key as plain text (for column headers and JSON objects).
    public var plainKey: String
    public var value: DisplayValue
}

/// The compact card of an article: what identifies it at a glance.
public struct ArticleCard: Equatable {
    public var id: String
    public var date: String?
    public var sources: [String]
    public var title: String?

    public init(id: String, date: String? = nil, sources: [String] = [], title: String? = nil) {
        self.id = id
        self.date = date
        self.sources = sources
        self.title = title
    }
}
