@testable import DatelineCore
import DatelineTestSupport
import XCTest

/// The 8-bytes-at-a-time paths (`ByteLanes`, `LineScan`, `TextFold.key`'s table path)
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

    /// `LineScan.clean` with a scratch of its own: what it found and the key it wrote.
    private func scan(_ line: String) -> (result: LineScan.Result, key: String?)? {
        var line = line
        return line.withUTF8 { bytes in
            let scratch = LineScratch(capacity: bytes.count)
            defer { scratch.deallocate() }
            guard let result = LineScan.clean(bytes, scratch) else { return nil }
            return (result, result.keyLength.map { scratch.key(length: $0) })
        }
    }

    /// The definition of a clean line: usable as it is.
    private func isClean(_ line: String) -> Bool {
        // Bytes, not Characters: " " followed by a combining mark is one Character but still a space.
        !line.isEmpty && line.utf8.first != 0x20 && line.utf8.last != 0x20 && !FastScan.contains(line, "  ")
            && !line.unicodeScalars.contains(where: Self.isUnclean)
    }

    private static func isUnclean(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0) || (u.value > 0x7F && FastScan.isSpace(u))
    }

    /// Checks one line's scan against the definitions; returns whether it was clean.
    @discardableResult
    private func checkScan(_ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) -> Bool {
        let scanned = scan(line)
        guard isClean(line) else {
            XCTAssertNil(scanned?.result, "unclean line scanned as clean: \(line.debugDescription)", file: file, line: lineNumber)
            return false
        }
        guard let (result, key) = scanned else {
            XCTFail("clean line refused: \(line.debugDescription)", file: file, line: lineNumber)
            return true
        }
        if let counts = result.counts {
            XCTAssertEqual(counts.words, PageLine.countWords(line), line.debugDescription, file: file, line: lineNumber)
            XCTAssertEqual(counts.tokens, Tokenizer.wordCount(line), line.debugDescription, file: file, line: lineNumber)
        } else {
            // Counting is left to the definitions only for lines with a scalar no ASCII byte imitates.
            XCTAssertTrue(line.unicodeScalars.contains { $0.value >= 0x80 && LineScalar.standIn(for: $0) == LineScalar.noStandIn },
                          line.debugDescription, file: file, line: lineNumber)
        }
        if let key {
            XCTAssertEqual(key, TextFold.key(line), line.debugDescription, file: file, line: lineNumber)
        } else {
            // The key is left to `TextFold.key` only where its table path gives up too.
            var copy = line
            XCTAssertNil(copy.withUTF8 { TextFold.tableKey($0) }, line.debugDescription, file: file, line: lineNumber)
        }
        return true
    }

    func testLineScanAgreesWithTheDefinitions() {
        var rng = SplitMix64(seed: 7)
        var clean = 0, unclean = 0
        for _ in 0..<20_000 {
            if checkScan(randomLine(&rng)) { clean += 1 } else { unclean += 1 }
        }
        XCTAssertGreaterThan(clean, 1_000)
        XCTAssertGreaterThan(unclean, 1_000)
    }

    /// Any ASCII bytes (controls, DEL, runs of punctuation), where the counts come from the
    /// eight-byte runs and the one-by-one joins alone.
    func testLineScanOnAnyASCII() {
        var rng = SplitMix64(seed: 5)
        let common = Array("aZ09 '-.,()*+\"!/:@x".utf8)
        var counted = 0
        for _ in 0..<20_000 {
            let length = Int(rng.next() % 70)
            let bytes = (0..<length).map { _ in rng.next() % 4 == 0 ? UInt8(rng.next() % 128) : rng.pick(common) }
            if checkScan(String(decoding: bytes, as: UTF8.self)) { counted += 1 }
        }
        XCTAssertGreaterThan(counted, 1_000)
        for line in ["a'b", "a''b", "'a", "a'", "don't", "x''''y z", "2.5", "2..5", "a-b", "1-2", "a-1", "-a", "a-", "3,5.6",
                     "a.b", "1'2", "a'1", "1 2  3", "a\tb", "\u{7F}", "O'Neil's co-op at 3.5 - 2", String(repeating: "ab'c ", count: 500) + "d"] {
            checkScan(line)
        }
    }

    /// Long lines, lines of one scalar, and scalars at every offset of the eight-byte windows.
    func testLineScanOnLongAndShortLines() {
        for piece in Self.pieces {
            checkScan(piece)
            for pad in 0..<9 {
                checkScan(String(repeating: "x", count: pad) + piece + "y")
                checkScan(String(repeating: "ộ", count: pad) + piece + " " + piece + String(repeating: "a", count: pad))
            }
        }
        var rng = SplitMix64(seed: 9)
        let cleanPieces = Self.pieces.filter { !$0.contains(" ") && !$0.unicodeScalars.contains(where: Self.isUnclean) }
        let huge = (0..<20_000).map { _ in rng.pick(cleanPieces) }.joined(separator: rng.next() % 2 == 0 ? " " : "")
        XCTAssertTrue(checkScan("x" + huge + "x"))
        XCTAssertNil(scan(""))
    }

    /// Bytes that are not UTF-8 (a `String` never holds them): no crash, no read out of bounds.
    func testLineScanSurvivesInvalidBytes() {
        var rng = SplitMix64(seed: 13)
        var answered = 0
        for _ in 0..<20_000 {
            let bytes = (0..<Int(rng.next() % 40)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let scratch = LineScratch(capacity: bytes.count)
            defer { scratch.deallocate() }
            if let result = bytes.withUnsafeBufferPointer({ LineScan.clean($0, scratch) }) {
                answered += 1
                XCTAssertLessThanOrEqual(result.keyLength ?? 0, 2 * bytes.count)
            }
        }
        XCTAssertGreaterThan(answered, 0)
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
    /// the table limit in `LineScan.clean`) against the general definitions, for every scalar they cover.
    func testEveryTwoAndThreeByteScalarAgreesWithTheDefinitions() {
        for v in UInt32(0x80)..<0x3100 {
            guard let u = Unicode.Scalar(v) else { continue }
            for var line in ["\(Character(u))", "a\(Character(u))b", "x \(Character(u))'s 1\(Character(u))2 \(Character(u))-y"] {
                var general: [UInt8] = []
                var sink = TextFold.FoldSink(track: false)
                line.withUTF8 { TextFold.fold($0, into: &general, sink: &sink) }
                XCTAssertEqual(TextFold.key(line), String(decoding: general, as: UTF8.self), line.debugDescription)
                checkScan(line)
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
