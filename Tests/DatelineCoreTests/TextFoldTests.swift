import XCTest
@testable import DatelineCore

final class TextFoldTests: XCTestCase {
    func testVietnameseNames() {
        XCTAssertEqual(TextFold.key("Tô Lâm"), "to lam")
        XCTAssertEqual(TextFold.key("Lê Hoài Trung"), "le hoai trung")
        XCTAssertEqual(TextFold.key("Việt Nam"), "viet nam")
        XCTAssertEqual(TextFold.key("Nguyễn Phú Trọng"), "nguyen phu trong")
    }

    func testDStrokeAndUppercase() {
        XCTAssertEqual(TextFold.key("Đinh Minh Hằng"), "dinh minh hang")
        XCTAssertEqual(TextFold.key("đại tướng"), "dai tuong")
        XCTAssertEqual(TextFold.key("TÔ LÂM"), "to lam")
        XCTAssertEqual(TextFold.key("HÀ NỘI — VIỆT NAM"), "ha noi - viet nam")
    }

    func testDecomposedInputFoldsLikeComposed() {
        let nfd = "Tô Lâm".decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(nfd.unicodeScalars).count, Array("Tô Lâm".unicodeScalars).count)
        XCTAssertEqual(TextFold.key(nfd), "to lam")
    }

    func testQuotesDashesSpaces() {
        XCTAssertEqual(TextFold.key("Lao People’s ‘Party’"), "lao people's 'party'")
        XCTAssertEqual(TextFold.key("“Quoted”"), "\"quoted\"")
        XCTAssertEqual(TextFold.key("Vietnam–Laos — 2026‑2031"), "vietnam-laos - 2026-2031")
        XCTAssertEqual(TextFold.key("a\u{00A0}b\u{2009}c\u{202F}d"), "a b c d")
        XCTAssertEqual(TextFold.key("zero\u{200B}width\u{00AD}"), "zerowidth")
    }

    func testOtherLatinAndLigatures() {
        XCTAssertEqual(TextFold.key("Straße"), "strasse")
        XCTAssertEqual(TextFold.key("ﬁnance ﬂow"), "finance flow")
        XCTAssertEqual(TextFold.key("Æsir Œuvre Ørsted Łódź"), "aesir oeuvre orsted lodz")
        XCTAssertEqual(TextFold.key("Crème Brûlée São Paulo Müller"), "creme brulee sao paulo muller")
    }

    func testOtherScripts() {
        XCTAssertEqual(TextFold.key("МОСКВА"), "москва")
        XCTAssertEqual(TextFold.key("ΑΘΗΝΑ"), "αθηνα")
        XCTAssertEqual(TextFold.key("ວຽງຈັນ"), "ວຽງຈັນ")
        XCTAssertEqual(TextFold.key("北京 서울"), "北京 서울")
        XCTAssertEqual(TextFold.key("ＡＢＣ"), "abc")
        XCTAssertEqual(TextFold.key("emoji 😀 ok"), "emoji 😀 ok")
    }

    func testSubstringAndEmpty() {
        let s = "Xin chào Việt Nam"
        XCTAssertEqual(TextFold.key(s.dropFirst(9)), "viet nam")
        XCTAssertEqual(TextFold.key(""), "")
    }

    func testKeyWithMapPointsBackToOriginal() {
        let s = "Ông Tô Lâm"
        let (key, offsets) = TextFold.keyWithMap(s)
        XCTAssertEqual(key, "ong to lam")
        XCTAssertEqual(offsets.count, key.unicodeScalars.count + 1)
        XCTAssertEqual(offsets.last, s.unicodeScalars.count)
        let keyScalars = Array(key.unicodeScalars)
        let orig = Array(s.unicodeScalars)
        for (i, k) in keyScalars.enumerated() {
            XCTAssertEqual(TextFold.key(String(orig[offsets[i]])), String(k))
        }
    }

    func testKeyWithMapExpansionsAndDrops() {
        let s = "Straße\u{200B}X"
        let (key, offsets) = TextFold.keyWithMap(s)
        XCTAssertEqual(key, "strassex")
        XCTAssertEqual(offsets, [0, 1, 2, 3, 4, 4, 5, 7, 8])
    }

    func testKeyWithMapOnDecomposedInput() {
        let (key, offsets) = TextFold.keyWithMap("Lâm".decomposedStringWithCanonicalMapping)
        XCTAssertEqual(key, "lam")
        XCTAssertEqual(offsets, [0, 1, 3, 4])
    }
}
