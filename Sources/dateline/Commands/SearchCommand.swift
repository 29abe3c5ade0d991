import ArgumentParser
import DatelineCore
import DatelineStore
import Foundation

/// `dateline search QUERY`: ranked full-text search over the corpus.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search, ranked by relevance, with a snippet around the match.",
        discussion: """
        Matching ignores case and diacritics: "to lam", "Tô Lâm" and "TO LAM" find the same articles.
        FTS5 syntax works: "exact phrase", AND / OR / NOT (upper case), NEAR(a b, 5), prefix*, and
        column filters title: lede: body:. Duplicate reprints are left out unless --include-duplicates.
        """
    )

    @Argument(help: "The query (several words are joined with spaces).")
    var query: [String]

    @OptionGroup var database: DatabaseOptions

    @Option(name: [.short, .long], help: "Show at most this many results.")
    var limit: Int = 10

    @Flag(help: "Print JSON Lines: one result object per line.")
    var json = false

    @Flag(help: "Include articles linked as duplicates of another.")
    var includeDuplicates = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try reportingFailures {
            let store = try database.openForReading()
            let hits = try store.search(query.joined(separator: " "), limit: limit, includeDuplicates: includeDuplicates)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
                for hit in hits {
                    Terminal.out(String(decoding: try encoder.encode(SearchHitJSON(hit)), as: UTF8.self))
                }
                return
            }
            if hits.isEmpty {
                Terminal.note("no matches")
                return
            }
            let color = Terminal.stdoutIsTTY
            for (index, hit) in hits.enumerated() {
                let title = hit.title ?? "(untitled)"
                let meta = [hit.date ?? "undated", hit.sources.joined(separator: ", "), String(hit.id.prefix(12))]
                    .filter { !$0.isEmpty }.joined(separator: " · ")
                Terminal.out(color ? "\(index + 1). \u{1B}[1m\(title)\u{1B}[0m  \u{1B}[2m\(meta)\u{1B}[0m" : "\(index + 1). \(title)  [\(meta)]")
                let snippet = color
                    ? hit.snippet.highlighted(open: "\u{1B}[1;33m", close: "\u{1B}[0m")
                    : hit.snippet.text
                Terminal.out("   " + snippet.replacingOccurrences(of: "\n", with: " "))
            }
        }
    }
}

/// The JSON form of a search result.
struct SearchHitJSON: Encodable {
    var id: String
    var title: String?
    var date: String?
    var sources: [String]
    var path: String?
    var score: Double
    var snippet: String
    /// [start, end) code point offsets of matches in `snippet`.
    var matches: [[Int]]

    init(_ hit: SearchHit) {
        id = hit.id; title = hit.title; date = hit.date; sources = hit.sources; path = hit.path
        score = hit.score
        snippet = hit.snippet.text
        matches = hit.snippet.matches.map { [$0.lowerBound, $0.upperBound] }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(title, forKey: .title); try c.encode(date, forKey: .date)
        try c.encode(sources, forKey: .sources); try c.encode(path, forKey: .path); try c.encode(score, forKey: .score)
        try c.encode(snippet, forKey: .snippet); try c.encode(matches, forKey: .matches)
    }

    enum CodingKeys: String, CodingKey { case id, title, date, sources, path, score, snippet, matches }
}
