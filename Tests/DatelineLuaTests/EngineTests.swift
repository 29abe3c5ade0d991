import XCTest
@testable import DatelineLua
import DatelineTestSupport

/// Errors, limits, tracebacks and reuse of one engine after each failure.
final class EngineTests: XCTestCase {
    func testPrintGoesToSink() throws {
        let (engine, output) = try makeEngine()
        try engine.run(code: "print('a', 1, nil, true) print()")
        XCTAssertEqual(output.text, "a\t1\tnil\ttrue\n\n")
    }

    func testReturnValuesAreConverted() throws {
        let (engine, _) = try makeEngine()
        let values = try engine.run(code: "return 1, 2.5, 'x', {1, 2}, {a = true}, nil, print")
        XCTAssertEqual(values, [1, 2.5, "x", [1, 2], ["a": true], .nil, .opaque("function")])
    }

    func testScriptFileArgsAndTraceback() throws {
        let dir = try makeTemporaryDirectory("dateline-lua")
        let path = dir.appendingPathComponent("script.lua").path
        try """
        local function check(n)
          if n > 1 then error("too many: " .. n) end
        end
        assert(arg[0] == ...  or true)
        print(arg[0] == "\(path)", arg[1], arg[2], select("#", ...))
        check(#arg)
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let (engine, output) = try makeEngine()
        XCTAssertNoThrow(try engine.run(file: path, arguments: ["one"]))
        XCTAssertEqual(output.text, "true\tone\tnil\t1\n")
        do {
            try engine.run(file: path, arguments: ["one", "two"])
            XCTFail("expected an error")
        } catch let error as LuaError {
            XCTAssertEqual(error.kind, .script)
            // Lua shortens long chunk names to 60 bytes ("...dir/script.lua").
            XCTAssertTrue(error.message.hasSuffix("/script.lua:2: too many: 2"), error.message)
            let traceback = error.traceback ?? ""
            XCTAssertTrue(traceback.hasPrefix("stack traceback:"), traceback)
            XCTAssertTrue(traceback.contains("/script.lua:2: in "), traceback)
            XCTAssertTrue(traceback.contains("/script.lua:6: in main chunk"), traceback)
        }
    }

    func testShebangLineIsSkipped() throws {
        let path = try makeTemporaryDirectory("dateline-lua").appendingPathComponent("tool.lua").path
        try "#!/usr/bin/env dateline run\nreturn 1 +\n  nil".write(toFile: path, atomically: true, encoding: .utf8)
        let (engine, _) = try makeEngine()
        XCTAssertThrowsError(try engine.run(file: path)) { error in
            XCTAssertTrue((error as? LuaError)?.message.hasSuffix("tool.lua:2: attempt to perform arithmetic on a nil value") ?? false, "\(error)")
        }
    }

    func testMissingFile() throws {
        let (engine, _) = try makeEngine()
        XCTAssertThrowsError(try engine.run(file: "/nonexistent/x.lua")) { error in
            XCTAssertEqual((error as? LuaError)?.kind, .io)
            XCTAssertEqual((error as? LuaError)?.message, "cannot open /nonexistent/x.lua: no such file")
        }
    }

    func testSyntaxError() throws {
        let (engine, _) = try makeEngine()
        let error = engine.failure("x = = 1")
        XCTAssertEqual(error?.kind, .syntax)
        XCTAssertEqual(error?.message, "(command line):1: unexpected symbol near '='")
    }

    func testNonStringErrorValues() throws {
        let (engine, _) = try makeEngine()
        XCTAssertEqual(engine.failure("error({})")?.message, "(error object is a table value)")
        XCTAssertEqual(engine.failure("error(nil)")?.message, "(error object is a nil value)")
        XCTAssertEqual(engine.failure("error(42)")?.message, "42")
        XCTAssertEqual(engine.failure("error(setmetatable({}, {__tostring = function() return 'custom' end}))")?.message, "custom")
        XCTAssertEqual(engine.failure("error(setmetatable({}, {__tostring = function() error('bad') end}))")?.kind, .script)
        XCTAssertEqual(try engine.value("return 1 + 1"), 2)
    }

    func testErrorValuesSurviveScriptPcall() throws {
        let (engine, _) = try makeEngine()
        XCTAssertEqual(try engine.value("local ok, e = pcall(error, {code = 7}) return e.code"), 7)
    }

    func testTimeoutStopsInfiniteLoopAndEngineRecovers() throws {
        let (engine, _) = try makeEngine { $0.timeout = 0.2 }
        let error = engine.failure("while true do end")
        XCTAssertEqual(error?.kind, .timeout)
        XCTAssertEqual(error?.message, "time limit of 0.2 s exceeded")
        XCTAssertTrue(error?.traceback?.contains("(command line):1:") ?? false, error?.traceback ?? "")
        XCTAssertEqual(try engine.value("return 'alive'"), "alive")
        // A second run gets its own full time budget.
        XCTAssertEqual(engine.failure("local i = 0 while true do i = i + 1 end")?.kind, .timeout)
    }

    func testTimeoutCannotBeCaughtByPcall() throws {
        let (engine, _) = try makeEngine { $0.timeout = 0.2 }
        let error = engine.failure("while true do pcall(function() while true do end end) end")
        XCTAssertEqual(error?.kind, .timeout)
        XCTAssertEqual(engine.failure("local n = 0 while true do n = n + 1; pcall(error, 'x') end")?.kind, .timeout)
    }

    func testTimeoutInsideCoroutines() throws {
        let (engine, _) = try makeEngine { $0.timeout = 0.2 }
        XCTAssertEqual(engine.failure("coroutine.resume(coroutine.create(function() while true do end end)) while true do end")?.kind, .timeout)
        XCTAssertEqual(engine.failure("local f = coroutine.wrap(function() while true do end end) f()")?.kind, .timeout)
        XCTAssertEqual(try engine.value("return 3"), 3)
    }

    func testTimeoutInsideListCallback() throws {
        let (engine, _) = try makeEngine { $0.timeout = 0.2 }
        XCTAssertEqual(engine.failure("text.tokens('a b'):map(function() while true do end end)")?.kind, .timeout)
    }

    func testInterruptFromAnotherThread() throws {
        let (engine, _) = try makeEngine()
        let stopper = Thread { Thread.sleep(forTimeInterval: 0.2); engine.interrupt() }
        stopper.start()
        let error = engine.failure("while true do end")
        XCTAssertEqual(error?.kind, .interrupted)
        XCTAssertEqual(error?.message, "interrupted")
        XCTAssertEqual(try engine.value("return 'again'"), "again")
    }

    func testInterruptSignalStopsScript() throws {
        let (engine, _) = try makeEngine { $0.handlesInterruptSignal = true }
        let stopper = Thread { Thread.sleep(forTimeInterval: 0.2); kill(getpid(), SIGINT) }
        stopper.start()
        XCTAssertEqual(engine.failure("while true do end")?.kind, .interrupted)
        XCTAssertEqual(try engine.value("return 1"), 1)
    }

    func testMemoryLimitStopsBombAndEngineRecovers() throws {
        let (engine, _) = try makeEngine { $0.maxMemory = 16 * 1_048_576 }
        let error = engine.failure("local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(64) .. i end")
        XCTAssertEqual(error?.kind, .memory)
        XCTAssertEqual(error?.message, "memory limit of 16 MB exceeded")
        XCTAssertEqual(engine.failure("local s = 'x' while true do s = s .. s end")?.kind, .memory)
        XCTAssertEqual(try engine.value("return #('y'):rep(1000)"), 1000)
        XCTAssertLessThan(engine.memoryUsed, 16 * 1_048_576)
    }

    func testMemoryLimitInsideSwiftFunction() throws {
        // The Swift function's results are allowed past the limit; the error is raised once it returns.
        let (engine, _) = try makeEngine { $0.maxMemory = 4 * 1_048_576 }
        let error = engine.failure("local s = ('ab '):rep(600000) local t = text.tokens(s) return #t")
        XCTAssertEqual(error?.kind, .memory)
        XCTAssertEqual(try engine.value("return #text.tokens('a b c')"), 3)
    }

    func testEngineUsableFromSwiftWhileMemoryIsFull() throws {
        // The script fills memory up to the limit, catches the error and keeps the data alive.
        let (engine, _) = try makeEngine { $0.maxMemory = 8 * 1_048_576 }
        let values = try engine.run(code: """
        hoard = {}
        local ok, err = pcall(function() while true do hoard[#hoard + 1] = ('x'):rep(200) .. #hoard end end)
        -- Then small allocations only (a linked list), to fill the last bytes.
        pcall(function() while true do chain = {chain} end end)
        return ok, err
        """)
        XCTAssertEqual(values, [false, "not enough memory"])
        // Swift-side stack work allocates past the limit in grace mode instead of raising (no panic),
        // even with a limit below what is already in use.
        engine.setMemoryLimit(1)
        XCTAssertEqual(engine.global("a_global_name_never_seen_before_\(UUID().uuidString)"), .nil)
        engine.setGlobal("another_fresh_name_\(UUID().uuidString)", .string(String(repeating: "y", count: 1000)))
        XCTAssertFalse(engine.completions(prefix: "some_prefix_\(UUID().uuidString)").count > 0)
        XCTAssertEqual(engine.failure("return {}")?.kind, .memory)
        engine.setMemoryLimit(8 * 1_048_576)
        XCTAssertEqual(engine.failure("local t = {} for i = 1, 1e6 do t[i] = i .. 'z' end")?.kind, .memory)
        XCTAssertEqual(try engine.value("hoard = nil chain = nil return 'freed'"), "freed")
        XCTAssertEqual(try engine.value("local t = {} for i = 1, 1000 do t[i] = i .. 'z' end return #t"), 1000)
    }

    func testDeepRecursion() throws {
        let (engine, _) = try makeEngine()
        let error = engine.failure("local function f(n) return 1 + f(n + 1) end return f(1)")
        XCTAssertEqual(error?.kind, .script)
        XCTAssertTrue(error?.message.contains("stack overflow") ?? false, error?.message ?? "")
        XCTAssertEqual(try engine.value("return 'fine'"), "fine")
    }

    func testErrorsInsideMapCallback() throws {
        let (engine, _) = try makeEngine()
        let error = engine.failure("""
        local words = text.tokens("a b c")
        return words:map(function(w)
          if w == "b" then error("no b allowed") end
          return w
        end)
        """)
        XCTAssertEqual(error?.kind, .script)
        XCTAssertEqual(error?.message, "(command line):3: no b allowed")
        XCTAssertTrue(error?.traceback?.contains("(command line):3: in ") ?? false, error?.traceback ?? "")
        XCTAssertEqual(try engine.value("return #text.tokens('x y')"), 2)
    }

    func testListMethods() throws {
        let (engine, _) = try makeEngine()
        XCTAssertEqual(try engine.value("return text.tokens('d b a c'):sort_by(function(w) return w end)"), ["a", "b", "c", "d"])
        XCTAssertEqual(try engine.value("return text.tokens('d b a c'):sort_by(function(w) return w end, true):take(2)"), ["d", "c"])
        XCTAssertEqual(try engine.value("return text.tokens('aa b ccc'):filter(function(w) return #w > 1 end)"), ["aa", "ccc"])
        XCTAssertEqual(try engine.value("return text.tokens('aa b ccc'):find(function(w) return #w == 1 end)"), "b")
        XCTAssertEqual(try engine.value("local n = 0 text.tokens('a b'):each(function() n = n + 1 end) return n"), 2)
        XCTAssertEqual(try engine.value("return text.match('x1 y22', [[\\w(\\d+)]]):sort_by('text', true):map(function(m) return m.text end):join('/')"), "y22/x1")
        XCTAssertEqual(try engine.value("return getmetatable(text.tokens('a'))"), "list")
        XCTAssertEqual(engine.failure("text.tokens('a'):map(5)")?.message, "(command line):1: bad argument #1 to 'map' (function expected, got number)")
    }

    func testEvaluateForRepl() throws {
        let (engine, output) = try makeEngine()
        XCTAssertEqual(try engine.evaluate(line: "1 + 2"), .values(["3"]))
        XCTAssertEqual(try engine.evaluate(line: "x = 10"), .values([]))
        XCTAssertEqual(try engine.evaluate(line: "x, 'a', nil"), .values(["10", "a", "nil"]))
        XCTAssertEqual(try engine.evaluate(line: "for i = 1, 3 do"), .incomplete)
        XCTAssertEqual(try engine.evaluate(line: "for i = 1, 2 do\nprint(i)\nend"), .values([]))
        XCTAssertEqual(output.text, "1\n2\n")
        XCTAssertThrowsError(try engine.evaluate(line: "x = = 2")) { error in
            XCTAssertEqual((error as? LuaError)?.kind, .syntax)
        }
        XCTAssertThrowsError(try engine.evaluate(line: "error('e')")) { error in
            XCTAssertEqual((error as? LuaError)?.message, "stdin:1: e")
        }
        XCTAssertEqual(try engine.evaluate(line: "setmetatable({}, {__tostring = function() return 'T' end})"), .values(["T"]))
        XCTAssertEqual(engine.stack.top, 0)
    }

    func testEvaluateResultsCarryValues() throws {
        let (engine, _) = try makeEngine()
        let results = try engine.evaluateResults(line: "{1, 2}, 'x', nil")
        XCTAssertEqual(results?.map(\.value), [[1, 2], "x", .nil])
        XCTAssertEqual(results?.dropFirst().map(\.display), ["x", "nil"])
        XCTAssertTrue(results?.first?.display.hasPrefix("table: ") ?? false)
        XCTAssertNil(try engine.evaluateResults(line: "if true then"))
        XCTAssertEqual(try engine.evaluateResults(line: "y = 1"), [])
    }

    func testEvaluateRenderingIsLimited() throws {
        let (engine, _) = try makeEngine { $0.timeout = 0.2 }
        XCTAssertThrowsError(try engine.evaluate(line: "setmetatable({}, {__tostring = function() while true do end end})")) { error in
            XCTAssertEqual((error as? LuaError)?.kind, .timeout)
        }
        XCTAssertEqual(try engine.evaluate(line: "'ok'"), .values(["ok"]))
    }

    func testGlobals() throws {
        let (engine, _) = try makeEngine()
        engine.setGlobal("limit", 5)
        XCTAssertEqual(try engine.value("return limit * 2"), 10)
        try engine.run(code: "answer = 42")
        XCTAssertEqual(engine.global("answer"), 42)
    }

    func testStackIsBalancedAfterManyRuns() throws {
        let (engine, _) = try makeEngine { $0.timeout = 5 }
        for i in 0..<50 {
            _ = try? engine.run(code: i % 2 == 0 ? "return 1" : "error('x')")
        }
        XCTAssertEqual(engine.stack.top, 0)
    }
}
