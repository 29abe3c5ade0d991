import XCTest
@testable import DatelineLua
import DatelineTestSupport

/// A Swift object exposed to Lua in the tests; counts live instances and field lookups.
final class Probe {
    nonisolated(unsafe) static var live = 0
    let name: String
    var lookups = 0
    init(name: String) { self.name = name; Probe.live += 1 }
    deinit { Probe.live -= 1 }
}

/// A test module using the registry like the corpus/stats/report modules will.
enum ProbeModule {
    static let type: LuaObjectType<Probe> = {
        let type = LuaObjectType<Probe>(name: "Probe")
        type.field = { call, probe, key in
            probe.lookups += 1
            switch key {
            case "name": call.stack.push(probe.name); return true
            case "lookups": call.stack.push(probe.lookups); return true
            default: return false
            }
        }
        type.methods["greet"] = { call, probe in
            call.returning(.string("hello \(try call.string(2)) from \(probe.name)"))
        }
        type.tostring = { "Probe(\($0.name))" }
        type.equals = { $0.name == $1.name }
        type.length = { $0.name.count }
        type.pairs = { [("name", .string($0.name))] }
        return type
    }()

    static let module = LuaModule(
        name: "probe",
        summary: "Test helpers.",
        functions: [
            LuaFunction("new", signature: "probe.new(name) -> Probe", summary: "A probe object.") { call in
                ProbeModule.type.push(Probe(name: try call.string(1)), on: call.stack)
                return 1
            },
            LuaFunction("apply", signature: "probe.apply(f, ...) -> any", summary: "Calls f from Swift.") { call in
                try call.checkFunction(1)
                let arguments = (2...max(2, call.argumentCount)).map { call.value($0) }
                let results = try call.callFunction(at: 1, with: call.argumentCount >= 2 ? arguments : [], results: 1)
                return call.returning(results.first ?? .nil)
            },
            LuaFunction("fail", signature: "probe.fail()", summary: "Throws a Swift error.") { _ in
                struct Broken: Error, CustomStringConvertible { var description: String { "the disk is on fire" } }
                throw Broken()
            },
        ]
    )
}

final class RegistryTests: XCTestCase {
    private func engineWithProbe() throws -> (LuaEngine, OutputCapture) {
        try makeEngine { $0.modules = LuaModule.all + [ProbeModule.module] }
    }

    func testHelpByFunctionModuleAndName() throws {
        let (engine, output) = try engineWithProbe()
        try engine.run(code: "help(text.tokens)")
        XCTAssertTrue(output.text.hasPrefix("text.tokens(s [, opts]) -> {string}\n  Word tokens of s"), output.text)
        let before = output.text.count
        try engine.run(code: "help('text.kwic')")
        XCTAssertTrue(output.text.dropFirst(before).hasPrefix("text.kwic(s, term [, width]) -> {hit}"), output.text)
        try engine.run(code: "help(text)")
        XCTAssertTrue(output.text.contains("text - Text utilities"), output.text)
        XCTAssertTrue(output.text.contains("  text.fold(s) -> string"), output.text)
        try engine.run(code: "help(probe.new) help(help) help()")
        XCTAssertTrue(output.text.contains("probe.new(name) -> Probe\n  A probe object."), output.text)
        XCTAssertTrue(output.text.contains("help([fn_or_name])"), output.text)
        XCTAssertTrue(output.text.contains("probe - Test helpers."), output.text)
        XCTAssertEqual(engine.failure("help(print)")?.message, "(command line):1: bad argument #1 to 'help' (no documentation for this function; try help())")
        XCTAssertEqual(engine.failure("help('nope')")?.message, "(command line):1: bad argument #1 to 'help' (no documentation for 'nope'; try help())")
    }

    func testDocsFileIsInSync() throws {
        let docs = repositoryRoot.appendingPathComponent("docs/lua-api.md")
        let committed = try String(contentsOf: docs, encoding: .utf8)
        XCTAssertEqual(committed, LuaDocs.markdown(),
                       "docs/lua-api.md is stale: run `dateline docs lua-api --output docs/lua-api.md`")
    }

