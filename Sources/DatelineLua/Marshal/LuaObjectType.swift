import CLua
import CLuaShim

/// A Swift class exposed to Lua as full userdata with a shared metatable: the object is retained
/// (`Unmanaged`) by the userdata and released by `__gc`.
///
/// Fields are lazy: `__index` first looks in the userdata's own cache table, then asks `field`,
/// and caches non-nil answers when `cachesFields` is set. Methods (`obj:name(...)`) are looked up
/// before fields. The metatable is created on first push in each state.
///
///     let articleType = LuaObjectType<ArticleBox>(name: "Article")
///     articleType.field = { call, article, key in ...push...; return true }
///     articleType.tostring = { "Article(\($0.id))" }
///     articleType.push(box, on: call.stack)
public final class LuaObjectType<Object: AnyObject> {
    /// Shown by `tostring` fallback and `__name`; also the metatable's registry key suffix.
    public let name: String
    /// Registry key of the metatable.
    public var metatableName: String { "dateline.object." + name }
    /// Methods called with `obj:method(...)`; the object is argument 1.
    public var methods: [String: (LuaCall, Object) throws -> Int32] = [:]
    /// Pushes the value of field `key` and returns true, or returns false for "no such field" (nil).
    public var field: ((LuaCall, Object, String) throws -> Bool)?
    /// Whether field values are cached in the userdata after the first lookup.
    public var cachesFields = true
    public var tostring: ((Object) -> String)?
    public var equals: ((Object, Object) -> Bool)?
    public var length: ((Object) -> Int)?
    /// Key/value pairs for `pairs(obj)` (iterated over a snapshot table).
    public var pairs: ((Object) -> [(String, LuaValue)])?

    public init(name: String) {
        self.name = name
    }

    /// Pushes `object` as a userdata of this type; returns false (pushing nil) if it could not.
    @discardableResult
    public func push(_ object: Object, on stack: LuaStack) -> Bool {
        stack.ensure(4)
        registerIfNeeded(stack)
        let box = Unmanaged.passRetained(object as AnyObject).toOpaque()
        if dl_push_object(stack.state, box, metatableName) == 0 {
            Unmanaged<AnyObject>.fromOpaque(box).release()
            stack.pushNil()
            return false
        }
        return true
    }

    /// The object at `index` if it is a userdata of this type (never raises).
    public func object(at index: Int32, on stack: LuaStack) -> Object? {
        guard let box = dl_to_object(stack.state, index, metatableName) else { return nil }
        return Unmanaged<AnyObject>.fromOpaque(box).takeUnretainedValue() as? Object
    }

    /// The object argument `index` of `call`, or a "bad argument" error.
    public func check(_ call: LuaCall, _ index: Int32) throws -> Object {
        guard let object = object(at: index, on: call.stack) else {
            throw call.typeError(index, expected: name)
        }
        return object
    }

    private func registerIfNeeded(_ stack: LuaStack) {
        let L = stack.state
        guard luaL_newmetatable(L, metatableName) != 0 else {
            stack.pop()
            return
        }
        let meta = stack.top
        lua_pushcclosure(L, dl_box_gc, 0)
        stack.setField("__gc", inTableAt: meta)
        stack.push(name)
        stack.setField("__metatable", inTableAt: meta)

        // Methods are bound once per state, in a table the __index function consults first.
        lua_createtable(L, 0, Int32(methods.count))
        let methodTable = stack.top
        for (methodName, method) in methods {
            stack.push(function: "\(name):\(methodName)") { call in
                try method(call, try self.check(call, 1))
            }
            stack.setField(methodName, inTableAt: methodTable)
        }
        let methodsRef = luaL_ref(L, luaRegistryIndex)

        stack.push(function: "\(name).__index") { call in
            try self.index(call, methodsRef: methodsRef)
        }
        stack.setField("__index", inTableAt: meta)

        stack.push(function: "\(name).__tostring") { call in
            let object = try self.check(call, 1)
            let text = self.tostring?(object) ?? "\(self.name)"
            call.stack.push(text)
            return 1
        }
        stack.setField("__tostring", inTableAt: meta)

        if let equals {
            stack.push(function: "\(name).__eq") { call in
                guard let a = self.object(at: 1, on: call.stack), let b = self.object(at: 2, on: call.stack) else {
                    return call.returning(false)
                }
                return call.returning(.bool(a === b || equals(a, b)))
            }
            stack.setField("__eq", inTableAt: meta)
        }
        if let length {
            stack.push(function: "\(name).__len") { call in
                call.returning(.int(length(try self.check(call, 1))))
            }
            stack.setField("__len", inTableAt: meta)
        }
        if let pairs {
            stack.push(function: "\(name).__pairs") { call in
                let entries = pairs(try self.check(call, 1))
                lua_getfield(call.stack.state, luaRegistryIndex, LuaEngine.nextKey)
                lua_createtable(call.stack.state, 0, Int32(entries.count))
                for (key, value) in entries {
                    call.stack.push(value)
                    call.stack.setField(key, inTableAt: -2)
                }
                call.stack.pushNil()
                return 3
            }
            stack.setField("__pairs", inTableAt: meta)
        }
        stack.setTop(meta - 1)
    }

    private func index(_ call: LuaCall, methodsRef: Int32) throws -> Int32 {
        let object = try check(call, 1)
        let L = call.stack.state
        guard let key = call.stack.string(at: 2) else { return call.returning(.nil) }
        lua_rawgeti(L, luaRegistryIndex, lua_Integer(methodsRef))
        if call.stack.getField(key, inTableAt: -1) != LUA_TNIL { return 1 }
        call.stack.pop(2)
        // Cached field?
        let hasCache = lua_getiuservalue(L, 1, 1) == LUA_TTABLE
        if hasCache {
            if call.stack.getField(key, inTableAt: -1) != LUA_TNIL { return 1 }
            call.stack.pop()
        }
        let cacheIndex = call.stack.top
        guard let field, try field(call, object, key) else { return call.returning(.nil) }
        if cachesFields {
            if !hasCache {
                lua_createtable(L, 0, 8)
                lua_copy(L, -1, cacheIndex)
                call.stack.pop()
                lua_pushvalue(L, cacheIndex)
                lua_setiuservalue(L, 1, 1)
            }
            call.stack.pushValue(at: -1)
            call.stack.setField(key, inTableAt: cacheIndex)
        }
        return 1
    }
}
