/// The Swift implementation of a Lua function: reads its arguments from `call`, pushes its
/// results and returns how many it pushed. Throw `LuaCallError` (or any error) to raise a Lua error.
public typealias LuaFunctionBody = (LuaCall) throws -> Int32

/// One documented function exposed to Lua. The same entry binds the function, generates
/// `docs/lua-api.md` and answers `help()`.
public struct LuaFunction {
    /// Name inside its module, e.g. `tokens`.
    public var name: String
    /// Call shape shown in docs and help, e.g. `text.tokens(s [, opts]) -> {string}`.
    public var signature: String
    /// One line: what it does.
    public var summary: String
    /// Optional longer explanation (Markdown).
    public var details: String?
    /// Optional Lua example.
    public var example: String?
    public var body: LuaFunctionBody

    public init(
        _ name: String, signature: String, summary: String, details: String? = nil, example: String? = nil,
        body: @escaping LuaFunctionBody
    ) {
        self.name = name
        self.signature = signature
        self.summary = summary
        self.details = details
        self.example = example
        self.body = body
    }
}

/// A Lua module (a global table of functions) or, with `name == LuaModule.globalsName`, global functions.
///
/// Adding a module is one file in `Sources/DatelineLua/Modules/` plus its name in `LuaModule.all`:
///
///     extension LuaModule {
///         public static let stats = LuaModule(name: "stats", summary: "Counting and statistics.", functions: [
///             LuaFunction("mean", signature: "stats.mean(xs) -> number", summary: "Arithmetic mean.") { call in
///                 let xs = try call.table(1).listValue ?? []          // argument checks throw, never raise
///                 let sum = xs.compactMap(\.doubleValue).reduce(0, +)
///                 return call.returning(.double(xs.isEmpty ? 0 : sum / Double(xs.count)))
///             },
///         ])
///     }
///
/// Then regenerate `docs/lua-api.md` (`dateline docs lua-api --output docs/lua-api.md`). Settings such
/// as the database path are in `call.engine?.options.settings`; per-engine state (an open corpus) can
/// live in `call.engine?.userInfo`. Lua callbacks: `call.callFunction(at:with:)`; objects: `LuaObjectType`.
public struct LuaModule {
    /// The name of the pseudo-module whose functions are installed as globals.
    public static let globalsName = "_G"

    public var name: String
    public var summary: String
    public var details: String?
    public var functions: [LuaFunction]
    /// Extra setup once the module table is on top of the stack (fields, constants, object types).
    /// Runs under the allocator's grace mode; must not call raising Lua APIs.
    public var install: ((LuaStack) -> Void)?

    public init(
        name: String, summary: String, details: String? = nil, functions: [LuaFunction],
        install: ((LuaStack) -> Void)? = nil
    ) {
        self.name = name
        self.summary = summary
        self.details = details
        self.functions = functions
        self.install = install
    }

    /// `module.function` (or just `function` for globals).
    public func qualifiedName(_ function: LuaFunction) -> String {
        name == LuaModule.globalsName ? function.name : "\(name).\(function.name)"
    }
}

extension LuaModule {
    /// Every module bound into each engine and documented in `docs/lua-api.md`, in doc order.
    /// Add new modules here.
    public static var all: [LuaModule] {
        [.globals, .text, .corpus, .stats, .report]
    }
}
