import CLua
import CLuaShim
import Foundation

/// Settings of one Lua engine.
public struct LuaEngineOptions {
    /// Open the full standard library (io, os, debug, binary chunks) instead of the sandbox.
    public var unsafe = false
    /// Stop a run after this many seconds (nil or <= 0: no limit).
    public var timeout: Double?
    /// Refuse Lua allocations beyond this many bytes (nil: no limit).
    public var maxMemory: Int?
    /// Extra directories searched by `require` before `scriptsDirectory`.
    public var libPaths: [String] = []
    /// The project's `Scripts/` directory, searched by `require` (skipped when missing).
    public var scriptsDirectory: String? = "Scripts"
    /// Receives everything the script prints (each `print` call ends with "\n").
    public var output: (String) -> Void = { text in FileHandle.standardOutput.write(Data(text.utf8)) }
    /// Route Ctrl-C (SIGINT) to `interrupt()` while a script runs.
    public var handlesInterruptSignal = false
    /// Free-form settings for modules (e.g. "db", "format", "output" from `dateline run`).
    public var settings: [String: String] = [:]
    /// Modules bound into the engine.
    public var modules: [LuaModule] = LuaModule.all

    public init() {}
}

/// The result of `LuaEngine.evaluate(line:)`.
public enum LuaEvaluation: Equatable {
    /// The line ran; the display strings of the values it returned.
    case values([String])
    /// The line is an unfinished statement: read another line and evaluate both together.
    case incomplete
}

/// One value returned by a REPL line.
public struct LuaEvaluatedValue: Equatable {
    /// What `tostring` gives (runs `__tostring`).
    public var display: String
    /// The value as data (raw: no metamethods; userdata and functions are `.opaque`).
    public var value: LuaValue
}

/// An embedded Lua 5.4 state with Dateline's modules, sandbox and limits.
///
/// Not thread-safe: use one engine per thread of work (only `interrupt()` may be called from
/// another thread or a signal handler). Lua errors never unwind through Swift: every call into
/// Lua is protected and Swift functions raise through a C trampoline.
public final class LuaEngine {
    /// Registry key of the shared list metatable.
    static let listMetatableKey = "dateline.list"
    static let helpNamesKey = "dateline.help.names"
    static let nextKey = "dateline.next"
    static let renderKey = "dateline.render"

    public let options: LuaEngineOptions
    let runtime: OpaquePointer
    let state: OpaquePointer
    private var envRef: Int32 = LUA_NOREF
    private var loadedRef: Int32 = LUA_NOREF
    /// Documentation entries by qualified name ("text.tokens", "text", "help").
    let helpIndex: HelpIndex
    private var isRunning = false
    /// Counts top-level runs; the number of the current (or latest) run.
    private var runNumber = 0
    /// Article streams opened through this engine; a failed run closes the ones it left open.
    private var openStreams = OpenStreams()
    /// Values other parts of the program attach to the engine (e.g. a lazily opened corpus).
    public var userInfo: [String: Any] = [:]

    public var stack: LuaStack { LuaStack(state) }

    /// Creates a state, binds the modules and builds the environment.
    public init(options: LuaEngineOptions = LuaEngineOptions()) throws {
        _ = HostFunctions.installed
        guard let runtime = dl_runtime_new() else {
            throw LuaError(kind: .io, message: "cannot create a Lua state: out of memory")
        }
        self.runtime = runtime
        self.state = dl_runtime_state(runtime)
        self.options = options
        self.helpIndex = HelpIndex(modules: options.modules)
        dl_set_host(runtime, Unmanaged.passUnretained(self).toOpaque())
        dl_set_writer(runtime, LuaEngine.writer, Unmanaged.passUnretained(self).toOpaque())
        dl_grace_enter(runtime)
        defer { dl_grace_leave(runtime) }
        if dl_open_libs(state) != LUA_OK {
            throw LuaError(kind: .io, message: "cannot open the Lua standard library")
        }
        try runPrelude()
        bindModules()
        if let limit = options.maxMemory, limit > 0 {
            dl_set_memory_limit(runtime, size_t(limit))
        }
    }

    deinit {
        // Stop the producers first, so no scan outlives the engine whatever the finalizers do.
        openStreams.closeAll()
        dl_runtime_free(runtime)
    }

