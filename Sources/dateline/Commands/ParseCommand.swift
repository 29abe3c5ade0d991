import ArgumentParser
import DatelineCore
import Foundation

/// `dateline parse FILE...`: parse page dumps and print the article model.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse raw news-page dumps and print the article model.",
        discussion: """
        Prints a readable summary per file, or with --json one JSON object per line (JSON Lines)
        with the fields documented in README.md. Files that cannot be parsed get a one-line error
        on stderr; the others are still printed, and the exit status is 1.
        """
    )

    @Argument(help: "Page dumps to parse (plain text; UTF-8, UTF-16 with BOM or Windows-1252).")
    var files: [String]

    @Flag(help: "Print JSON Lines: one article object per line.")
    var json = false

    @Option(help: "Refuse files larger than this many megabytes.")
    var maxSize: Double = 20

    @Option(help: "An entity dictionary (YAML) adding canonical names, aliases and kinds.")
    var dictionary: String?

    func run() throws {
        var options = ParserOptions(maxBytes: Int(maxSize * 1024 * 1024))
        if let dictionary {
            do {
                options.dictionary = try EntityDictionary.bundled.merging(EntityDictionary.load(path: dictionary))
            } catch {
                throw ValidationError("\(error)")
            }
        }
        let parser = ArticleParser(options: options)
        var failed = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for file in files {
            do {
                let page = try parser.parseFile(atPath: file)
                for warning in page.warnings {
                    Terminal.warn("\(file): \(warning)")
                }
                if json {
                    let data = try encoder.encode(page.article)
                    Terminal.out(String(decoding: data, as: UTF8.self))
                } else {
                    Terminal.out(ArticleSummary(article: page.article).render())
                }
            } catch let error as ParseError {
                failed += 1
                Terminal.error(error.description)
            } catch {
                failed += 1
                Terminal.error("\(file): \(error)")
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
