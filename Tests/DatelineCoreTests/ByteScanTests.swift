@testable import DatelineCore
import XCTest

/// The 8-bytes-at-a-time paths (`ByteLanes`, `PageLine.measureClean`, `TextFold.key`'s table path)
/// must give exactly what the scalar-by-scalar definitions give, on any mix of text.
final class ByteScanTests: XCTestCase {
    /// Pieces that exercise every branch: words, digits, joiners (' - . , ’), Vietnamese letters,
    /// combining marks, spaces (single, double, NBSP), controls and symbols.
    private static let pieces = [
        "Vientiane", "VNA", "the", "3.5", "2,200", "COVID-19", "2-3", "People's", "don’t", "socio-economic",
        "Việt", "Nam", "Tô", "Lâm", "hoà", "thuỷ", "đ", "e\u{301}", "\u{301}", " ", " ", " ", "  ", "\u{A0}",
        ",", ".", "-", "'", "’", "(", ")", "–", "—", "\"", "“", "”", ":", ";", "!", "?", "…", "/", "\t",
        "\u{7}", "\u{7F}", "\u{85}", "½", "ﬁ", "ß", "Ω", "Привет", "สวัสดี", "ສະບາຍດີ", "中文", "مرحبا", "😀", "x",
        "ABCDEFGHIJ", "abcdefghijklmnop", "0123456789",
        "ộ", "ữ", "Ử", "ơ", "Ư", "Đ", "ấ", "Ế", "\u{1EFA}", "Ǖ", "Ա", "ש", "\u{2019}s", "\u{1E9E}",
    ]

    private func randomLine(_ rng: inout SplitMix64) -> String {
        var s = ""
        for _ in 0..<Int(rng.next() % 40) { s += rng.pick(Self.pieces) }
        return s
    }

    func testByteLanesMatchBytewiseTests() {
        var rng = SplitMix64(seed: 1)
        for _ in 0..<20_000 {
            var bytes = (0..<8).map { _ in UInt8(rng.next() % 128) }
            let w = bytes.withUnsafeBufferPointer { ByteLanes.load($0.baseAddress!, 0) }
            var expectedAlnum: UInt64 = 0, expectedDigits: UInt64 = 0, lowered = bytes
            for (k, b) in bytes.enumerated() {
                let alnum = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                if alnum { expectedAlnum |= 0x80 << (8 * UInt64(k)) }
                if b >= 0x30 && b <= 0x39 { expectedDigits |= 0x80 << (8 * UInt64(k)) }
                if b >= 0x41 && b <= 0x5A { lowered[k] = b + 32 }
            }
            XCTAssertEqual(ByteLanes.alphanumericLanes(w), expectedAlnum, "\(bytes)")
            XCTAssertEqual(ByteLanes.inRange(w, 0x30, 0x39), expectedDigits, "\(bytes)")
            XCTAssertEqual(ByteLanes.countHighBits(expectedAlnum), expectedAlnum.nonzeroBitCount / 1, "\(bytes)")
            bytes.withUnsafeMutableBufferPointer { ByteLanes.store(ByteLanes.lowerASCII(w), $0.baseAddress!) }
            XCTAssertEqual(bytes, lowered)
        }
    }

