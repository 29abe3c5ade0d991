import XCTest
@testable import DatelineCore

final class TextPatternTests: XCTestCase {
    func testPlainMatchOffsets() throws {
        let p = try TextPattern("L(\\w+)")
        let ms = p.matches(in: "Tô Lâm và Lào")
        XCTAssertEqual(ms.map(\.text), ["Lâm", "Lào"])
        XCTAssertEqual(ms[0].codePointRange, 3..<6)
        XCTAssertEqual(ms[0].byteRange, 4..<8)  // "Tô " is 4 bytes, "Lâm" 4 bytes
        XCTAssertEqual(ms[0].captures.first??.text, "âm")
        XCTAssertEqual(ms[1].captures.first??.byteRange, 14..<17)
    }

    func testCaseInsensitive() throws {
        XCTAssertEqual(try TextPattern("việt nam", options: .caseInsensitive).count(in: "VIỆT NAM và Việt Nam"), 2)
        XCTAssertEqual(try TextPattern("Việt Nam").count(in: "VIỆT NAM và Việt Nam"), 1)
    }

    func testDiacriticInsensitiveReportsOriginalRanges() throws {
        let text = "Ông Tô Lâm gặp TO LAM và Tổng Bí thư"
        let p = try TextPattern("to (lam)", options: .diacriticInsensitive)
        let ms = p.matches(in: text)
        XCTAssertEqual(ms.map(\.text), ["Tô Lâm", "TO LAM"])
        XCTAssertEqual(ms[0].codePointRange, 4..<10)
        XCTAssertEqual(ms[0].byteRange, 5..<13)
        XCTAssertEqual(ms[0].captures.first??.text, "Lâm")
        let bytes = Array(text.utf8)
        XCTAssertEqual(String(decoding: bytes[ms[1].byteRange], as: UTF8.self), "TO LAM")
        // A pattern written with diacritics matches plain text too.
        XCTAssertEqual(try TextPattern("Lâm", options: .diacriticInsensitive).count(in: "Lam, LAM, Lâm"), 3)
    }

    func testDiacriticInsensitiveWithDecomposedAndExpandedText() throws {
        let nfd = "Tô Lâm".decomposedStringWithCanonicalMapping
        let m = try XCTUnwrap(TextPattern("lam", options: .diacriticInsensitive).firstMatch(in: nfd))
        XCTAssertEqual(m.text, "Lâm".decomposedStringWithCanonicalMapping)
        let s = try XCTUnwrap(TextPattern("strasse", options: .diacriticInsensitive).firstMatch(in: "Die Straße hier"))
        XCTAssertEqual(s.text, "Straße")
    }

    func testWholeWord() throws {
        let p = try TextPattern("lam", options: [.diacriticInsensitive, .wholeWord])
        XCTAssertEqual(p.matches(in: "Lamp Lâm lam's Lamson").map(\.text), ["Lâm", "lam"])
        XCTAssertTrue(p.isMatch("ông Lâm"))
        XCTAssertFalse(p.isMatch("Lampang"))
    }

    func testOptionalGroupAndLimit() throws {
        let p = try TextPattern("(a)|(b)")
        let ms = p.matches(in: "ab")
        XCTAssertEqual(ms.count, 2)
        XCTAssertNil(ms[0].captures[1])
        XCTAssertEqual(ms[1].captures[1]?.text, "b")
        XCTAssertEqual(p.matches(in: "abab", limit: 3).count, 3)
        XCTAssertEqual(p.captureCount, 2)
    }

    func testInvalidPatternThrowsWithPattern() {
        XCTAssertThrowsError(try TextPattern("(unclosed")) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains("(unclosed"), message)
            XCTAssertFalse(message.contains("\n"))
        }
    }

    func testKwicOnSeed() throws {
        let text = try TextSeeds.load("003")
        let hits = Kwic.find("to lam", in: text, width: 30)
        XCTAssertGreaterThan(hits.count, 0)
        XCTAssertEqual(hits[0].match, "Tô Lâm")
        XCTAssertEqual(hits[0].left, "— Party General Secretary")  // "VIENTIANE" cut mid-word is dropped
        XCTAssertTrue(hits[0].right.hasPrefix("met with President"), hits[0].right)
        XCTAssertLessThanOrEqual(hits[0].right.unicodeScalars.count, 30)
        let scalars = Array(text.unicodeScalars)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[hits[0].offset..<(hits[0].offset + 6)])
        XCTAssertEqual(String(view), "Tô Lâm")
        XCTAssertEqual(Kwic.count("lâm", in: text), Kwic.find("LAM", in: text, width: 5).count)
        XCTAssertTrue(Kwic.contains("viet nam", in: text))
        XCTAssertFalse(Kwic.contains("lamp", in: text))
    }

    func testKwicWholeWordAndWhitespace() {
        let text = "Lamp oil. Ông Lâm\n  Tô arrived; lam tô again"
        XCTAssertEqual(Kwic.find("lam", in: text, width: 10).map(\.match), ["Lâm", "lam"])
        XCTAssertEqual(Kwic.find("lâm tô", in: text, width: 0).map(\.match), ["Lâm\n  Tô", "lam tô"])
        XCTAssertEqual(Kwic.count("", in: text), 0)
        XCTAssertEqual(Kwic.find("  ", in: text, width: 5), [])
        XCTAssertEqual(Kwic.find("a.b(", in: "x a.b( y", width: 2).map(\.match), ["a.b("])
    }
}
