import CLua
import DatelineLua
import Foundation

/// How a REPL session is set up (by the `dateline repl` command).
public struct REPLOptions {
    /// Line editing, prompts, banner, history and colour (standard input is a terminal).
    public var interactive: Bool
    /// The history file (`$DATELINE_HISTORY` or `~/.dateline_history`); nil: no history file.
    public var historyPath: String?
    /// Entries kept in the history file.
    public var historySize = 1000
    /// Lines shown when an interactive session starts.
    public var banner: [String] = []
    /// What `.db` says: which corpus the session uses.
    public var corpusDescription: () -> String = { "no corpus" }
    /// Entity names of the corpus, for completion inside `mentions = "..."` (called lazily).
    public var entityNames: () -> [String] = { [] }
    /// Writes messages (errors, notes) to standard error.
    public var standardError: (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    /// Whether standard error is a terminal (red error messages).
    public var standardErrorIsTerminal = false

    public init(interactive: Bool) {
        self.interactive = interactive
    }

    /// `$DATELINE_HISTORY`, else `~/.dateline_history`.
    public static func defaultHistoryPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let path = environment["DATELINE_HISTORY"], !path.isEmpty { return path }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.dateline_history"
    }
}

/// The read-evaluate-print loop over one engine: reads entries (joining unfinished lines), runs
/// dot-commands, evaluates Lua like the `lua` command and pretty-prints what comes back.
public final class REPLSession {
    private let engine: LuaEngine
    private let options: REPLOptions
    private let output: REPLOutput
    private let reader: LineReader
    private var mode = OutputMode.table
    private var limits = DisplayLimits()
    private var timer = false
    private var notedLocal = false
    private var cachedEntities: [String]?
    /// Entries that failed (script errors, bad dot-commands); non-interactive sessions exit 1 if any.
    private(set) var failures = 0

    static let prompt = "> "
    static let continuationPrompt = ">> "
    static let lastKey = "previous"

    /// A session reading from the terminal's line editor when `options.interactive`, else plain lines
    /// from standard input.
    public convenience init(engine: LuaEngine, options: REPLOptions, output: REPLOutput) {
        var reader: LineReader = PlainLineReader()
        var editor: EditLineReader?
        if options.interactive, let edit = EditLineReader(historyPath: options.historyPath, historySize: options.historySize) {
            editor = edit
            reader = edit
        }
        self.init(engine: engine, options: options, output: output, reader: reader)
        editor?.complete = { [weak self] text in self?.completer.complete(text) }
        editor?.warn = { [weak self] message in self?.warn(message) }
    }

    init(engine: LuaEngine, options: REPLOptions, output: REPLOutput, reader: LineReader) {
        self.engine = engine
        self.options = options
        self.output = output
        self.reader = reader
        engine.keepEvaluationResults()
    }

    var completer: Completer {
        Completer(source: EngineCompletionSource(engine: engine, entities: { [weak self] in self?.entityNames() ?? [] }))
    }

    private func entityNames() -> [String] {
        if let cachedEntities { return cachedEntities }
        let names = options.entityNames()
        cachedEntities = names
        return names
    }

