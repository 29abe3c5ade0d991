import CLua
import DatelineLua
import DatelineTestSupport
import XCTest
@testable import DatelineREPL

/// Collects what a session writes.
final class Capture {
    var out = ""
    var err = ""
}

/// A stand-in article type (same object type name as the corpus module's articles).
final class FakeArticle {
    let id: String
    let title: String
    init(id: String, title: String) {
        self.id = id
        self.title = title
    }

    static let type: LuaObjectType<FakeArticle> = {
        let type = LuaObjectType<FakeArticle>(name: "Article")
        type.field = { call, article, key in
            switch key {
            case "id": call.stack.push(article.id)
            case "title": call.stack.push(article.title)
            case "date": call.stack.push("2024-05-0\(article.id.count % 9)")
            case "sources": call.stack.push(strings: ["VNA", "VNS"])
            default: return false
            }
            return true
        }
        type.pairs = { article in [("id", .string(article.id)), ("title", .string(article.title))] }
        return type
    }()
}

/// Drives `REPLSession` in-process with scripted lines (the pseudo-terminal tests are in TerminalTests).
final class SessionTests: XCTestCase {
    private var engines: [LuaEngine] = []

    override func tearDown() {
        engines.removeAll()
        super.tearDown()
    }

    /// Runs `lines` through a fresh non-interactive session; returns the output and the session.
    @discardableResult
    private func run(_ lines: [String], interactive: Bool = false, setup: ((LuaEngine) -> Void)? = nil,
                     entities: [String] = []) throws -> (Capture, REPLSession, ScriptedLineReader) {
        let capture = Capture()
        let output = REPLOutput(standard: { capture.out += $0 }, isTerminal: false)
        var engineOptions = LuaEngineOptions()
        engineOptions.output = output.write
        engineOptions.timeout = 5
        engineOptions.scriptsDirectory = nil
        let engine = try LuaEngine(options: engineOptions)
        engines.append(engine)
        setup?(engine)
        var options = REPLOptions(interactive: false)
        options.standardError = { capture.err += $0 }
        options.corpusDescription = { "corpus: test.sqlite (3 articles)" }
        options.entityNames = { entities }
        let reader = ScriptedLineReader(lines.map(LineInput.line))
        let session = REPLSession(engine: engine, options: options, output: output, reader: reader)
        _ = session.run()
        return (capture, session, reader)
    }

    func testExpressionsStatementsAndNil() throws {
        let (c, _, _) = try run(["1 + 2", "x = 10", "x * 2", "nil", "=x, 'a'", "print('hi')", "2^0.5"])
        XCTAssertEqual(c.out, "3\n20\nnil\n10\t\"a\"\nhi\n1.4142135623731\n")
        XCTAssertEqual(c.err, "")
    }

    func testMultiLineFunctionIsOneEntry() throws {
        let (c, _, reader) = try run(["function double(n)", "  return n * 2", "end", "double(21)"])
        XCTAssertEqual(c.out, "42\n")
        XCTAssertEqual(reader.history, ["function double(n)\n  return n * 2\nend", "double(21)"])
    }

    func testInterruptDropsAHalfTypedEntry() throws {
        let capture = Capture()
        let output = REPLOutput(standard: { capture.out += $0 }, isTerminal: false)
        var engineOptions = LuaEngineOptions()
        engineOptions.output = output.write
        engineOptions.scriptsDirectory = nil
        let engine = try LuaEngine(options: engineOptions)
        engines.append(engine)
        var options = REPLOptions(interactive: false)
        options.standardError = { capture.err += $0 }
        let reader = ScriptedLineReader([.line("function f()"), .line("  return 1"), .interrupted, .line("1 + 1"), .interrupted, .line("f")])
        let status = REPLSession(engine: engine, options: options, output: output, reader: reader).run()
        // The unfinished definition was dropped (f is nil), nothing failed, and the continuation
        // prompt went back to the first prompt after Ctrl-C.
        XCTAssertEqual(capture.out, "2\nnil\n")
        XCTAssertEqual(status, 0)
        XCTAssertEqual(reader.prompts.count, 7)
        XCTAssertEqual(reader.history, ["1 + 1", "f"])
        XCTAssertTrue(capture.err.contains("Ctrl-D or type .quit"), capture.err)
    }

    func testErrorsKeepTheSessionAndShowTraceback() throws {
        let (c, session, _) = try run(["y = 5", "error('boom')", "y"])
        XCTAssertEqual(c.out, "5\n")
        XCTAssertTrue(c.err.contains("stdin:1: boom"), c.err)
        XCTAssertTrue(c.err.contains("stack traceback:"), c.err)
        // The REPL's own wrapper is not in the traceback; the entry is the main chunk.
        XCTAssertTrue(c.err.contains("\tstdin:1: in main chunk"), c.err)
        XCTAssertFalse(c.err.contains("repl:"), c.err)
        XCTAssertEqual(session.failures, 1)
    }

