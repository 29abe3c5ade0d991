import CLua
import CLuaShim

/// Hooks for the interactive REPL (target DatelineREPL): keeping the values a line returned as live
/// Lua values, and raw (metamethod-free) access to the environment for printing and completion.
extension LuaEngine {
    static let replStoreKey = "dateline.repl.store"

    /// Makes `evaluate(line:)` keep the values each line returns in the REPL store (field `last`, a
    /// `table.pack` result) instead of converting them with `tostring`, so the REPL can print them
    /// without running metamethods. `evaluate` then returns `.values([])`. Idempotent.
    public func keepEvaluationResults() {
        withGraceNoThrow {
            stack.ensure(8)
            let base = stack.top
            defer { stack.setTop(base) }
            if lua_getfield(state, luaRegistryIndex, Self.replStoreKey) == LUA_TTABLE { return }
            stack.pop()
            // The store doubles as the _ENV of the capture function: `last` lands in it, and `pack`
            // is read from it (so scripts replacing table.pack do not change how results are kept).
            lua_createtable(state, 0, 4)
            let store = stack.top
            lua_rawgeti(state, luaRegistryIndex, lua_Integer(LUA_RIDX_GLOBALS))
            guard stack.getField("table", inTableAt: -1) == LUA_TTABLE,
                  stack.getField("pack", inTableAt: -1) == LUA_TFUNCTION
            else { return }
            stack.setField("pack", inTableAt: store)
            let source = Array("local f = ...; last = nil; last = pack(f())".utf8)
            let status = source.withUnsafeBufferPointer { raw in
                raw.withMemoryRebound(to: CChar.self) { chars in
                    luaL_loadbufferx(state, chars.baseAddress, chars.count, "=repl", "t")
                }
            }
            guard status == LUA_OK else { return }
            stack.pushValue(at: store)
            if lua_setupvalue(state, -2, 1) == nil { stack.pop() }
            lua_setfield(state, luaRegistryIndex, Self.renderKey)
            stack.pushValue(at: store)
            lua_setfield(state, luaRegistryIndex, Self.replStoreKey)
        }
    }

    /// Calls `body` with the REPL store table pushed (its index passed). Fields: `last` (the packed
    /// results of the latest evaluation, `n` = count). The REPL may keep its own fields there too.
    /// Returns nil when `keepEvaluationResults()` was not called. The stack is restored afterwards.
    public func withREPLStore<T>(_ body: (LuaStack, Int32) throws -> T) rethrows -> T? {
        dl_grace_enter(runtime)
        defer { dl_grace_leave(runtime) }
        stack.ensure(8)
        let base = stack.top
        defer { stack.setTop(base) }
        guard lua_getfield(state, luaRegistryIndex, Self.replStoreKey) == LUA_TTABLE else { return nil }
        return try body(stack, stack.top)
    }

    /// The documented name ("text.tokens") of the function at `index`, found by identity (raw).
    public func documentedName(ofFunctionAt index: Int32) -> String? {
        let index = stack.absolute(index)
        guard stack.type(at: index) == LUA_TFUNCTION else { return nil }
        dl_grace_enter(runtime)
        defer { dl_grace_leave(runtime) }
        stack.ensure(4)
        defer { stack.pop() }
        guard lua_getfield(state, luaRegistryIndex, Self.helpNamesKey) == LUA_TTABLE else { return nil }
        lua_pushvalue(state, index)
        lua_rawget(state, -2)
        defer { stack.pop() }
        return stack.string(at: -1)
    }

    /// The type name of a Dateline object (a `LuaObjectType` userdata, e.g. "Article") at `index`,
    /// checked by metatable identity, or nil for any other value. Raw: no metamethod runs.
    public func objectTypeName(at index: Int32) -> String? {
        let index = stack.absolute(index)
        guard stack.type(at: index) == LUA_TUSERDATA else { return nil }
        stack.ensure(4)
        let base = stack.top
        defer { stack.setTop(base) }
        guard lua_getmetatable(state, index) != 0 else { return nil }
        let meta = stack.top
        guard stack.getField("__metatable", inTableAt: meta) == LUA_TSTRING, let name = stack.string(at: -1) else { return nil }
        guard lua_getfield(state, luaRegistryIndex, "dateline.object." + name) == LUA_TTABLE,
              lua_rawequal(state, -1, meta) != 0
        else { return nil }
        return name
    }

    /// Reads `keys` of the Dateline object at `index` through its own Swift `__index` (never a Lua
    /// function), converted raw to `LuaValue`s; missing or failing fields are left out. Dateline
    /// objects only (see `objectTypeName(at:)`), so no script code can run.
    public func objectFields(at index: Int32, keys: [String]) -> [String: LuaValue] {
        let index = stack.absolute(index)
        guard objectTypeName(at: index) != nil else { return [:] }
        dl_grace_enter(runtime)
        defer { dl_grace_leave(runtime) }
        do {
            stack.ensure(8)
            let base = stack.top
            defer { stack.setTop(base) }
            guard lua_getmetatable(state, index) != 0 else { return [:] }
            let meta = stack.top
            guard stack.getField("__index", inTableAt: meta) == LUA_TFUNCTION, lua_iscfunction(state, -1) != 0 else { return [:] }
            let indexFunction = stack.top
            var fields: [String: LuaValue] = [:]
            for key in keys {
                lua_pushvalue(state, indexFunction)
                lua_pushvalue(state, index)
                stack.push(key)
                if lua_pcallk(state, 2, 1, 0, 0, nil) == LUA_OK {
                    let value = stack.value(at: -1, maxDepth: 2)
                    if value != .nil { fields[key] = value }
                }
                stack.setTop(indexFunction)
            }
            return fields
        }
    }

    /// Field names of the Dateline object at `index`, from its own Swift `__pairs` (empty when the
    /// type has none). Like `objectFields`, never runs script code.
    public func objectFieldNames(at index: Int32) -> [String] {
        let index = stack.absolute(index)
        guard objectTypeName(at: index) != nil else { return [] }
        dl_grace_enter(runtime)
        defer { dl_grace_leave(runtime) }
        do {
            stack.ensure(8)
            let base = stack.top
            defer { stack.setTop(base) }
            guard lua_getmetatable(state, index) != 0 else { return [] }
            guard stack.getField("__pairs", inTableAt: -1) == LUA_TFUNCTION, lua_iscfunction(state, -1) != 0 else { return [] }
            lua_pushvalue(state, index)
            guard lua_pcallk(state, 1, 3, 0, 0, nil) == LUA_OK, stack.type(at: -2) == LUA_TTABLE else { return [] }
            let table = stack.absolute(-2)
            var names: [String] = []
            lua_pushnil(state)
            while lua_next(state, table) != 0 {
                if let key = stack.string(at: -2) { names.append(key) }
                stack.pop()
            }
            return names.sorted()
        }
    }
}