    func testDocsListEveryFunction() {
        let markdown = LuaDocs.markdown()
        for module in LuaModule.all {
            for function in module.functions {
                XCTAssertTrue(markdown.contains("### `\(function.signature)`"), function.signature)
            }
        }
    }

    func testSwiftCallbackResultsAndErrors() throws {
        let (engine, _) = try engineWithProbe()
        XCTAssertEqual(try engine.value("return probe.apply(function(x) return x * 2 end, 21)"), 42)
        let error = engine.failure("""
        local function inner()
          error("callback failed")
        end
        return probe.apply(inner)
        """)
        XCTAssertEqual(error?.message, "(command line):2: callback failed")
        XCTAssertTrue(error?.traceback?.contains("(command line):2: in ") ?? false, error?.traceback ?? "")
        // A table error value crosses the Swift frame unchanged.
        XCTAssertEqual(try engine.value("local ok, e = pcall(probe.apply, function() error({code = 3}) end) return e.code"), 3)
        XCTAssertEqual(engine.failure("probe.apply(5)")?.message, "(command line):1: bad argument #1 to 'probe.apply' (function expected, got number)")
        XCTAssertEqual(engine.failure("probe.fail()")?.message, "(command line):1: probe.fail: the disk is on fire")
        XCTAssertEqual(try engine.value("return 'ok'"), "ok")
    }

    func testNestedCallbacksAndRecursionThroughSwift() throws {
        let (engine, _) = try engineWithProbe()
        XCTAssertEqual(try engine.value("return probe.apply(function() return probe.apply(function() return 'deep' end) end)"), "deep")
        let error = engine.failure("local function r() return probe.apply(r) end return r()")
        XCTAssertEqual(error?.kind, .script)
        XCTAssertTrue(error?.message.contains("stack overflow") ?? false, error?.message ?? "")
        XCTAssertEqual(try engine.value("return 1"), 1)
    }

    func testTimeoutInsideSwiftCallback() throws {
        let (engine, _) = try makeEngine { $0.timeout = 0.2; $0.modules = LuaModule.all + [ProbeModule.module] }
        XCTAssertEqual(engine.failure("probe.apply(function() while true do end end)")?.kind, .timeout)
        XCTAssertEqual(engine.failure("while true do pcall(probe.apply, function() while true do end end) end")?.kind, .timeout)
        XCTAssertEqual(try engine.value("return 2"), 2)
    }

    func testObjectsAreLazyCachedAndReleased() throws {
        do {
            let (engine, _) = try engineWithProbe()
            let values = try engine.run(code: """
            local p = probe.new("lan")
            local a, b = p.name, p.name
            return a, p.lookups, tostring(p), #p, p == probe.new("lan"), p == probe.new("x"),
                   p:greet("bao"), p.missing, p.missing
            """)
            XCTAssertEqual(values, ["lan", 2, "Probe(lan)", 3, true, false, "hello bao from lan", .nil, .nil])
            XCTAssertEqual(try engine.value("local p = probe.new('k') local t = {} for k, v in pairs(p) do t[#t + 1] = k .. '=' .. v end return t"), ["name=k"])
            XCTAssertEqual(engine.failure("local p = probe.new('z') return p.greet(5, 'x')")?.message,
                           "(command line):1: bad argument #1 to 'Probe:greet' (Probe expected, got number)")
            XCTAssertEqual(try engine.value("return getmetatable(probe.new('m'))"), "Probe")
            try engine.run(code: "for i = 1, 100 do probe.new('tmp' .. i) end collectgarbage = nil")
            XCTAssertGreaterThan(Probe.live, 0)
        }
        XCTAssertEqual(Probe.live, 0, "closing the engine releases every Swift object")
    }

