import CLua
import CLuaShim

/// Lua's pseudo-index of the registry (`LUA_REGISTRYINDEX`; the C macro does not import).
let luaRegistryIndex: Int32 = -1_000_000 - 1000

/// Non-raising access to a Lua stack from Swift.
///
/// Only Lua API calls that cannot raise (raw access, pushes under the allocator's grace mode) are
/// used here, so no Lua error ever unwinds through a Swift frame. Anything that may run Lua code
/// (metamethods, `tostring`) goes through the protected helpers of CLuaShim.
///
/// Use a stack only inside a `LuaFunctionBody` (`call.stack`) or `LuaEngine.withEnvironment`: both
/// run in grace mode, where allocations past the memory limit succeed instead of raising. Raw keys
/// must not be nil or NaN (`lua_rawset` would raise); `setField` only takes strings.
public struct LuaStack {
    /// The raw state (`lua_State *`).
    public let state: OpaquePointer

    public init(_ state: OpaquePointer) {
        self.state = state
    }

    /// Index of the top element (= number of elements).
    public var top: Int32 { lua_gettop(state) }

    public func setTop(_ index: Int32) { lua_settop(state, index) }

    public func pop(_ count: Int32 = 1) { lua_settop(state, -count - 1) }

    public func absolute(_ index: Int32) -> Int32 { lua_absindex(state, index) }

    /// Makes room for `extra` slots; false when the stack cannot grow (never raises).
    @discardableResult
    public func ensure(_ extra: Int32) -> Bool { lua_checkstack(state, extra) != 0 }

    public func type(at index: Int32) -> Int32 { lua_type(state, index) }

    /// Lua's name for the type at `index` ("nil", "string", ...), "no value" past the top.
    public func typeName(at index: Int32) -> String {
        let t = lua_type(state, index)
        if t == LUA_TNONE { return "no value" }
        return String(cString: lua_typename(state, t))
    }

    public func isNil(at index: Int32) -> Bool { lua_type(state, index) <= LUA_TNIL }

    // MARK: Reading

