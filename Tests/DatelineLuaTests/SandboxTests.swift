import XCTest
@testable import DatelineLua
import DatelineTestSupport

/// Escape attempts fail in the sandbox and work with `unsafe: true`.
final class SandboxTests: XCTestCase {
    /// Code that only succeeds with the full standard library.
    static let escapes: [(String, String)] = [
        ("io", "return io.open('/etc/hostname') ~= nil"),
        ("os.execute", "return os.execute() ~= nil"),
        ("os.remove", "return type(os.remove) == 'function' and os.remove"),
        ("os.exit", "return assert(os.exit)"),
        ("os.getenv", "return assert(os.getenv)"),
        ("debug", "return debug.getinfo(1) ~= nil"),
        ("string.dump + load", "local f = load(string.dump(function() return 1 end)); return f() == 1"),
        ("dump through string methods", "local d = assert(('').dump); local f = assert(load(d(function() return 1 end), 'b', 'b')); return f() == 1"),
        ("package.loadlib", "return type(package.loadlib) == 'function'"),
        ("dofile", "return dofile ~= nil and pcall(dofile, '/dev/null')"),
        ("loadfile", "return assert(loadfile('/dev/null')) ~= nil"),
        ("string metatable", "getmetatable('').__index.upper = function() return 'pwned' end; return ('x'):upper() == 'pwned'"),
        ("global table", "return _G.io ~= nil"),
    ]

    func testEscapesFailInSandbox() throws {
        let (engine, _) = try makeEngine()
        for (name, code) in Self.escapes {
            do {
                let result = try engine.run(code: code)
                XCTAssertFalse(result.first?.isTruthy ?? false, "\(name) escaped the sandbox: \(result)")
            } catch let error as LuaError {
                XCTAssertEqual(error.kind, .script, "\(name): \(error.message)")
            }
        }
        // The engine still works afterwards.
        XCTAssertEqual(try engine.value("return ('x'):upper()"), "X")
    }

    func testEscapesWorkWhenUnsafe() throws {
        let (engine, _) = try makeEngine { $0.unsafe = true }
        for (name, code) in Self.escapes {
            XCTAssertTrue(try engine.value(code).isTruthy, name)
        }
    }

    func testStringMetatableIsHidden() throws {
        let (engine, _) = try makeEngine()
        XCTAssertEqual(try engine.value("return getmetatable('')"), false)
        XCTAssertEqual(engine.failure("getmetatable('').__index = {}")?.kind, .script)
        // User additions to the sandbox string table become methods, as in plain Lua.
        XCTAssertEqual(try engine.value("function string.shout(s) return s:upper() .. '!' end return ('hi'):shout()"), "HI!")
    }

    func testBinaryChunksRefusedByLoad() throws {
        let (engine, _) = try makeEngine()
        let result = try engine.run(code: "return load(string.char(27) .. 'Lua', 'x', 'b')")
        XCTAssertEqual(result.first, .nil)
        XCTAssertTrue(result.dropFirst().first?.stringValue?.contains("binary") ?? false, "\(result)")
    }

    func testLoadDefaultsToSandboxEnvironment() throws {
        let (engine, _) = try makeEngine()
        XCTAssertEqual(try engine.value("return load('return io')()"), .nil)
        XCTAssertEqual(try engine.value("return load('return text.fold(\"Ê\")')()"), "e")
        XCTAssertEqual(try engine.value("return load('return x', 'c', 't', {x = 5})()"), 5)
    }

    func testAllowedLibraries() throws {
        let (engine, _) = try makeEngine()
        XCTAssertEqual(try engine.value("return math.max(1, 5) + #table.pack(1, 2) + utf8.len('ắ')"), 8)
        XCTAssertEqual(try engine.value("return type(os.time()) .. type(os.clock()) .. os.date('!%Y', 0)"), "numbernumber1970")
        XCTAssertEqual(try engine.value("local co = coroutine.wrap(function() coroutine.yield(1) return 2 end) return co() + co()"), 3)
    }

    func testRequireFromLibPath() throws {
        let lib = try makeTemporaryDirectory("dateline-lua")
        try "return { greet = function(n) return 'hi ' .. n end }".write(to: lib.appendingPathComponent("greeting.lua"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: lib.appendingPathComponent("pkg"), withIntermediateDirectories: true)
        try "return { value = 42 }".write(to: lib.appendingPathComponent("pkg/init.lua"), atomically: true, encoding: .utf8)
        try "return { x = 1 }".write(to: lib.appendingPathComponent("secret.lua"), atomically: true, encoding: .utf8)
        let (engine, _) = try makeEngine { $0.libPaths = [lib.path] }
        XCTAssertEqual(try engine.value("return require('greeting').greet('Lan')"), "hi Lan")
        XCTAssertEqual(try engine.value("return require('pkg').value"), 42)
        XCTAssertEqual(try engine.value("return require('greeting') == require('greeting')"), true)
        XCTAssertEqual(try engine.value("return require('text') == text"), true)
        for bad in ["../x", "pkg/../secret", "/etc/passwd", "..", "a..b", ""] {
            let error = engine.failure("require('\(bad)')")
            XCTAssertTrue(error?.message.contains("bad argument #1 to 'require'") ?? false, "\(bad): \(error?.message ?? "no error")")
        }
        let missing = engine.failure("require('nope')")
        XCTAssertTrue(missing?.message.contains("module 'nope' not found") ?? false, missing?.message ?? "")
        // No C modules: a .so next to the Lua files is never loaded.
        XCTAssertNotNil(engine.failure("require('libc')"))
    }

    func testUnsafeRequireUsesLibPath() throws {
        let lib = try makeTemporaryDirectory("dateline-lua")
        try "return 7".write(to: lib.appendingPathComponent("seven.lua"), atomically: true, encoding: .utf8)
        let sub = lib.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let (engine, _) = try makeEngine { $0.unsafe = true; $0.libPaths = [sub.path] }
        XCTAssertTrue(engine.failure("return require('seven')")?.message.contains("module 'seven' not found") ?? false)
        XCTAssertEqual(try engine.value("return package.path:find('\(sub.path)/?.lua', 1, true)"), 1, "lib paths come first")
        // Unsafe require is plain Lua's: the script may point package.path anywhere.
        XCTAssertEqual(try engine.value("package.path = '\(sub.path)/../?.lua' return require('seven')"), 7)
    }

    func testFinalizersRefusedInSandbox() throws {
        let (engine, _) = try makeEngine()
        let error = engine.failure("setmetatable({}, {__gc = function() while true do end end})")
        XCTAssertEqual(error?.message, "(command line):1: bad argument #2 to 'setmetatable' (__gc metamethods are not allowed in the sandbox)")
        XCTAssertEqual(try engine.value("return getmetatable(setmetatable({}, {__index = {a = 1}})).__index.a"), 1)
    }
}
