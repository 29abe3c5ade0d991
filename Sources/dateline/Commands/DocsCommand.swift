import ArgumentParser
import DatelineLua
import Foundation

/// `dateline docs lua-api`: print (or write) the generated Lua API reference.
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Print generated documentation (lua-api: the Lua API reference, docs/lua-api.md).",
        discussion: "Regenerate the committed reference with: dateline docs lua-api --output docs/lua-api.md"
    )

    @Argument(help: "The document: lua-api.")
    var topic: String

    @Option(name: .shortAndLong, help: "Write to this file instead of stdout.")
    var output: String?

    func run() throws {
        guard topic == "lua-api" else {
            Terminal.error("docs: unknown topic '\(topic)' (known: lua-api)")
            throw ExitCode(2)
        }
        let markdown = LuaDocs.markdown()
        if let output {
            do {
                try markdown.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                Terminal.error("docs: cannot write \(output): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        } else {
            Terminal.write(markdown)
        }
    }
}