    /// The string at `index` if it is a string (numbers are not converted).
    public func string(at index: Int32) -> String? {
        guard lua_type(state, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let pointer = lua_tolstring(state, index, &length) else { return nil }
        let buffer = UnsafeRawBufferPointer(start: pointer, count: length)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The bytes of the string at `index` (strings only).
    public func bytes(at index: Int32) -> [UInt8]? {
        guard lua_type(state, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let pointer = lua_tolstring(state, index, &length) else { return nil }
        return Array(UnsafeRawBufferPointer(start: pointer, count: length))
    }

    public func integer(at index: Int32) -> Int? {
        guard lua_type(state, index) == LUA_TNUMBER else { return nil }
        var ok: Int32 = 0
        let value = lua_tointegerx(state, index, &ok)
        return ok != 0 ? Int(value) : nil
    }

    public func number(at index: Int32) -> Double? {
        guard lua_type(state, index) == LUA_TNUMBER else { return nil }
        return lua_tonumberx(state, index, nil)
    }

    public func bool(at index: Int32) -> Bool { lua_toboolean(state, index) != 0 }

    /// Converts the value at `index` to a `LuaValue` (raw access: metamethods are not called).
    /// Functions, userdata and threads become `.opaque(typeName)`; tables nested deeper than
    /// `maxDepth` too.
    public func value(at index: Int32, maxDepth: Int = 64) -> LuaValue {
        let index = absolute(index)
        switch lua_type(state, index) {
        case LUA_TNIL, LUA_TNONE:
            return .nil
        case LUA_TBOOLEAN:
            return .bool(lua_toboolean(state, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(state, index) != 0 { return .int(Int(lua_tointegerx(state, index, nil))) }
            return .double(lua_tonumberx(state, index, nil))
        case LUA_TSTRING:
            return .string(string(at: index) ?? "")
        case LUA_TTABLE:
            guard maxDepth > 0, ensure(4) else { return .opaque("table") }
            return table(at: index, maxDepth: maxDepth - 1)
        default:
            return .opaque(typeName(at: index))
        }
    }

    private func table(at index: Int32, maxDepth: Int) -> LuaValue {
        let length = Int(lua_rawlen(state, index))
        var entries: [String: LuaValue] = [:]
        var isSequence = length > 0
        lua_pushnil(state)
        while lua_next(state, index) != 0 {
            let key: String
            if lua_type(state, -2) == LUA_TSTRING {
                key = string(at: -2) ?? ""
                isSequence = false
            } else {
                if lua_isinteger(state, -2) == 0 { isSequence = false }
                key = keyDescription(at: -2)
            }
            entries[key] = value(at: -1, maxDepth: maxDepth)
            pop()
        }
        if isSequence && entries.count == length {
            var items: [LuaValue] = []
            items.reserveCapacity(length)
            for i in 1...length {
                guard let item = entries[String(i)] else { return .table(entries) }
                items.append(item)
            }
            return .list(items)
        }
        return .table(entries)
    }

    private func keyDescription(at index: Int32) -> String {
        if lua_type(state, index) == LUA_TNUMBER {
            if lua_isinteger(state, index) != 0 { return String(lua_tointegerx(state, index, nil)) }
            return String(lua_tonumberx(state, index, nil))
        }
        return typeName(at: index)
    }

    // MARK: Writing

    public func pushNil() { lua_pushnil(state) }

    public func push(_ string: String) {
        var string = string
        string.withUTF8 { buffer in
            _ = buffer.withMemoryRebound(to: CChar.self) { chars in
                lua_pushlstring(state, chars.baseAddress, chars.count)
            }
        }
    }

    public func push(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            _ = buffer.withMemoryRebound(to: CChar.self) { chars in
                lua_pushlstring(state, chars.baseAddress, chars.count)
            }
        }
    }

    public func push(_ value: Int) { lua_pushinteger(state, lua_Integer(value)) }
    public func push(_ value: Double) { lua_pushnumber(state, value) }
    public func push(_ value: Bool) { lua_pushboolean(state, value ? 1 : 0) }

    /// Pushes `value`; lists get the shared list metatable (`:map`, `:filter`, ...).
    public func push(_ value: LuaValue) {
        ensure(3)
        switch value {
        case .nil: lua_pushnil(state)
        case .bool(let b): push(b)
        case .int(let i): push(i)
        case .double(let d): push(d)
        case .string(let s): push(s)
        case .opaque: lua_pushnil(state)
        case .list(let items):
            lua_createtable(state, Int32(clamping: items.count), 0)
            for (i, item) in items.enumerated() {
                push(item)
                lua_rawseti(state, -2, lua_Integer(i + 1))
            }
            setListMetatable(-1)
        case .table(let entries):
            lua_createtable(state, 0, Int32(clamping: entries.count))
            for (key, item) in entries {
                push(key)
                push(item)
                lua_rawset(state, -3)
            }
        }
    }

    /// Pushes a sequence of strings as a list.
    public func push(strings: [String]) {
        ensure(3)
        lua_createtable(state, Int32(clamping: strings.count), 0)
        for (i, item) in strings.enumerated() {
            push(item)
            lua_rawseti(state, -2, lua_Integer(i + 1))
        }
        setListMetatable(-1)
    }

    /// Gives the table at `index` the shared list metatable (if the engine installed one).
    public func setListMetatable(_ index: Int32) {
        let index = absolute(index)
        if lua_getfield(state, luaRegistryIndex, LuaEngine.listMetatableKey) == LUA_TTABLE {
            lua_setmetatable(state, index)
        } else {
            pop()
        }
    }

    /// `t[key] = value on top` for the table at `index`, raw (pops the value).
    public func setField(_ key: String, inTableAt index: Int32) {
        let index = absolute(index)
        push(key)
        lua_rotate(state, -2, 1)
        lua_rawset(state, index)
    }

    /// Pushes raw `t[key]` of the table at `index`; returns its type.
    @discardableResult
    public func getField(_ key: String, inTableAt index: Int32) -> Int32 {
        let index = absolute(index)
        push(key)
        return lua_rawget(state, index)
    }

    public func pushValue(at index: Int32) { lua_pushvalue(state, index) }

    public func remove(at index: Int32) {
        lua_rotate(state, index, -1)
        pop()
    }

    public func insert(at index: Int32) { lua_rotate(state, index, 1) }

    /// The display string of the value at `index`, as `tostring` would give (runs `__tostring`
    /// protected; on error returns a description of the failure).
    public func displayString(at index: Int32) -> String {
        let index = absolute(index)
        let status = dl_tostring(state, index)
        defer { pop() }
        if status == LUA_OK { return string(at: -1) ?? "" }
        return "(\(typeName(at: index)): __tostring failed: \(string(at: -1) ?? "error"))"
    }
}