    /// Changes the memory limit (bytes, 0 = none) for later runs; for tests of the grace mode.
    func setMemoryLimit(_ bytes: Int) {
        dl_set_memory_limit(runtime, size_t(max(0, bytes)))
    }

    /// Bytes currently allocated by the Lua state.
    public var memoryUsed: Int { Int(dl_memory_used(runtime)) }

    // MARK: Running

    /// Runs a script file; `arg[0]` is `path` and `arg[1...]`/`...` are `arguments`, like `lua`.
    @discardableResult
    public func run(file path: String, arguments: [String] = []) throws -> [LuaValue] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            throw LuaError(kind: .io, message: "cannot open \(path): \(reason)")
        }
        var bytes = Array(data)
        // Like `lua`: a first line starting with '#' (a shebang) is skipped; line numbers stay right.
        if bytes.first == UInt8(ascii: "#") {
            let end = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            bytes.removeSubrange(0..<end)
        }
        // Swift-side stack work runs in grace mode (never raises); the call itself is limited.
        return try withGrace {
            setArg(script: path, arguments: arguments)
            try load(bytes, chunkName: "@" + path)
            for argument in arguments { stack.push(argument) }
            return try call(arguments: Int32(arguments.count))
        }
    }

    /// Runs a chunk of code (named `chunkName` in messages, e.g. "(command line)").
    @discardableResult
    public func run(code: String, chunkName: String = "(command line)", arguments: [String] = []) throws -> [LuaValue] {
        try withGrace {
            if !arguments.isEmpty || global("arg") == .nil {
                setArg(script: chunkName, arguments: arguments)
            }
            try load(Array(code.utf8), chunkName: "=" + chunkName)
            for argument in arguments { stack.push(argument) }
            return try call(arguments: Int32(arguments.count))
        }
    }

    /// Evaluates one REPL line: first as an expression (`return <line>`), then as a statement.
    /// Returns `.incomplete` when the input needs more lines.
    public func evaluate(line: String, chunkName: String = "stdin") throws -> LuaEvaluation {
        guard let results = try evaluateResults(line: line, chunkName: chunkName) else { return .incomplete }
        return .values(results.map(\.display))
    }

    /// Like `evaluate(line:)`, but each result carries both its `tostring` display and its value
    /// (for a pretty printer); nil when the input is incomplete.
    public func evaluateResults(line: String, chunkName: String = "stdin") throws -> [LuaEvaluatedValue]? {
        dl_grace_enter(runtime)
        defer { dl_grace_leave(runtime) }
        let base = stack.top
        defer { stack.setTop(base) }
        let asExpression = try? load(Array(("return " + line).utf8), chunkName: "=" + chunkName)
        if asExpression == nil {
            do {
                try load(Array(line.utf8), chunkName: "=" + chunkName)
            } catch let error as LuaError where error.kind == .syntax && error.message.hasSuffix("<eof>") {
                return nil
            }
        }
        // render(chunk) converts the results with tostring inside the protected, limited call.
        lua_getfield(state, luaRegistryIndex, Self.renderKey)
        stack.insert(at: -2)
        let count = try callKeepingResults(arguments: 1)
        guard count >= 1 else { return [] }
        var displays: [String] = []
        if case .list(let shown) = stack.value(at: base + 1, maxDepth: 1) {
            displays = shown.map { $0.stringValue ?? "" }
        }
        var results: [LuaEvaluatedValue] = []
        for i in 1..<count {
            let display = Int(i - 1) < displays.count ? displays[Int(i - 1)] : ""
            results.append(LuaEvaluatedValue(display: display, value: stack.value(at: base + 1 + i)))
        }
        return results
    }

    /// Asks the running script to stop (thread- and signal-safe); it fails with `.interrupted`.
    public func interrupt() {
        dl_request_stop(runtime, Int32(DL_STOP_INTERRUPT))
    }

    /// Sets a global visible to scripts (in the sandbox environment).
    public func setGlobal(_ name: String, _ value: LuaValue) {
        withGraceNoThrow {
            stack.ensure(4)
            lua_rawgeti(state, luaRegistryIndex, lua_Integer(envRef))
            stack.push(value)
            stack.setField(name, inTableAt: -2)
            stack.pop()
        }
    }

    /// Direct stack access from Swift outside a Lua call (e.g. to set a global to a `LuaObjectType`
    /// object during setup). The environment table is pushed first (index `top` on entry + 1);
    /// allocations never raise here (grace mode) and the stack top is restored afterwards.
    public func withEnvironment<T>(_ body: (LuaStack, _ environmentIndex: Int32) throws -> T) rethrows -> T {
        dl_grace_enter(runtime)
        defer { dl_grace_leave(runtime) }
        let base = stack.top
        defer { stack.setTop(base) }
        stack.ensure(8)
        lua_rawgeti(state, luaRegistryIndex, lua_Integer(envRef))
        return try body(stack, stack.top)
    }

    /// Reads a global of the script environment (raw).
    public func global(_ name: String) -> LuaValue {
        dl_grace_enter(runtime)
        defer { dl_grace_leave(runtime) }
        stack.ensure(4)
        lua_rawgeti(state, luaRegistryIndex, lua_Integer(envRef))
        stack.getField(name, inTableAt: -1)
        let value = stack.value(at: -1)
        stack.pop(2)
        return value
    }

    /// Names for REPL tab completion: globals of the script environment starting with `prefix`, or
    /// for "table.pre" the fields of that global table (e.g. "text.to" -> ["text.tokens"]). Sorted.
    public func completions(prefix: String) -> [String] {
        dl_grace_enter(runtime)
        defer { dl_grace_leave(runtime) }
        stack.ensure(6)
        let base = stack.top
        defer { stack.setTop(base) }
        lua_rawgeti(state, luaRegistryIndex, lua_Integer(envRef))
        var owner = ""
        var partial = prefix
        let parts = prefix.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 1 {
            for part in parts.dropLast() {
                guard stack.getField(String(part), inTableAt: -1) == LUA_TTABLE else { return [] }
            }
            owner = parts.dropLast().joined(separator: ".") + "."
            partial = String(parts.last ?? "")
        }
        let table = stack.top
        var names: [String] = []
        lua_pushnil(state)
        while lua_next(state, table) != 0 {
            if let key = stack.string(at: -2), key.hasPrefix(partial) { names.append(owner + key) }
            stack.pop()
        }
        return names.sorted()
    }

    // MARK: Internals

    private func setArg(script: String, arguments: [String]) {
        withGraceNoThrow {
            stack.ensure(4)
            lua_rawgeti(state, luaRegistryIndex, lua_Integer(envRef))
            lua_createtable(state, Int32(arguments.count), 1)
            stack.push(script)
            lua_rawseti(state, -2, 0)
            for (i, argument) in arguments.enumerated() {
                stack.push(argument)
                lua_rawseti(state, -2, lua_Integer(i + 1))
            }
            stack.setField("arg", inTableAt: -2)
            stack.pop()
        }
    }

    /// Compiles text (binary chunks refused unless unsafe) and pushes the function with the
    /// script environment as its `_ENV`.
    @discardableResult
    func load(_ bytes: [UInt8], chunkName: String) throws -> Int32 {
        stack.ensure(4)
        let mode = options.unsafe ? "bt" : "t"
        let status = compile(bytes, chunkName: chunkName, mode: mode)
        if status != LUA_OK {
            let message = stack.string(at: -1) ?? "cannot load chunk"
            stack.pop()
            if status == LUA_ERRMEM { throw memoryError() }
            throw LuaError(kind: .syntax, message: message)
        }
        lua_rawgeti(state, luaRegistryIndex, lua_Integer(envRef))
        if lua_setupvalue(state, -2, 1) == nil { stack.pop() }
        return stack.top
    }

    /// Calls the function below `arguments` arguments under the limits; returns its results.
    private func call(arguments: Int32) throws -> [LuaValue] {
        let base = stack.top - arguments - 1
        let count = try callKeepingResults(arguments: arguments)
        var values: [LuaValue] = []
        for i in 0..<count { values.append(stack.value(at: base + 1 + i)) }
        stack.setTop(base)
        return values
    }

    /// Calls under the limits, leaving the results on the stack; returns their count.
    private func callKeepingResults(arguments: Int32) throws -> Int32 {
        let base = stack.top - arguments - 1
        guard !isRunning else {
            stack.setTop(base)
            throw LuaError(kind: .io, message: "the Lua engine is already running a script (engines are not re-entrant)")
        }
        isRunning = true
        defer { isRunning = false }
        runNumber += 1
        dl_begin_run(runtime)
        if let timeout = options.timeout, timeout > 0 {
            dl_watchdog_start(runtime, timeout)
        }
        if options.handlesInterruptSignal { dl_sigint_install(runtime) }
        let status = dl_pcall(state, arguments, LUA_MULTRET)
        dl_watchdog_stop(runtime)
        if options.handlesInterruptSignal { dl_sigint_restore() }
        let reason = dl_stop_reason(runtime)
        dl_end_run(runtime)
        if status == LUA_OK { return stack.top - base }
        defer { stack.setTop(base) }
        // The streams this run opened and left open (e.g. stopped between `corpus.articles()` and
        // the `for` that would close it) stop now, not when Lua collects them. Swift only: no Lua
        // code (no `__close` or `__gc`) runs outside the limits. A successful run keeps its streams:
        // a REPL line or a later chunk may still use an iterator kept in a global.
        openStreams.close(openedBy: runNumber)
        throw failure(status: status, reason: reason)
    }

    /// Registers a stream opened by the current run (or outside a run), closed if the run fails.
    func track(_ stream: ArticleStream) {
        openStreams.add(stream, run: isRunning ? runNumber : nil)
    }

    /// Streams the engine still tracks (for tests).
    var trackedStreamCount: Int { openStreams.count }

    private func failure(status: Int32, reason: Int32) -> LuaError {
        let value = stack.string(at: -1)
        stack.ensure(2)
        dl_push_last_error(state)
        let recordedMessage = stack.string(at: -2)
        let traceback = stack.string(at: -1).map(Self.cleanTraceback)
        stack.pop(2)
        if reason == Int32(DL_STOP_TIMEOUT) {
            let seconds = options.timeout.map(Self.formatSeconds) ?? "?"
            return LuaError(kind: .timeout, message: "time limit of \(seconds) exceeded", traceback: traceback)
        }
        if reason == Int32(DL_STOP_INTERRUPT) {
            return LuaError(kind: .interrupted, message: "interrupted", traceback: traceback)
        }
        if status == LUA_ERRMEM
            || (dl_memory_exceeded(runtime) != 0 && (value ?? recordedMessage ?? "").contains("not enough memory"))
        {
            var error = memoryError()
            error.traceback = status == LUA_ERRMEM ? nil : traceback
            return error
        }
        if status == LUA_ERRRUN, let recordedMessage {
            return LuaError(kind: .script, message: recordedMessage, traceback: traceback)
        }
        let message = value ?? "(error object is a \(stack.typeName(at: -1)) value)"
        return LuaError(kind: .script, message: message, traceback: status == LUA_ERRERR ? nil : traceback)
    }

    private func memoryError() -> LuaError {
        let limit = options.maxMemory ?? 0
        let megabytes = Double(limit) / 1_048_576
        let text = megabytes >= 1 ? String(format: "%g MB", (megabytes * 10).rounded() / 10) : "\(limit) bytes"
        return LuaError(kind: .memory, message: limit > 0 ? "memory limit of \(text) exceeded" : "not enough memory")
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%g s", seconds)
    }

    /// Drops the C frames of the engine's own machinery from a traceback.
    static func cleanTraceback(_ traceback: String) -> String {
        traceback
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("[C]: in ?") }
            .joined(separator: "\n")
    }

    private func runPrelude() throws {
        stack.ensure(8)
        try loadPrelude()
        lua_rawgeti(state, luaRegistryIndex, lua_Integer(LUA_RIDX_GLOBALS))
        stack.push(options.unsafe)
        var paths = options.libPaths
        if let scripts = options.scriptsDirectory, FileManager.default.fileExists(atPath: scripts) {
            paths.append(scripts)
        }
        stack.push(strings: paths)
        if lua_pcallk(state, 3, 4, 0, 0, nil) != LUA_OK {
            let message = stack.string(at: -1) ?? "unknown error"
            stack.pop()
            throw LuaError(kind: .io, message: "cannot initialise the Lua environment: \(message)")
        }
        lua_setfield(state, luaRegistryIndex, Self.renderKey)
        loadedRef = luaL_ref(state, luaRegistryIndex)
        lua_setfield(state, luaRegistryIndex, Self.listMetatableKey)
        envRef = luaL_ref(state, luaRegistryIndex)
    }

    /// Compiles the prelude with the real globals as its environment.
    private func loadPrelude() throws {
        let status = compile(Array(Prelude.source.utf8), chunkName: Prelude.chunkName, mode: "t")
        if status != LUA_OK {
            let message = stack.string(at: -1) ?? "cannot load"
            stack.pop()
            throw LuaError(kind: .syntax, message: message)
        }
    }

    /// Binds every module: a table per module in the environment (and `require`'s cache), globals
    /// for `_G`, and a weak function -> name table for `help`.
    private func bindModules() {
        let L = state
        stack.ensure(8)
        // The original `next`, for `__pairs` of Swift objects (scripts may replace the global).
        lua_rawgeti(L, luaRegistryIndex, lua_Integer(LUA_RIDX_GLOBALS))
        stack.getField("next", inTableAt: -1)
        lua_setfield(L, luaRegistryIndex, Self.nextKey)
        stack.pop()
        // help names: weak keys, so documented functions can be found by identity.
        lua_createtable(L, 0, 64)
        lua_createtable(L, 0, 1)
        stack.push("k")
        stack.setField("__mode", inTableAt: -2)
        lua_setmetatable(L, -2)
        let names = stack.top
        lua_rawgeti(L, luaRegistryIndex, lua_Integer(envRef))
        let env = stack.top
        lua_rawgeti(L, luaRegistryIndex, lua_Integer(LUA_RIDX_GLOBALS))
        let globals = stack.top
        lua_rawgeti(L, luaRegistryIndex, lua_Integer(loadedRef))
        let loaded = stack.top
        for module in options.modules {
            let isGlobals = module.name == LuaModule.globalsName
            let table: Int32
            if isGlobals {
                table = env
            } else {
                lua_createtable(L, 0, Int32(module.functions.count))
                table = stack.top
            }
            for function in module.functions {
                let qualified = module.qualifiedName(function)
                stack.push(function: qualified, function.body)
                stack.pushValue(at: -1)
                stack.setField(function.name, inTableAt: table)
                if isGlobals && env != globals {
                    stack.pushValue(at: -1)
                    stack.setField(function.name, inTableAt: globals)
                }
                stack.push(qualified)
                lua_rawset(L, names)
            }
            if !isGlobals {
                module.install?(stack)
                stack.setTop(table)
                stack.pushValue(at: table)
                stack.push(module.name)
                lua_rawset(L, names)
                stack.pushValue(at: table)
                stack.setField(module.name, inTableAt: env)
                if env != globals {
                    stack.pushValue(at: table)
                    stack.setField(module.name, inTableAt: globals)
                }
                stack.pushValue(at: table)
                stack.setField(module.name, inTableAt: loaded)
                stack.pop()
            }
        }
        stack.setTop(names)
        lua_setfield(L, luaRegistryIndex, Self.helpNamesKey)
        stack.setTop(names - 1)
    }

    /// `luaL_loadbufferx` (protected by Lua itself); pushes the function or an error message.
    private func compile(_ bytes: [UInt8], chunkName: String, mode: String) -> Int32 {
        let buffer = bytes.isEmpty ? [0] : bytes
        return buffer.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { chars in
                luaL_loadbufferx(state, chars.baseAddress, bytes.count, chunkName, mode)
            }
        }
    }

    @discardableResult
    func withGrace<T>(_ body: () throws -> T) throws -> T {
        dl_grace_enter(runtime)
        defer { dl_grace_leave(runtime) }
        return try body()
    }

    func withGraceNoThrow(_ body: () -> Void) {
        dl_grace_enter(runtime)
        defer { dl_grace_leave(runtime) }
        body()
    }

    private static let writer: dl_write_fn = { context, text, length in
        guard let context, let text else { return }
        let engine = Unmanaged<LuaEngine>.fromOpaque(context).takeUnretainedValue()
        let buffer = UnsafeRawBufferPointer(start: text, count: length)
        engine.options.output(String(decoding: buffer, as: UTF8.self))
    }
}
