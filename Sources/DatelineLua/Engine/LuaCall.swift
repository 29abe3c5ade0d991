import CLua
import CLuaShim
import Foundation

/// One call of a Swift function from Lua: typed, non-raising argument checks, result pushing and
/// protected callbacks into Lua functions.
///
/// Argument checks throw `LuaCallError` (never `luaL_check*`, which would longjmp through Swift);
/// the trampoline raises the message once the Swift function has returned.
public struct LuaCall {
    /// The stack holding the arguments at 1...argumentCount; push results on top.
    public let stack: LuaStack
    /// The qualified name used in messages, e.g. `text.tokens`.
    public let name: String
    public let argumentCount: Int32

    public init(state: OpaquePointer, name: String) {
        self.stack = LuaStack(state)
        self.name = name
        self.argumentCount = lua_gettop(state)
    }

    /// The engine running this call (nil only if the state was not created by `LuaEngine`).
    public var engine: LuaEngine? {
        guard let host = dl_host(stack.state) else { return nil }
        return Unmanaged<LuaEngine>.fromOpaque(host).takeUnretainedValue()
    }

    // MARK: Errors

    /// `bad argument #i to 'name' (reason)`.
    public func argumentError(_ index: Int32, _ reason: String) -> LuaCallError {
        .message("bad argument #\(index) to '\(name)' (\(reason))")
    }

    public func typeError(_ index: Int32, expected: String) -> LuaCallError {
        argumentError(index, "\(expected) expected, got \(stack.typeName(at: index))")
    }

    /// A message naming this function: `name: message`.
    public func error(_ message: String) -> LuaCallError {
        .message("\(name): \(message)")
    }

    // MARK: Arguments

    public func isAbsent(_ index: Int32) -> Bool { stack.isNil(at: index) }

    public func string(_ index: Int32) throws -> String {
        if let s = stack.string(at: index) { return s }
        if lua_type(stack.state, index) == LUA_TNUMBER { return numberString(index) }
        throw typeError(index, expected: "string")
    }

    public func optionalString(_ index: Int32) throws -> String? {
        isAbsent(index) ? nil : try string(index)
    }

    public func integer(_ index: Int32) throws -> Int {
        if let i = stack.integer(at: index) { return i }
        if let d = stack.number(at: index) {
            throw argumentError(index, "number has no integer representation: \(d)")
        }
        if let s = stack.string(at: index), let i = Int(s.trimmingCharacters(in: .whitespaces)) { return i }
        throw typeError(index, expected: "integer")
    }

    public func optionalInteger(_ index: Int32) throws -> Int? {
        isAbsent(index) ? nil : try integer(index)
    }

    public func number(_ index: Int32) throws -> Double {
        if let d = stack.number(at: index) { return d }
        if let s = stack.string(at: index), let d = Double(s.trimmingCharacters(in: .whitespaces)) { return d }
        throw typeError(index, expected: "number")
    }

    public func optionalNumber(_ index: Int32) throws -> Double? {
        isAbsent(index) ? nil : try number(index)
    }

    public func bool(_ index: Int32, default defaultValue: Bool = false) -> Bool {
        isAbsent(index) ? defaultValue : stack.bool(at: index)
    }

    /// A table argument as plain data (raw access; metamethods are not called).
    public func table(_ index: Int32) throws -> LuaValue {
        guard lua_type(stack.state, index) == LUA_TTABLE else { throw typeError(index, expected: "table") }
        return stack.value(at: index)
    }

    /// An optional options table (`nil` when absent).
    public func options(_ index: Int32) throws -> LuaOptions {
        if isAbsent(index) { return LuaOptions(values: [:], call: self, index: index) }
        guard case .table(let entries) = try table(index) else {
            // A non-empty sequence is not an options table.
            throw typeError(index, expected: "options table")
        }
        return LuaOptions(values: entries, call: self, index: index)
    }

