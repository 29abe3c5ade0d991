import ArgumentParser
import DatelineLua

/// The options `run` and `repl` share for the Lua engine: limits, the sandbox switch and `require` paths.
struct EngineOptions: ParsableArguments {
    @Option(help: "Stop the Lua code after this many seconds.")
    var timeout: Double?

    @Option(help: "Stop the Lua code when its memory exceeds this many megabytes.")
    var maxMemory: Double?

    @Flag(help: "Open the full Lua standard library (io, os, debug, binary chunks). Only for trusted code.")
    var unsafe = false

    @Option(name: .customLong("lib"), help: "A directory searched by require (repeatable; before Scripts/).")
    var libs: [String] = []

    /// What is wrong with the limits, as a one-line usage message, or nil.
    var problem: String? {
        if let timeout, !(timeout > 0) { return "--timeout must be a positive number of seconds" }
        if let maxMemory, !(maxMemory > 0) { return "--max-memory must be a positive number of megabytes" }
        return nil
    }

    /// Copies these options into the engine's options.
    func apply(to options: inout LuaEngineOptions) {
        options.unsafe = unsafe
        options.timeout = timeout
        options.maxMemory = maxMemory.map { Int($0 * 1_048_576) }
        options.libPaths = libs
    }
}
