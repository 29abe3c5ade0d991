/// A readable plain-text rendering of an article for terminals (`dateline parse`, `dateline show`).
public struct ArticleSummary {
    public var article: Article
    /// Print every paragraph rather than the first three.
    public var full: Bool

    public init(article: Article, full: Bool = false) {
        self.article = article
        self.full = full
    }

    public func render() -> String {
        let a = article
        var out: [String] = []
        out.append("# \(a.title ?? "(no headline)")")
        var meta: [String] = ["id \(a.id)"]
        if let path = a.path { meta.append(path) }
        out.append(meta.joined(separator: "  "))
        func row(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { out.append("  \(label.padding(toLength: 10, withPad: " ", startingAt: 0)) \(value)") }
        }
        row("language", a.lang)
        row("section", a.section)
        row("author", a.author)
        row("sources", a.sources.joined(separator: ", "))
        row("dateline", a.dateline)
        var date = a.datetime ?? a.date ?? "none"
        date += " (\(a.dateConfidence.rawValue)"
        if let text = a.dateText { date += ", from \"\(text)\"" }
        date += ")"
        row("date", date)
        row("words", String(a.wordCount))
        for kind in EntityKind.allCases {
            let names = a.entities(of: kind)
            let label = kind == .person ? "people" : kind == .organization ? "orgs" : "places"
            row(label, names.joined(separator: ", "))
        }
        if let lede = a.lede, a.paragraphs.first != lede {
            out.append("")
            out.append("  \(lede)")
        }
        out.append("")
        let shown = full ? a.paragraphs : Array(a.paragraphs.prefix(3))
        for p in shown { out.append("  \(p)"); out.append("") }
        if shown.count < a.paragraphs.count {
            out.append("  … \(a.paragraphs.count - shown.count) more paragraphs")
            out.append("")
        }
        for c in a.captions { out.append("  [caption] \(c.text)\(c.credit.map { " (\($0))" } ?? "")") }
        if !a.related.isEmpty { out.append("  [related] \(a.related.count) teasers: \(a.related.prefix(3).map(\.title).joined(separator: " | "))\(a.related.count > 3 ? " | …" : "")") }
        if !a.boilerplate.isEmpty { out.append("  [dropped] \(a.boilerplate.count) lines of page furniture") }
        return out.joined(separator: "\n")
    }
}