    func testConverterRoundTrip() throws {
        let (engine, _) = try makeEngine()
        let date = Date(timeIntervalSince1970: 86_400)
        engine.setGlobal("v", LuaValue(any: ["n": 1, "d": 2.5, "s": "x", "b": true, "list": [1, 2, 3], "date": date, "none": Optional<Int>.none as Any] as [String: Any]))
        XCTAssertEqual(try engine.value("return v.n, v.d"), 1)
        XCTAssertEqual(try engine.run(code: "return v.n, v.d, v.s, v.b, #v.list, v.date, v.none"),
                       [1, 2.5, "x", true, 3, "1970-01-02T00:00:00Z", .nil])
        XCTAssertEqual(try engine.value("return v.list:map(function(x) return x * 10 end)"), [10, 20, 30])
        // Cycles and deep nesting do not hang the converter.
        let cyclic = try engine.value("local t = {} t.self = t return t")
        XCTAssertEqual(cyclic["self"]["self"].typeName, "table")
        XCTAssertEqual(try engine.value("return {1, nil, 3}"), ["1": 1, "3": 3])
    }

    func testObjectsReleasedByGarbageCollection() throws {
        let (engine, _) = try makeEngine { $0.unsafe = true; $0.modules = LuaModule.all + [ProbeModule.module] }
        let before = Probe.live
        try engine.run(code: "for i = 1, 50 do local p = probe.new('g' .. i) local _ = p.name end")
        try engine.run(code: "collectgarbage() collectgarbage()")
        XCTAssertEqual(Probe.live, before)
    }

    func testObjectAsGlobalFromSwift() throws {
        let (engine, _) = try engineWithProbe()
        engine.withEnvironment { stack, env in
            ProbeModule.type.push(Probe(name: "global"), on: stack)
            stack.setField("current", inTableAt: env)
        }
        XCTAssertEqual(try engine.value("return current.name .. ':' .. tostring(current)"), "global:Probe(global)")
        XCTAssertEqual(engine.stack.top, 0)
    }

    func testListGlobal() throws {
        let (engine, _) = try makeEngine()
        XCTAssertEqual(try engine.value("return list({3, 1, 2}):sort_by(function(x) return x end)"), [1, 2, 3])
        XCTAssertEqual(try engine.value("return #list()"), 0)
        XCTAssertEqual(try engine.value("return list(list({1})):take(1)"), [1])
        XCTAssertEqual(engine.failure("list(setmetatable({}, {}))")?.message,
                       "(command line):1: bad argument #1 to 'list' (table already has a metatable)")
    }

    func testCompletions() throws {
        let (engine, _) = try makeEngine()
        XCTAssertEqual(engine.completions(prefix: "text.to"), ["text.tokens"])
        XCTAssertTrue(engine.completions(prefix: "he").contains("help"))
        XCTAssertEqual(engine.completions(prefix: "nothing.x"), [])
    }

    func testEngineIsNotReentrant() throws {
        let module = LuaModule(name: "nest", summary: "re-entrancy", functions: [
            LuaFunction("run", signature: "nest.run(code)", summary: "Runs code in the same engine.") { call in
                guard let engine = call.engine else { return 0 }
                do {
                    try engine.run(code: try call.string(1))
                } catch let error as LuaError {
                    throw call.error(error.message)
                }
                return 0
            },
        ])
        let (engine, _) = try makeEngine { $0.modules = LuaModule.all + [module] }
        XCTAssertEqual(engine.failure("nest.run('return 1')")?.message,
                       "(command line):1: nest.run: the Lua engine is already running a script (engines are not re-entrant)")
        XCTAssertEqual(try engine.value("return 5"), 5)
    }

    /// Every documented example of the engine's own modules runs (with `body` set to sample text).
    func testDocumentedExamplesRun() throws {
        let (engine, _) = try makeEngine()
        engine.setGlobal("body", "Tổng Bí thư Tô Lâm nói 12 tỷ đồng. To Lam spoke.")
        for module in [LuaModule.globals, LuaModule.text] {
            for function in module.functions {
                guard let example = function.example else { continue }
                XCTAssertNoThrow(try engine.run(code: example, chunkName: module.qualifiedName(function)),
                                 "example of \(module.qualifiedName(function))")
            }
        }
    }
}
