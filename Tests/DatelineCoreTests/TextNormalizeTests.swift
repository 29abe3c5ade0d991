import XCTest
@testable import DatelineCore

final class TextNormalizeTests: XCTestCase {
    func testToneMarkPlacementBothStylesGiveTraditional() {
        let pairs: [(String, String)] = [
            ("hoà", "hòa"), ("hòa", "hòa"), ("thuỷ", "thủy"), ("thủy", "thủy"), ("hoá", "hóa"), ("hóa", "hóa"),
            ("khoẻ", "khỏe"), ("khỏe", "khỏe"), ("uỷ", "ủy"), ("ủy", "ủy"), ("Uỷ ban", "Ủy ban"),
            ("HOÀ BÌNH", "HÒA BÌNH"), ("Thanh Hoá", "Thanh Hóa"), ("loạ", "lọa"), ("tuỵ", "tụy"),
        ]
        for (input, expected) in pairs {
            XCTAssertEqual(TextFold.normalize(input), expected, input)
        }
    }

    func testWordsThatKeepTheirMark() {
        for word in ["hoàng", "quý", "thuyền", "ngoài", "toán", "hoạch", "quả", "quỳnh", "khuya", "Quý", "tuyệt", "hoặc"] {
            XCTAssertEqual(TextFold.normalize(word), word, word)
        }
    }

    func testNFCFromDecomposed() {
        let nfd = "Việt Nam hoà bình".decomposedStringWithCanonicalMapping
        XCTAssertEqual(TextFold.normalize(nfd), "Việt Nam hòa bình")
        XCTAssertEqual(Array(TextFold.normalize(nfd).unicodeScalars), Array("Việt Nam hòa bình".unicodeScalars))
    }

    func testQuotesDashesAndSpaces() {
        XCTAssertEqual(TextFold.normalize("Lao People’s “Party”"), "Lao People's \"Party\"")
        XCTAssertEqual(TextFold.normalize("Vientiane (VNA) — Hanoi ― x"), "Vientiane (VNA) – Hanoi – x")
        XCTAssertEqual(TextFold.normalize("non‑breaking"), "non-breaking")
        XCTAssertEqual(TextFold.normalize("a  b\t\tc \u{00A0} d\n\ne"), "a b c d\n\ne")
        XCTAssertEqual(TextFold.normalize("soft\u{00AD}hyphen\u{200B}"), "softhyphen")
    }

    func testUnchangedTextIsReturnedAsIs() {
        XCTAssertEqual(TextFold.normalize("Plain ASCII text.\nSecond line."), "Plain ASCII text.\nSecond line.")
        XCTAssertEqual(TextFold.normalize(""), "")
        XCTAssertEqual(TextFold.normalize("Thủ tướng Phạm Minh Chính"), "Thủ tướng Phạm Minh Chính")
    }
}