    func testLocalNoteShownOnce() throws {
        let (c, _, _) = try run(["local a = 1", "a", "local b = 2"])
        XCTAssertEqual(c.out, "nil\n")
        XCTAssertEqual(c.err.components(separatedBy: "`local` variables").count, 2, c.err)
    }

    func testTablesSortedNestedAndCycles() throws {
        let (c, _, _) = try run([
            "t = {b = 1, a = {1, 2, {x = true}}, [10] = 'ten', 'first'}",
            "t",
            "t.self = t; t.a[3].up = t.a",
            "t",
        ])
        // Short tables on one line; longer ones one entry per line (100 columns off a terminal).
        XCTAssertEqual(c.out, """
        { "first", [10] = "ten", a = { 1, 2, { x = true } }, b = 1 }
        {
          "first",
          [10] = "ten",
          a = { 1, 2, { up = <cycle: (root).a>, x = true } },
          b = 1,
          self = <cycle: (root)>,
        }

        """)
    }

    func testDepthAndItemLimits() throws {
        let (c, _, _) = try run(["deep = {{{{{1}}}}}", "deep", ".maxrows 3", "big = {} for i = 1, 10 do big[i] = i end", "big", ".last"])
        let lines = c.out.components(separatedBy: "\n")
        XCTAssertEqual(lines[0], "{ { { { {…1 item} } } } }")
        XCTAssertEqual(lines[1], "{ 1, 2, 3, … 7 more }")
        XCTAssertEqual(lines[2], "{ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }")
    }

    func testPrinterRunsNoMetamethods() throws {
        let (c, _, _) = try run([
            "hits = 0",
            "t = setmetatable({real = 1}, {__index = function() hits = hits + 1 return 'x' end, __tostring = function() hits = hits + 1 return 'T' end, __pairs = function() hits = hits + 1 return next, {} end})",
            "t",
            "hits",
        ])
        XCTAssertEqual(c.out, "{ real = 1 }\n0\n")
    }

    func testFunctionsShowDocumentedNames() throws {
        let (c, _, _) = try run(["text.tokens", "function() end"])
        XCTAssertEqual(c.out, "<function text.tokens>\n<function>\n")
    }

    func testArticleCardsAndTables() throws {
        let setup: (LuaEngine) -> Void = { engine in
            engine.withEnvironment { stack, env in
                stack.push(function: "articles") { call in
                    call.stack.push(strings: [])
                    let list = call.stack.top
                    for (i, title) in ["Hà Nội mưa", "Giá vàng tăng"].enumerated() {
                        FakeArticle.type.push(FakeArticle(id: "id\(i + 1)", title: title), on: call.stack)
                        lua_rawseti_(call.stack, list, i + 1)
                    }
                    return 1
                }
                stack.setField("articles", inTableAt: env)
            }
        }
        let (c, _, _) = try run(["articles()[1]", "articles()", ".mode csv", "articles()", ".mode json", "articles()[2]"], setup: setup)
        XCTAssertEqual(c.out, """
        <Article id1> 2024-05-03  VNA,VNS  Hà Nội mưa
        #  id   date        sources  title
        1  id1  2024-05-03  VNA,VNS  Hà Nội mưa
        2  id2  2024-05-03  VNA,VNS  Giá vàng tăng
        id,date,sources,title
        id1,2024-05-03,"VNA,VNS",Hà Nội mưa
        id2,2024-05-03,"VNA,VNS",Giá vàng tăng
        {
          "id": "id2",
          "date": "2024-05-03",
          "sources": ["VNA", "VNS"],
          "title": "Giá vàng tăng"
        }

        """)
    }

    func testModes() throws {
        let (c, _, _) = try run([
            "rows = {{name = 'a', n = 1}, {name = 'b, c', n = 2}}",
            ".mode csv", "rows",
            ".mode markdown", "rows",
            ".mode line", "rows",
            ".mode json", "rows", "{x = 'q\"'}",
            ".mode", ".mode xml",
        ])
        XCTAssertEqual(c.out, """
        n,name
        1,a
        2,"b, c"
        | n | name |
        | --- | --- |
        | 1 | a |
        | 2 | b, c |
        n    = 1
        name = a

        n    = 2
        name = b, c
        [
          {
            "n": 1,
            "name": "a"
          },
          {
            "n": 2,
            "name": "b, c"
          }
        ]
        {
          "x": "q\\""
        }
        mode: json

        """)
        XCTAssertTrue(c.err.contains("error: .mode: unknown mode 'xml'"), c.err)
    }

