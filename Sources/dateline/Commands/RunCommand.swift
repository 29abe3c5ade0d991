import ArgumentParser
import DatelineLua
import Foundation

/// `dateline run SCRIPT.lua [ARGS...]` / `dateline run -e 'CODE'`: run an analyst script.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Lua script (sandboxed Lua 5.4 with Dateline's modules).",
        discussion: """
        The script sees `arg` like the `lua` command: arg[0] is the script, arg[1...] the ARGS after it.
        Options of `run` itself (--db, --format, --output, --timeout, --max-memory, --unsafe, --lib) may also
        follow the script; every other argument, and everything after `--`, is passed to the script.
        See docs/lua-api.md or help() in Lua.

        Exit status: 0 success; 1 script error, syntax error, time limit, memory limit or Ctrl-C
        (message and traceback on stderr); 2 usage error (no script, both a script and -e, bad limits).
        """
    )

    @Option(name: [.customShort("e"), .customLong("execute")], help: "Run this Lua code instead of a script file.")
    var code: String?

    @Option(help: "The corpus database.")
    var db: String?

    @Option(help: "Report format for the report module (text, md, csv, json, html).")
    var format: String?

    @Option(help: "Write the report output to this file.")
    var output: String?

    @OptionGroup var limits: EngineOptions

    @Argument(help: "The Lua script to run.")
    var script: String?

    @Argument(parsing: .captureForPassthrough, help: "Arguments passed to the script (arg[1], ...).")
    var arguments: [String] = []

    /// Steps that plug modules into the run (the corpus, the report renderer). Each runs in order.
    static let setups: [RunSetup] = [CorpusRunSetup.setup, ReportRunSetup.setup]

    /// `dateline run SCRIPT --output x.html` works like `dateline run --output x.html SCRIPT`:
    /// `run`'s own options are taken from the script's arguments too, up to a `--`; everything after
    /// `--` (and everything else) goes to the script as `arg`.
    private mutating func takeTrailingOptions() throws {
        var rest: [String] = []
        var i = 0
        func value(_ name: String) throws -> String {
            guard i + 1 < arguments.count else { throw usageError("\(name) needs a value") }
            i += 1
            return arguments[i]
        }
        while i < arguments.count {
            let a = arguments[i]
            var name = a, inline: String?
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq]); inline = String(a[a.index(after: eq)...])
            }
            switch name {
            case "--":
                rest.append(contentsOf: arguments[(i + 1)...])
                i = arguments.count
                continue
            case "--db": db = try inline ?? value(name)
            case "--format": format = try inline ?? value(name)
            case "--output": output = try inline ?? value(name)
            case "--lib": limits.libs.append(try inline ?? value(name))
            case "--unsafe": limits.unsafe = true
            case "--timeout", "--max-memory":
                let raw = try inline ?? value(name)
                guard let number = Double(raw) else { throw usageError("\(name) takes a number, not \"\(raw)\"") }
                if name == "--timeout" { limits.timeout = number } else { limits.maxMemory = number }
            default: rest.append(a)
            }
            i += 1
        }
        arguments = rest
    }

    mutating func run() throws {
        try takeTrailingOptions()
        let source: RunSource
        switch (script, code) {
        case (let script?, nil): source = .file(script)
        case (nil, let code?):
            source = .code(code)
        case (_?, _?):
            // With -e, what looks like a script is the first argument to the code.
            source = .code(code ?? "")
        case (nil, nil):
            throw usageError("give a script to run, or -e 'CODE'")
        }
        if let problem = limits.problem { throw usageError(problem) }

        let settings = RunSettings(db: db, format: format, output: output, source: source)
        var options = LuaEngineOptions()
        limits.apply(to: &options)
        options.handlesInterruptSignal = true
        options.output = StandardOutput.write
        options.settings = settings.dictionary
        do {
            for setup in Self.setups { try setup.configure(&options, settings) }
            let engine = try LuaEngine(options: options)
            for setup in Self.setups { try setup.prepare(engine, settings) }
            var scriptArguments = arguments
            switch source {
            case .file(let path):
                try engine.run(file: path, arguments: scriptArguments)
            case .code(let code):
                if let script { scriptArguments.insert(script, at: 0) }
                try engine.run(code: code, arguments: scriptArguments)
            }
            for setup in Self.setups { try setup.finish(engine, settings) }
            StandardOutput.flush()
        } catch let error as LuaError {
            StandardOutput.flush()
            Terminal.error(error.message)
            if let traceback = error.traceback, !traceback.isEmpty { Terminal.note(traceback) }
            throw ExitCode(1)
        }
    }

    private func usageError(_ message: String) -> Error {
        Terminal.error("run: \(message)")
        return ExitCode(2)
    }
}

/// What `dateline run` runs.
enum RunSource {
    case file(String)
    case code(String)
}

/// The `dateline run` options other modules need (database, report format and destination).
struct RunSettings {
    var db: String?
    var format: String?
    var output: String?
    var source: RunSource

    /// For `LuaEngineOptions.settings` (keys "db", "format", "output").
    var dictionary: [String: String] {
        var result: [String: String] = [:]
        result["db"] = db
        result["format"] = format
        result["output"] = output
        return result
    }
}

/// One plug-in step of `dateline run`: adjust the engine options, prepare the engine before the
/// script runs (e.g. a lazily opened corpus), finish after it succeeded (e.g. render the report).
struct RunSetup {
    var configure: (inout LuaEngineOptions, RunSettings) throws -> Void = { _, _ in }
    var prepare: (LuaEngine, RunSettings) throws -> Void = { _, _ in }
    var finish: (LuaEngine, RunSettings) throws -> Void = { _, _ in }
}

/// Buffered stdout for `print` (one write per print would cost a system call each).
enum StandardOutput {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            _ = fwrite(buffer.baseAddress, 1, buffer.count, stdout)
        }
    }

    static func flush() {
        fflush(stdout)
    }
}
