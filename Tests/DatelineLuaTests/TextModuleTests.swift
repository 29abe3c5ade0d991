import XCTest
@testable import DatelineLua

/// Every `text` function, through Lua, with asserted results.
final class TextModuleTests: XCTestCase {
    var engine: LuaEngine!

    override func setUpWithError() throws {
        engine = try LuaEngine(options: LuaEngineOptions())
    }

    private func eval(_ code: String) throws -> LuaValue {
        try engine.run(code: code).first ?? .nil
    }

    func testFold() throws {
        XCTAssertEqual(try eval(#"return text.fold("Tô Lâm ĐẠI")"#), "to lam dai")
    }
}