    /// A sequence of strings (numbers are converted).
    public func strings(_ index: Int32) throws -> [String] {
        guard let items = try table(index).listValue else { throw typeError(index, expected: "list of strings") }
        return try items.enumerated().map { offset, item in
            switch item {
            case .string(let s): return s
            case .int(let i): return String(i)
            case .double(let d): return String(d)
            default:
                throw argumentError(index, "element \(offset + 1) is a \(item.typeName), string expected")
            }
        }
    }

    /// Checks that the argument is callable (a function, or a table/userdata with `__call`).
    public func checkFunction(_ index: Int32) throws {
        let t = lua_type(stack.state, index)
        if t == LUA_TFUNCTION { return }
        if t == LUA_TTABLE || t == LUA_TUSERDATA, luaL_getmetafield(stack.state, index, "__call") != LUA_TNIL {
            stack.pop()
            return
        }
        throw typeError(index, expected: "function")
    }

    public func value(_ index: Int32) -> LuaValue { stack.value(at: index) }

    private func numberString(_ index: Int32) -> String {
        if let i = stack.integer(at: index) { return String(i) }
        return String(stack.number(at: index) ?? 0)
    }

    // MARK: Results

    /// Pushes `values` and returns their count (the usual last line of a function body).
    public func returning(_ values: LuaValue...) -> Int32 {
        for value in values { stack.push(value) }
        return Int32(values.count)
    }

    // MARK: Callbacks

    /// Calls the function at `index` with `arguments` under `lua_pcall` and returns its results.
    /// On a Lua error the error value is left on the stack and `LuaCallError.raised` is thrown:
    /// rethrow it (or let it propagate) so the trampoline re-raises it with its original traceback.
    public func callFunction(at index: Int32, with arguments: [LuaValue], results: Int32 = 1) throws -> [LuaValue] {
        let index = stack.absolute(index)
        guard stack.ensure(Int32(arguments.count) + 4) else { throw error("stack overflow") }
        let base = stack.top
        stack.pushValue(at: index)
        for argument in arguments { stack.push(argument) }
        let status = dl_pcall(stack.state, Int32(arguments.count), results)
        if status != LUA_OK { throw LuaCallError.raised }
        var values: [LuaValue] = []
        let top = stack.top
        if top > base {
            for i in (base + 1)...top { values.append(stack.value(at: i)) }
        }
        stack.setTop(base)
        return values
    }

    /// Like `callFunction`, but pushes the arguments itself with `pushArguments` (returning their
    /// count), e.g. to pass a userdata. Leaves the `results` results on the stack.
    public func callFunction(at index: Int32, results: Int32, pushArguments: () -> Int32) throws {
        let index = stack.absolute(index)
        guard stack.ensure(8) else { throw error("stack overflow") }
        stack.pushValue(at: index)
        let count = pushArguments()
        if dl_pcall(stack.state, count, results) != LUA_OK { throw LuaCallError.raised }
    }
}

/// An options table argument with typed, validated field access.
public struct LuaOptions {
    public let values: [String: LuaValue]
    let call: LuaCall
    let index: Int32

    public subscript(key: String) -> LuaValue { values[key] ?? .nil }

    public func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        switch self[key] {
        case .nil: return defaultValue
        case .bool(let b): return b
        case let other: throw call.argumentError(index, "option '\(key)' must be a boolean, got \(other.typeName)")
        }
    }

    public func string(_ key: String) throws -> String? {
        switch self[key] {
        case .nil: return nil
        case .string(let s): return s
        case let other: throw call.argumentError(index, "option '\(key)' must be a string, got \(other.typeName)")
        }
    }

    public func integer(_ key: String) throws -> Int? {
        let value = self[key]
        if value.isNil { return nil }
        guard let i = value.intValue else {
            throw call.argumentError(index, "option '\(key)' must be an integer, got \(value.typeName)")
        }
        return i
    }

    /// Fails on keys not in `known`, so a typo in an option name is reported instead of ignored.
    public func requireKnown(_ known: Set<String>) throws {
        for key in values.keys.sorted() where !known.contains(key) {
            throw call.argumentError(index, "unknown option '\(key)' (known: \(known.sorted().joined(separator: ", ")))")
        }
    }
}
