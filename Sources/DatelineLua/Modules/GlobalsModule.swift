import CLua

extension LuaModule {
    /// Global functions Dateline adds to the sandbox (`help`).
    public static let globals = LuaModule(
        name: LuaModule.globalsName,
        summary: "Global functions added by Dateline.",
        functions: [
            LuaFunction(
                "help",
                signature: "help([fn_or_name])",
                summary: "Prints the documentation of a function, a module, or (without argument) an overview.",
                details: "Accepts a function (`help(text.tokens)`), a module table (`help(text)`) or a name (`help(\"text.tokens\")`).",
                example: "help(text.kwic)\nhelp(\"text\")",
                body: helpBody
            ),
            LuaFunction(
                "list",
                signature: "list([t]) -> list",
                summary: "Gives a table the list methods (:map, :filter, :find, :sort_by, :take, :each, :join); without argument a new empty list.",
                example: "local l = list({3, 1, 2}):sort_by(function(x) return x end)  -- {1, 2, 3}",
                body: listBody
            ),
        ]
    )

    private static func listBody(_ call: LuaCall) throws -> Int32 {
        let stack = call.stack
        stack.ensure(3)
        if call.isAbsent(1) {
            lua_createtable(stack.state, 0, 0)
            stack.setListMetatable(-1)
            return 1
        }
        guard stack.type(at: 1) == LUA_TTABLE else { throw call.typeError(1, expected: "table") }
        if lua_getmetatable(stack.state, 1) != 0 {
            lua_getfield(stack.state, luaRegistryIndex, LuaEngine.listMetatableKey)
            let isList = lua_rawequal(stack.state, -1, -2) != 0
            stack.pop(2)
            if !isList { throw call.argumentError(1, "table already has a metatable") }
        }
        stack.setListMetatable(1)
        stack.setTop(1)
        return 1
    }

    private static func helpBody(_ call: LuaCall) throws -> Int32 {
        guard let engine = call.engine else { throw call.error("no engine") }
        let text: String
        if call.isAbsent(1) {
            text = engine.helpIndex.overview
        } else {
            let name: String
            if let string = call.stack.string(at: 1) {
                name = string
            } else if let found = documentedName(call) {
                name = found
            } else {
                throw call.argumentError(1, "no documentation for this \(call.stack.typeName(at: 1)); try help()")
            }
            guard let found = engine.helpIndex.text(for: name) else {
                throw call.argumentError(1, "no documentation for '\(name)'; try help()")
            }
            text = found
        }
        engine.options.output(text + "\n")
        return 0
    }

    /// The documented name of the function or module table passed as argument 1 (by identity).
    private static func documentedName(_ call: LuaCall) -> String? {
        let stack = call.stack
        let type = stack.type(at: 1)
        guard type == LUA_TFUNCTION || type == LUA_TTABLE else { return nil }
        stack.ensure(3)
        guard lua_getfield(stack.state, luaRegistryIndex, LuaEngine.helpNamesKey) == LUA_TTABLE else {
            stack.pop()
            return nil
        }
        stack.pushValue(at: 1)
        lua_rawget(stack.state, -2)
        let name = stack.string(at: -1)
        stack.pop(2)
        return name
    }
}