    /// Runs until Ctrl-D, end of input or `.quit`; returns the exit status (1 when a
    /// non-interactive session had errors).
    public func run() -> Int32 {
        if options.interactive {
            for line in options.banner { output.write(line + "\n") }
            output.endEntry()
            IdleInterrupt.install()
        }
        var pending: [String] = []
        while true {
            let prompt = pending.isEmpty ? Self.prompt : Self.continuationPrompt
            switch reader.read(prompt: options.interactive ? styledPrompt(prompt) : "") {
            case .end:
                if options.interactive { output.write("\n") }
                output.endEntry()
                return exitStatus
            case .interrupted:
                if pending.isEmpty {
                    message("(to leave, press Ctrl-D or type .quit)")
                }
                pending = []
            case .line(let line):
                if pending.isEmpty, line.trimmingCharacters(in: .whitespaces).hasPrefix(".") {
                    reader.addHistory(line)
                    let outcome = handleCommand(line)
                    if outcome == .quit {
                        output.endEntry()
                        return exitStatus
                    }
                    // `.once FILE` applies to the next entry, so it must not close its file itself.
                    if outcome != .redirectedOnce { output.endEntry() }
                    continue
                }
                pending.append(line)
                let entry = pending.joined(separator: "\n")
                if entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    pending = []
                    continue
                }
                if evaluate(entry) == .incomplete { continue }
                reader.addHistory(entry)
                pending = []
                output.endEntry()
            }
        }
    }

    private var exitStatus: Int32 { !options.interactive && failures > 0 ? 1 : 0 }

    enum Outcome { case done, incomplete, quit, redirectedOnce }

    /// Evaluates one entry: an expression (or `=expr`) prints its values, a statement runs.
    @discardableResult
    func evaluate(_ entry: String) -> Outcome {
        var code = entry
        if code.hasPrefix("=") { code = "return " + code.dropFirst() }
        let started = DispatchTime.now()
        do {
            if case .incomplete = try engine.evaluate(line: code) { return .incomplete }
            noteLocal(entry)
            printResults()
        } catch let error as LuaError {
            noteLocal(entry)
            report(error)
        } catch {
            report(LuaError(kind: .script, message: "\(error)"))
        }
        if timer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            message(String(format: "time: %.3f s", seconds))
        }
        return .done
    }

    /// Prints the values the last evaluation kept, and remembers them for `.last`.
    private func printResults() {
        let values: [DisplayValue] = engine.withREPLStore { stack, store in
            guard stack.getField("last", inTableAt: store) == LUA_TTABLE else { return [] }
            let results = stack.top
            stack.getField("n", inTableAt: results)
            let count = stack.integer(at: -1) ?? 0
            stack.pop()
            guard count > 0 else { return [] }
            // Keep them for .last.
            stack.pushValue(at: results)
            stack.setField(Self.lastKey, inTableAt: store)
            let inspector = ValueInspector(engine: engine, limits: limits)
            var values: [DisplayValue] = []
            for i in 1...count {
                lua_rawgeti(stack.state, results, lua_Integer(i))
                values.append(inspector.inspect(at: -1))
                stack.pop()
            }
            return values
        } ?? []
        guard !values.isEmpty else { return }
        output.write(renderer(untruncated: false).render(values) + "\n")
    }

    /// On a terminal: its width, strings and rows cut to it. Elsewhere (files, pipes) and for
    /// `.last`: nothing is cut, tables still break into lines at 100 columns.
    private func renderer(untruncated: Bool) -> ValueRenderer {
        let truncates = !untruncated && output.isTerminal
        return ValueRenderer(mode: mode, style: Style(enabled: output.isTerminal),
                             width: output.isTerminal ? TerminalSize.columns() : 100, truncates: truncates)
    }

    private func report(_ error: LuaError) {
        failures += 1
        let style = Style(enabled: options.interactive && options.standardErrorIsTerminal)
        var text = style.error(error.message) + "\n"
        if let traceback = error.traceback.map(Self.cleanTraceback), !traceback.isEmpty { text += style.dim(traceback) + "\n" }
        output.endEntry()
        options.standardError(text)
    }

    /// Drops the frame of the REPL's own result-keeping wrapper, so the entry reads as the main chunk.
    static func cleanTraceback(_ traceback: String) -> String {
        traceback.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            if line.hasPrefix("\trepl:") { return nil }
            if line.hasPrefix("\tstdin:"), line.hasSuffix(" in local 'f'") {
                return String(line.dropLast(" in local 'f'".count)) + " in main chunk"
            }
            return String(line)
        }.joined(separator: "\n")
    }

    private func noteLocal(_ entry: String) {
        guard !notedLocal else { return }
        let trimmed = entry.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("local ") || trimmed.hasPrefix("local\t") else { return }
        notedLocal = true
        message("note: each entry is its own chunk, so `local` variables are gone after this line; leave out `local` to keep a value")
    }

    // MARK: Dot-commands

    @discardableResult
    func handleCommand(_ line: String) -> Outcome {
        do {
            switch try DotCommand.parse(line) {
            case .help(let pattern):
                output.write(HelpText(modules: engine.options.modules).text(for: pattern) + "\n")
            case .mode(let newMode):
                if let newMode { mode = newMode } else { output.write("mode: \(mode.rawValue)\n") }
            case .output(let path):
                try output.redirect(to: path)
            case .once(let path):
                try output.redirectOnce(to: path)
                return .redirectedOnce
            case .read(let path):
                try runScript(path)
            case .timer(let on):
                timer = on
            case .maxrows(let n):
                limits.items = n == 0 ? Int.max : n
            case .last:
                printLast()
            case .db:
                output.write(options.corpusDescription() + "\n")
            case .quit:
                return .quit
            }
        } catch let error as REPLCommandError {
            failures += 1
            let style = Style(enabled: options.interactive && options.standardErrorIsTerminal)
            options.standardError(style.error("error: " + error.description) + "\n")
        } catch {
            failures += 1
            options.standardError("error: \(error)\n")
        }
        return .done
    }

    private func runScript(_ path: String) throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw REPLCommandError(".read: cannot read \(path): " + (FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"))
        }
        do {
            try engine.run(file: path)
        } catch let error as LuaError {
            report(error)
        }
    }

    private func printLast() {
        let value: DisplayValue? = engine.withREPLStore { stack, store -> DisplayValue? in
            guard stack.getField(Self.lastKey, inTableAt: store) == LUA_TTABLE else { return nil }
            let results = stack.top
            stack.getField("n", inTableAt: results)
            let count = stack.integer(at: -1) ?? 0
            stack.pop()
            let inspector = ValueInspector(engine: engine, limits: .unlimited)
            var values: [DisplayValue] = []
            for i in 0..<max(0, count) {
                lua_rawgeti(stack.state, results, lua_Integer(i + 1))
                values.append(inspector.inspect(at: -1))
                stack.pop()
            }
            return values.count == 1 ? values[0] : .table(DisplayTable(sequence: values))
        } ?? nil
        guard let value else {
            message("no result yet")
            return
        }
        output.write(renderer(untruncated: true).render([value]) + "\n")
    }

    private func message(_ text: String) {
        output.endEntry()
        let style = Style(enabled: options.interactive && options.standardErrorIsTerminal)
        options.standardError(style.dim(text) + "\n")
    }

    private func warn(_ text: String) {
        options.standardError("warning: \(text)\n")
    }

    private func styledPrompt(_ prompt: String) -> String {
        guard options.standardErrorIsTerminal else { return prompt }
        // \u{1} brackets invisible characters for libedit's width computation.
        return "\u{1}\u{1B}[1;34m\u{1}" + prompt.trimmingTrailingSpaces + "\u{1}\u{1B}[0m\u{1} "
    }
}

/// At an idle prompt (or while printing) Ctrl-C must not end the session: a handler that does
/// nothing replaces the default action. During an evaluation the engine installs its own handler
/// (which stops the script) and restores this one afterwards.
enum IdleInterrupt {
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
    }
}
