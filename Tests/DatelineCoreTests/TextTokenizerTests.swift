import XCTest
@testable import DatelineCore

final class TextTokenizerTests: XCTestCase {
    func testEnglishTokens() {
        XCTAssertEqual(Tokenizer.tokens("Lao People's Revolutionary Party"), ["Lao", "People's", "Revolutionary", "Party"])
        XCTAssertEqual(Tokenizer.tokens("Lao People’s (LPRP)."), ["Lao", "People’s", "LPRP"])
        XCTAssertEqual(Tokenizer.tokens("Vietnam–Laos relations"), ["Vietnam", "Laos", "relations"])
        XCTAssertEqual(Tokenizer.tokens("the 2026–2031 term"), ["the", "2026", "2031", "term"])
        XCTAssertEqual(Tokenizer.tokens("socio-economic COVID-19 plan"), ["socio-economic", "COVID-19", "plan"])
        XCTAssertEqual(Tokenizer.tokens("2.200 tonnes, 3.5% and 1,000."), ["2.200", "tonnes", "3.5", "and", "1,000"])
        XCTAssertEqual(Tokenizer.tokens("'quoted' -dash- end."), ["quoted", "dash", "end"])
    }

    func testVietnameseTokens() {
        XCTAssertEqual(Tokenizer.tokens("Việt Nam"), ["Việt", "Nam"])
        XCTAssertEqual(Tokenizer.tokens("Thủ tướng Phạm Minh Chính tiếp Đại tướng."),
                       ["Thủ", "tướng", "Phạm", "Minh", "Chính", "tiếp", "Đại", "tướng"])
        let nfd = "Việt Nam".decomposedStringWithCanonicalMapping
        XCTAssertEqual(Tokenizer.tokens(nfd).count, 2)
        XCTAssertEqual(Tokenizer.tokens(nfd).first, "Việt".decomposedStringWithCanonicalMapping)
    }

    func testWordsOptions() {
        let s = "Tổng Bí thư Tô Lâm và Thủ tướng"
        XCTAssertEqual(Tokenizer.words(s), ["tổng", "bí", "thư", "tô", "lâm", "và", "thủ", "tướng"])
        XCTAssertEqual(Tokenizer.words(s, fold: true), ["tong", "bi", "thu", "to", "lam", "va", "thu", "tuong"])
        XCTAssertEqual(Tokenizer.words("Tô Lâm", lowercase: false), ["Tô", "Lâm"])
        XCTAssertEqual(Tokenizer.words(s, stopwords: Stopwords.list(for: "vi")), ["tổng", "bí", "thư", "tô", "lâm", "thủ", "tướng"])
        XCTAssertEqual(Tokenizer.words(s, fold: true, stopwords: Stopwords.foldedList(for: "vi")).contains("va"), false)
    }

    func testWordCountMatchesTokens() throws {
        for seed in ["000", "002", "004"] {
            let text = try TextSeeds.load(seed)
            XCTAssertEqual(Tokenizer.wordCount(text), Tokenizer.tokens(text).count, seed)
            XCTAssertGreaterThan(Tokenizer.wordCount(text), 300, seed)
        }
        XCTAssertEqual(Tokenizer.wordCount(""), 0)
        XCTAssertEqual(Tokenizer.wordCount(" -- ... "), 0)
    }

    func testNGrams() {
        let t = ["ban", "chấp", "hành", "trung"]
        XCTAssertEqual(NGrams.ngrams(t, n: 2), [["ban", "chấp"], ["chấp", "hành"], ["hành", "trung"]])
        XCTAssertEqual(NGrams.joined(t, n: 3, separator: " "), ["ban chấp hành", "chấp hành trung"])
        XCTAssertEqual(NGrams.joined(t, n: 1, separator: "_"), t)
        XCTAssertEqual(NGrams.ngrams(t, n: 5), [])
        XCTAssertEqual(NGrams.ngrams(t, n: 0), [])
    }

    func testStopwords() {
        let en = Stopwords.list(for: "en")
        XCTAssertTrue((150...200).contains(en.count), "\(en.count)")
        XCTAssertTrue(en.isSuperset(of: ["the", "and", "of", "don't"]))
        let vi = Stopwords.list(for: "vi")
        XCTAssertTrue((90...130).contains(vi.count), "\(vi.count)")
        XCTAssertTrue(vi.isSuperset(of: ["và", "của", "là", "các", "những", "được", "có", "trong", "người", "nhiều", "hai"]))
        XCTAssertTrue(vi.allSatisfy { $0 == $0.lowercased() })
        XCTAssertTrue(Stopwords.foldedList(for: "vi").isSuperset(of: ["va", "cua", "duoc", "nguoi"]))
        XCTAssertEqual(Stopwords.list(for: "xx"), [])
        XCTAssertEqual(Stopwords.foldedList(for: "xx"), [])
    }
}
