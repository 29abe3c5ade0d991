import ArgumentParser
import DatelineCore
import DatelineStore
import Foundation

/// `dateline show ID|PATH`: one stored article as a readable card or as model JSON.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one stored article: metadata, paragraphs, captions, teasers, mentions.",
        discussion: "The article is named by its id, a unique id prefix, or the path of the file it was ingested from."
    )

    @Argument(help: "Article id, unique id prefix, or ingested file path.")
    var article: String

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print the article model as JSON (as `dateline parse --json`).")
    var json = false

    func run() throws {
        try reportingFailures {
            let store = try database.openForReading()
            let id = try store.resolve(article)
            guard let model = try store.article(id: id), let row = try store.row(id: id) else {
                throw StoreError(path: store.path, reason: .notFound(article))
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.withoutEscapingSlashes]
                Terminal.out(String(decoding: try encoder.encode(model), as: UTF8.self))
                return
            }
            Terminal.out(ArticleCard(article: model, row: row, tags: try store.tags(articleID: id),
                                     duplicates: try store.duplicates(ofArticleID: id), bold: Terminal.stdoutIsTTY).render())
        }
    }
}

/// The readable card `dateline show` prints.
struct ArticleCard {
    var article: Article
    var row: ArticleRow
    var tags: [String: String]
    var duplicates: [String]
    var bold: Bool

    func render() -> String {
        var lines: [String] = []
        func heading(_ text: String) -> String { bold ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
        lines.append(heading(article.title ?? "(untitled)"))
        var date = article.date ?? "undated"
        if article.dateConfidence != .explicit { date += " (\(article.dateConfidence.rawValue))" }
        if let text = article.dateText { date += " — \"\(text)\"" }
        let facts: [(String, String?)] = [
            ("id", article.id), ("date", date), ("time", article.datetime), ("lang", article.lang),
            ("sources", article.sources.isEmpty ? nil : article.sources.joined(separator: ", ")),
            ("section", article.section), ("author", article.author), ("dateline", article.dateline),
            ("words", String(article.wordCount)), ("path", article.path),
            ("duplicate of", row.duplicateOf),
            ("duplicates", duplicates.isEmpty ? nil : duplicates.joined(separator: ", ")),
            ("tags", tags.isEmpty ? nil : tags.sorted { $0.key < $1.key }.map { $0.value.isEmpty ? $0.key : "\($0.key)=\($0.value)" }.joined(separator: ", ")),
        ]
        for case let (name, value?) in facts { lines.append("  \(name): \(value)") }
        if let lede = article.lede {
            lines.append("")
            lines.append(bold ? "\u{1B}[3m\(lede)\u{1B}[0m" : lede)
        }
        for paragraph in article.paragraphs {
            lines.append("")
            lines.append(paragraph)
        }
        if !article.captions.isEmpty {
            lines.append("")
            lines.append(heading("Captions"))
            for c in article.captions { lines.append("  - \(c.text)" + (c.credit.map { " (\($0))" } ?? "")) }
        }
        if !article.related.isEmpty {
            lines.append("")
            lines.append(heading("Related"))
            for t in article.related { lines.append("  - \(t.title)" + (t.summary.map { " — \($0)" } ?? "")) }
        }
        if !article.mentions.isEmpty {
            lines.append("")
            lines.append(heading("Mentions"))
            for kind in EntityKind.allCases {
                let names = article.entities(of: kind)
                guard !names.isEmpty else { continue }
                let described = names.map { name -> String in
                    let forms = article.mentions.filter { $0.name == name && $0.kind == kind }
                    let surface = Array(Set(forms.map(\.text)).subtracting([name])).sorted()
                    return "\(name) ×\(forms.count)" + (surface.isEmpty ? "" : " (as \(surface.joined(separator: ", ")))")
                }
                lines.append("  \(kind.rawValue): " + described.joined(separator: "; "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
