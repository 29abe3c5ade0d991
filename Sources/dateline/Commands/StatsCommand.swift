import ArgumentParser
import DatelineCore
import DatelineStore
import Foundation

/// `dateline stats`: an overview of the corpus.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Corpus overview: articles by language, source and month; top entities; duplicates; failed files."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "How many people, organizations and places to list.")
    var top: Int = 10

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must not be negative") }
    }

    func run() throws {
        try reportingFailures {
            let store = try database.openForReading()
            let stats = try store.stats(top: top)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
                Terminal.out(String(decoding: try encoder.encode(StatsJSON(stats, database: store.path)), as: UTF8.self))
                return
            }
            Terminal.out(render(stats, path: store.path))
        }
    }

    private func render(_ s: CorpusStats, path: String) -> String {
        var lines = ["\(s.articles) articles in \(path)"]
        lines.append("  duplicates: \(s.nearDuplicates) near-duplicate reprints linked, \(s.exactDuplicates) exact copies not stored")
        if s.outdated > 0 { lines.append("  \(s.outdated) articles parsed by an older parser: run `dateline reparse`") }
        func table(_ title: String, _ rows: [ValueCount]) {
            guard !rows.isEmpty else { return }
            lines.append("")
            lines.append(title)
            let width = rows.map(\.value.count).max() ?? 0
            for r in rows { lines.append("  " + r.value.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(r.count)) }
        }
        table("By language", s.languages)
        table("By source", s.sources)
        table("By month", s.months)
        func entities(_ title: String, _ list: [EntitySummary]) {
            table(title, list.map { ValueCount(value: $0.name, count: $0.articleCount) })
        }
        entities("Top people (articles)", s.people)
        entities("Top organizations (articles)", s.organizations)
        entities("Top places (articles)", s.places)
        if !s.failures.isEmpty {
            lines.append("")
            lines.append("Failed files (\(s.failures.count))")
            for f in s.failures { lines.append("  \(f.message)") }
        }
        return lines.joined(separator: "\n")
    }
}

/// The JSON form of `CorpusStats`.
struct StatsJSON: Encodable {
    struct Count: Encodable { var value: String; var count: Int }
    struct Entity: Encodable { var name: String; var kind: String; var articles: Int; var mentions: Int; var aliases: [String] }
    struct Failure: Encodable { var file: String; var message: String }

    var database: String
    var articles: Int
    var near_duplicates: Int
    var exact_duplicates: Int
    var outdated: Int
    var languages: [Count]
    var sources: [Count]
    var months: [Count]
    var people: [Entity]
    var organizations: [Entity]
    var places: [Entity]
    var failures: [Failure]

    init(_ s: CorpusStats, database: String) {
        func counts(_ list: [ValueCount]) -> [Count] { list.map { Count(value: $0.value, count: $0.count) } }
        func entities(_ list: [EntitySummary]) -> [Entity] {
            list.map { Entity(name: $0.name, kind: $0.kind.rawValue, articles: $0.articleCount, mentions: $0.mentionCount, aliases: $0.aliases) }
        }
        self.database = database
        articles = s.articles; near_duplicates = s.nearDuplicates; exact_duplicates = s.exactDuplicates; outdated = s.outdated
        languages = counts(s.languages); sources = counts(s.sources); months = counts(s.months)
        people = entities(s.people); organizations = entities(s.organizations); places = entities(s.places)
        failures = s.failures.map { Failure(file: $0.file, message: $0.message) }
    }
}