    func testMeasureCleanAgreesWithTheWordCounters() {
        var rng = SplitMix64(seed: 7)
        var clean = 0, unclean = 0
        for _ in 0..<20_000 {
            var line = randomLine(&rng)
            let measured = line.withUTF8 { PageLine.measureClean($0) }
            // Bytes, not Characters: " " followed by a combining mark is one Character but still a space.
            let isClean = !line.isEmpty && line.utf8.first != 0x20 && line.utf8.last != 0x20 && !FastScan.contains(line, "  ")
                && !line.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) || ($0.value > 0x7F && FastScan.isSpace($0)) }
            guard isClean else {
                XCTAssertNil(measured, "unclean line measured as clean: \(line.debugDescription)")
                unclean += 1
                continue
            }
            clean += 1
            guard let m = measured else { XCTFail("clean line refused: \(line.debugDescription)"); continue }
            XCTAssertEqual(m.words, PageLine.countWords(line), line.debugDescription)
            XCTAssertEqual(m.tokens, Tokenizer.wordCount(line), line.debugDescription)
            XCTAssertEqual(m.ascii, line.utf8.allSatisfy { $0 < 0x80 }, line.debugDescription)
        }
        XCTAssertGreaterThan(clean, 1_000)
        XCTAssertGreaterThan(unclean, 1_000)
    }

    func testPageLinesCountParagraphWordsLikeTheTokenizer() {
        let page = "Vientiane (VNA) – Gen. Phan Van Giang met his Lao counterpart on Feb. 5, 2026.\n\n  Tô  Lâm\u{A0}said 3.5 per cent  \nCOVID-19 didn’t stop socio-economic ties.\n"
        for line in PageLine.split(page) {
            XCTAssertEqual(line.tokens, Tokenizer.wordCount(line.text), line.text)
            XCTAssertEqual(line.words, PageLine.countWords(line.text), line.text)
        }
    }

    func testTableKeyMatchesTheGeneralFold() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            var line = randomLine(&rng)
            let key = TextFold.key(line)
            var general: [UInt8] = []
            var sink = TextFold.FoldSink(track: false)
            line.withUTF8 { TextFold.fold($0, into: &general, sink: &sink) }
            XCTAssertEqual(key, String(decoding: general, as: UTF8.self), line.debugDescription)
        }
        XCTAssertEqual(TextFold.key("Tô Lâm ĐÀ NẴNG “Hoà”"), "to lam da nang \"hoa\"")
    }
    /// The byte-indexed paths (2-byte scalars and E1 BA/BB in `tableKey`, 2- and 3-byte scalars below
    /// the table limit in `measureClean`) against the general definitions, for every scalar they cover.
    func testEveryTwoAndThreeByteScalarAgreesWithTheDefinitions() {
        for v in UInt32(0x80)..<0x3100 {
            guard let u = Unicode.Scalar(v) else { continue }
            for var line in ["\(Character(u))", "a\(Character(u))b", "x \(Character(u))'s 1\(Character(u))2 \(Character(u))-y"] {
                var general: [UInt8] = []
                var sink = TextFold.FoldSink(track: false)
                line.withUTF8 { TextFold.fold($0, into: &general, sink: &sink) }
                XCTAssertEqual(TextFold.key(line), String(decoding: general, as: UTF8.self), line.debugDescription)
                guard let m = line.withUTF8({ PageLine.measureClean($0) }) else { continue }
                XCTAssertEqual(m.words, PageLine.countWords(line), line.debugDescription)
                XCTAssertEqual(m.tokens, Tokenizer.wordCount(line), line.debugDescription)
            }
        }
    }

    func testPhraseMatcherAgreesWithNaiveSearch() {
        var rng = SplitMix64(seed: 3)
        let phraseSets: [[String]] = [
            PagePhrases.furniture, PagePhrases.strongFurniture, ["©"], ["ab", "abc", "bca"], ["x"], ["aaaa", "aab"],
            ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], [],
        ]
        let alphabet = ["a", "b", "c", "x", " ", "©", "sign in", "cookie", "coo", "recaptch", "Friday", "Fri", "theo doi", "ab", "đ"]
        for phrases in phraseSets {
            let matcher = PhraseMatcher(phrases)
            for _ in 0..<3_000 {
                var text = ""
                for _ in 0..<Int(rng.next() % 12) { text += rng.pick(alphabet) }
                let expected = phrases.contains { !$0.isEmpty && FastScan.contains(text, $0) }
                XCTAssertEqual(matcher.occurs(in: text), expected, "\(phrases) in \(text.debugDescription)")
            }
        }
    }
}

private extension SplitMix64 {
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}
