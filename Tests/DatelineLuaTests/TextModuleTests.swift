import XCTest
@testable import DatelineLua

/// Every `text` function called from Lua, with asserted results.
final class TextModuleTests: XCTestCase {
    var engine: LuaEngine!

    override func setUpWithError() throws {
        engine = try makeEngine().0
    }

    override func tearDown() {
        engine = nil
    }

    private func eval(_ code: String) throws -> LuaValue {
        try engine.value(code)
    }

    func testFold() throws {
        XCTAssertEqual(try eval(#"return text.fold("Tô Lâm ĐẠI")"#), "to lam dai")
    }

    func testNormalize() throws {
        XCTAssertEqual(try eval(#"return text.normalize("hoà  bình")"#), "hòa bình")
    }

    func testTokensPlain() throws {
        XCTAssertEqual(try eval(#"return text.tokens("People's socio-economic plan, 2.200 tỷ!")"#),
                       ["People's", "socio-economic", "plan", "2.200", "tỷ"])
    }

    func testTokensOptions() throws {
        XCTAssertEqual(try eval(#"return text.tokens("The Prime Minister met the press", {stopwords = true, lower = true, lang = "en"})"#),
                       ["prime", "minister", "met", "press"])
        XCTAssertEqual(try eval(#"return text.tokens("Tô Lâm THĂM", {fold = true})"#), ["to", "lam", "tham"])
        XCTAssertEqual(try eval(#"return text.tokens("The Minister", {stopwords = true, lang = "en"})"#), ["Minister"])
    }

    func testTokensRejectsUnknownOption() throws {
        let error = engine.failure(#"text.tokens("a b", {stopword = true})"#)
        XCTAssertEqual(error?.kind, .script)
        XCTAssertTrue(error?.message.contains("unknown option 'stopword'") ?? false, error?.message ?? "")
        XCTAssertTrue(error?.message.hasPrefix("(command line):1: bad argument #2 to 'text.tokens'") ?? false, error?.message ?? "")
    }

    func testTokensListHasMethods() throws {
        XCTAssertEqual(try eval(#"return text.tokens("alpha beta gamma"):map(string.upper):take(2)"#), ["ALPHA", "BETA"])
    }

    func testWordCount() throws {
        XCTAssertEqual(try eval(#"return text.word_count("one two, three")"#), 3)
    }

    func testSentences() throws {
        XCTAssertEqual(try eval(#"return text.sentences("Dr. Lan spoke. He left.")"#), ["Dr. Lan spoke.", "He left."])
    }

    func testNgrams() throws {
        XCTAssertEqual(try eval(#"return text.ngrams({"ban", "chấp", "hành", "trung"}, 2)"#),
                       ["ban chấp", "chấp hành", "hành trung"])
        XCTAssertEqual(try eval(#"return text.ngrams({"a", "b", "c"}, 3, "_")"#), ["a_b_c"])
        XCTAssertEqual(engine.failure(#"text.ngrams({"a"}, 0)"#)?.message,
                       "(command line):1: bad argument #2 to 'text.ngrams' (n must be at least 1, got 0)")
    }

    func testStopwords() throws {
        XCTAssertEqual(try eval(#"local s = text.stopwords("en"); return #s > 100 and s:find(function(w) return w == "the" end)"#), "the")
        XCTAssertEqual(try eval(#"return #text.stopwords("xx")"#), 0)
    }

    func testMatchPositionsAndCaptures() throws {
        let result = try eval(#"""
        local s = "Giá 12 tỷ, rồi 7 tỷ"
        local ms = text.match(s, [[(\d+) tỷ]])
        local out = {}
        for i, m in ipairs(ms) do
          out[i] = m.text .. "|" .. m.captures[1].text .. "|" .. tostring(s:sub(m.start, m["end"]) == m.text and m.stop == m["end"])
        end
        return out
        """#)
        XCTAssertEqual(result, ["12 tỷ|12|true", "7 tỷ|7|true"])
    }

    func testMatchOptions() throws {
        XCTAssertEqual(try eval(#"return #text.match("Tô Lâm, TO LAM", "to lam", {ignore_diacritics = true})"#), 2)
        XCTAssertEqual(try eval(#"return #text.match("Lam Lamp lam", "lam", {ignore_case = true, whole_word = true})"#), 2)
        XCTAssertEqual(try eval(#"return #text.match("a a a a", "a", {limit = 2})"#), 2)
        XCTAssertEqual(try eval(#"return text.match("ab", "(x)?b")[1].captures[1]"#), false)
    }

    func testMatchInvalidPattern() throws {
        let error = engine.failure(#"text.match("x", "(")"#)
        XCTAssertTrue(error?.message.contains("bad argument #2 to 'text.match' (invalid regular expression '('") ?? false,
                      error?.message ?? "")
    }

    func testKwic() throws {
        let result = try eval(#"""
        local s = "Hôm nay Tổng Bí thư Tô Lâm đã gặp báo chí."
        local h = text.kwic(s, "to lam", 10)[1]
        return {h.left, h.match, h.right, s:sub(h.start, h.stop)}
        """#)
        guard case .list(let parts) = result, parts.count == 4 else { return XCTFail("\(result)") }
        XCTAssertEqual(parts[1], "Tô Lâm")
        XCTAssertEqual(parts[3], "Tô Lâm")
        XCTAssertTrue(parts[0].stringValue?.hasSuffix("Bí thư") ?? false, "\(parts[0])")
    }

    func testCount() throws {
        XCTAssertEqual(try eval(#"return text.count("Tô Lâm and TO LAM, not Lamp", "to lam")"#), 2)
    }

    func testDetectLanguage() throws {
        XCTAssertEqual(try eval(#"return text.detect_language("The government announced a new plan for the economy on Monday in the capital.")"#), "en")
        XCTAssertEqual(try eval(#"return text.detect_language("Chính phủ đã công bố kế hoạch phát triển kinh tế mới trong năm nay.")"#), "vi")
        XCTAssertEqual(try eval(#"return text.detect_language("short")"#), .nil)
    }

    func testArgumentErrors() throws {
        XCTAssertEqual(engine.failure("text.fold()")?.message,
                       "(command line):1: bad argument #1 to 'text.fold' (string expected, got no value)")
        XCTAssertEqual(engine.failure("text.fold({})")?.message,
                       "(command line):1: bad argument #1 to 'text.fold' (string expected, got table)")
    }
}
