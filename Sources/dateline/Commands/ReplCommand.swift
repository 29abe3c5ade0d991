import ArgumentParser
import DatelineLua
import DatelineREPL
import DatelineStore
import Foundation

/// `dateline repl`: an interactive Lua session over the corpus (the same environment as `dateline run`).
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Interactive Lua over the corpus: line editing, history, completion, pretty printing.",
        discussion: """
        Expressions print their values (`=expr` too); statements run; unfinished input continues on a `>>`
        line. Tab completes globals, fields after `.`, methods after `:` and entity names inside
        `mentions = "...`. Ctrl-C clears the line or stops a running evaluation; Ctrl-D or .quit leaves.
        .help lists the dot-commands (.mode, .output, .once, .read, .timer, .maxrows, .last, .db).

        History: $DATELINE_HISTORY, else ~/.dateline_history (last 1000 entries). When standard input is
        not a terminal, lines are read plainly (no prompts, no colour) and the exit status is 1 if any
        entry failed, so `echo 'print(corpus.count())' | dateline repl` works in pipelines.
        """
    )

    @Option(help: "The corpus database.")
    var db: String?

    @OptionGroup var limits: EngineOptions

    func run() throws {
        if let problem = limits.problem { throw usageError(problem) }

        let interactive = isatty(STDIN_FILENO) == 1
        let output = REPLOutput(isTerminal: interactive && Terminal.stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        let settings = RunSettings(db: db, format: nil, output: nil, source: .code(""))
        var options = LuaEngineOptions()
        limits.apply(to: &options)
        options.handlesInterruptSignal = true
        options.output = output.write
        options.settings = settings.dictionary

        let corpus = ReplCorpus(location: CorpusLocation.resolve(db: db, forReading: true))
        var replOptions = REPLOptions(interactive: interactive)
        replOptions.historyPath = REPLOptions.defaultHistoryPath()
        replOptions.standardErrorIsTerminal = Terminal.stderrIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        replOptions.corpusDescription = { corpus.description }
        replOptions.entityNames = { corpus.entityNames() }
        let status: Int32
        do {
            for setup in RunCommand.setups { try setup.configure(&options, settings) }
            let engine = try LuaEngine(options: options)
            for setup in RunCommand.setups { try setup.prepare(engine, settings) }
            if interactive {
                let mode = limits.unsafe ? "unsafe: full standard library" : "sandboxed"
                replOptions.banner = [
                    "Dateline REPL (Lua 5.4, \(mode)) - \(corpus.summary)",
                    "Type .help for commands, help() for the Lua API; Tab completes, Ctrl-D leaves.",
                ]
            }
            let session = REPLSession(engine: engine, options: replOptions, output: output)
            status = session.run()
            for setup in RunCommand.setups { try setup.finish(engine, settings) }
            StandardOutput.flush()
        } catch let error as LuaError {
            StandardOutput.flush()
            Terminal.error(error.message)
            throw ExitCode(1)
        }
        if status != 0 { throw ExitCode(status) }
    }

    private func usageError(_ message: String) -> Error {
        Terminal.error("repl: \(message)")
        return ExitCode(2)
    }
}

/// The REPL's own read-only view of the corpus: its size for the banner and `.db`, and entity
/// names for completion. Opened lazily, once; a missing corpus is described, not an error.
final class ReplCorpus {
    let location: CorpusLocation
    private var store: CorpusStore?
    private var failure: String?
    private var opened = false
    private var names: [String]?

    init(location: CorpusLocation) {
        self.location = location
    }

    private func open() -> CorpusStore? {
        if opened { return store }
        opened = true
        if case .seeds = location.origin {} else if !FileManager.default.fileExists(atPath: location.path) {
            failure = "no corpus at \(location.path) (run `dateline ingest FILES...` or pass --db)"
            return nil
        }
        do {
            store = try location.open(mode: .readOnly)
        } catch {
            failure = "cannot open \(location.path): \(error)"
        }
        return store
    }

    /// "corpus: 123 articles (path)" or why there is none.
    var summary: String {
        guard let store = open() else { return failure ?? "no corpus" }
        let count = (try? store.count()).map { "\($0) article\($0 == 1 ? "" : "s")" } ?? "unknown size"
        return "corpus: \(count) (\(location.path))"
    }

    /// For `.db`: the path, how it was chosen, and the size.
    var description: String {
        let origin: String
        switch location.origin {
        case .option: origin = "--db"
        case .environment: origin = "$DATELINE_DB"
        case .defaultFile: origin = "./\(CorpusLocation.defaultFileName)"
        case .seeds(let folder): origin = "bundled seeds \(folder), cached"
        }
        return "\(summary)\nchosen by: \(origin)"
    }

    /// Canonical entity names and aliases, most mentioned first (read once).
    func entityNames() -> [String] {
        if let names { return names }
        let entities = (try? open()?.entities()) ?? []
        let all = entities.flatMap { [$0.name] + $0.aliases }
        names = all
        return all
    }
}