    func testOutputOnceReadTimerDbAndUnknown() throws {
        let dir = try makeTemporaryDirectory("repl")
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("setup.lua").path
        try "greeting = 'hello from script'\nprint('loaded')\n".write(toFile: script, atomically: true, encoding: .utf8)
        let once = dir.appendingPathComponent("once.txt").path
        let out = dir.appendingPathComponent("out.txt").path
        let (c, _, _) = try run([
            ".read \(script)", "greeting",
            ".once \(once)", "1 + 1", "2 + 2",
            ".output \(out)", "'to file'", "print('printed')", ".output", "'back'",
            ".timer on", "3", ".timer off",
            ".db", ".frobnicate", ".read /nonexistent/x.lua", ".quit", "'not reached'",
        ])
        XCTAssertEqual(c.out, "loaded\n\"hello from script\"\n4\n\"back\"\n3\ncorpus: test.sqlite (3 articles)\n")
        XCTAssertEqual(try String(contentsOfFile: once, encoding: .utf8), "2\n")
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "\"to file\"\nprinted\n")
        XCTAssertTrue(c.err.contains("time: "), c.err)
        XCTAssertTrue(c.err.contains("error: unknown command .frobnicate (.help lists the commands)"), c.err)
        XCTAssertTrue(c.err.contains("error: .read: cannot read /nonexistent/x.lua: no such file"), c.err)
    }

    func testHelp() throws {
        let (c, _, _) = try run([".help", ".help text.tokens", ".help text", ".help zzzz"])
        XCTAssertTrue(c.out.contains(".mode [table|csv|json|markdown|line]"), c.out)
        XCTAssertTrue(c.out.contains("text - "), c.out)
        XCTAssertTrue(c.out.contains("text.tokens(s"), c.out)
        XCTAssertTrue(c.out.contains("no help matches 'zzzz'"), c.out)
    }

    func testLongStringsTruncatedOnlyOnTerminalAndLastShowsAll() throws {
        let capture = Capture()
        let output = REPLOutput(standard: { capture.out += $0 }, isTerminal: true)
        var engineOptions = LuaEngineOptions()
        engineOptions.output = output.write
        engineOptions.scriptsDirectory = nil
        let engine = try LuaEngine(options: engineOptions)
        engines.append(engine)
        var options = REPLOptions(interactive: false)
        options.standardError = { capture.err += $0 }
        let reader = ScriptedLineReader([.line("string.rep('ab', 100)"), .line(".last")])
        _ = REPLSession(engine: engine, options: options, output: output, reader: reader).run()
        let lines = capture.out.components(separatedBy: "\n").map { $0.replacingOccurrences(of: "\u{1B}[32m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "") }
        XCTAssertLessThanOrEqual(lines[0].count, TerminalSize.columns(), lines[0])
        XCTAssertTrue(lines[0].hasSuffix("…\""), lines[0])
        XCTAssertEqual(lines[1].count, 202)
    }

    func testCompletion() throws {
        let (capture, session, _) = try run(["t = {alpha = 1, alps = 2, beta = {gamma = 2}, f = function() end}", "hits = 0",
                                 "p = setmetatable({}, {__index = function() hits = hits + 1 end})"],
                                entities: ["Tô Lâm", "Tô Huy Rứa", "Hà Nội", "To Lam"])
        let completer = session.completer
        XCTAssertEqual(completer.complete("te")?.candidates, ["text"])
        XCTAssertEqual(completer.complete("text.tok")?.replacement, "tokens")
        XCTAssertEqual(completer.complete("t.al")?.candidates, ["alpha", "alps"])
        XCTAssertEqual(completer.complete("t.al")?.replacement, "alp")
        XCTAssertEqual(completer.complete("t.beta.g")?.replacement, "gamma")
        XCTAssertEqual(completer.complete("t:")?.candidates, ["f"])
        XCTAssertEqual(completer.complete("x = t.b")?.replacement, "beta")
        XCTAssertEqual(completer.complete("s = 'a' .. te")?.candidates, ["text"])
        XCTAssertEqual(completer.complete("fun")?.candidates, ["function"])
        XCTAssertNil(completer.complete("p.any"))
        XCTAssertEqual(completer.complete("corpus.count{mentions = \"Tô L")?.replacement, "Tô Lâm\"")
        XCTAssertEqual(completer.complete("corpus.count{mentions = \"Tô")?.candidates, ["Tô Huy Rứa", "Tô Lâm"])
        XCTAssertEqual(completer.complete("corpus.count{mentions = \"to l")?.candidates, ["To Lam", "Tô Lâm"])
        XCTAssertEqual(completer.complete("corpus.count{mentions = \"Tô")?.replacement, "Tô ")
        // Without an exact prefix match, case and diacritics are ignored.
        XCTAssertEqual(completer.complete("corpus.count{mentions = \"tô h")?.replacement, "Tô Huy Rứa\"")
        XCTAssertEqual(completer.complete("x:mentions('Hà")?.replacement, "Hà Nội'")
        XCTAssertNil(completer.complete("print(\"Tô"))
        // Articles: fields after `.`, methods after `:` (a real article object from the corpus module).
        XCTAssertTrue(EngineCompletionSource.knownObjects["Article"]?.fields.contains("title") == true)
        XCTAssertTrue(EngineCompletionSource.knownObjects["Article"]?.methods.contains("kwic") == true)
        // Completion read `p` without calling its __index.
        capture.out = ""
        session.evaluate("hits")
        XCTAssertEqual(capture.out, "0\n")
    }
}

/// `lua_rawseti` through the stack's state (tests only).
func lua_rawseti_(_ stack: LuaStack, _ index: Int32, _ i: Int) {
    lua_rawseti(stack.state, index, lua_Integer(i))
}
