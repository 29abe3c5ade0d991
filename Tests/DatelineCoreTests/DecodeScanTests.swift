import Foundation
import DatelineTestSupport
import XCTest
@testable import DatelineCore

/// The byte scanners behind `PageDecoder` and `LanguageDetector` (`ByteLanes`, `ByteCensus`,
/// `CommonWordScan`, `ScriptCounts.sample`), checked on bad input and against the plain per-scalar
/// implementations they replaced (kept below as references).
final class DecodeScanTests: XCTestCase {
    // MARK: - PageDecoder

    private func reason(_ bytes: [UInt8], maxBytes: Int = 1 << 20) -> ParseError.Reason? {
        do {
            _ = try PageDecoder(maxBytes: maxBytes).decode(Data(bytes), path: nil)
            return nil
        } catch let error as ParseError {
            return error.reason
        } catch {
            XCTFail("unexpected error \(error)")
            return nil
        }
    }

    private func decoded(_ bytes: [UInt8]) throws -> PageDecoder.Decoded {
        try PageDecoder(maxBytes: 1 << 20).decode(Data(bytes), path: nil)
    }

    func testEmptyAndBlankInput() {
        XCTAssertEqual(reason([]), .empty)
        XCTAssertEqual(reason(Array(" \n\t\r\u{0C}".utf8)), .empty)
        XCTAssertEqual(reason(Array(" \n\t\r\u{0B}\u{0C}".utf8)), .undecodable)  // VT is a control code: 1 in 6
        XCTAssertEqual(reason(Array("\u{FEFF}\u{3000}\u{A0}\u{2028} \n".utf8)), .empty)
        XCTAssertEqual(reason([0xEF, 0xBB, 0xBF, 0x20, 0x0A]), .empty)  // BOM then blanks
        XCTAssertEqual(reason([0xFF, 0xFE]), .empty)  // UTF-16 BOM and nothing else
        XCTAssertNil(reason(Array("  \n x".utf8)))
        XCTAssertNil(reason(Array("\u{3000}\u{200B}".utf8)))  // U+200B is not White_Space
    }

    func testTooLarge() {
        XCTAssertEqual(reason(Array(repeating: 0x41, count: 11), maxBytes: 10), .tooLarge(bytes: 11, limit: 10))
        XCTAssertNil(reason(Array(repeating: 0x41, count: 10), maxBytes: 10))
    }

    func testNULIsBinaryWherever() {
        var text = Array(String(repeating: "Xin chào Hà Nội. ", count: 1_000).utf8)
        for at in [0, 5, 7, 8, 63, 8_190, text.count - 1] {
            var bytes = text
            bytes[at] = 0
            XCTAssertEqual(reason(bytes), .binary, "NUL at \(at)")
        }
        text.append(0)  // past the 8,192 scalars the control share looks at
        XCTAssertEqual(reason(text), .binary)
        XCTAssertEqual(reason([0x41, 0xFF, 0x00, 0x42]), .binary)  // NUL wins over invalid UTF-8
        XCTAssertEqual(reason([0xEF, 0xBB, 0xBF, 0x41, 0x00]), .binary)  // after a UTF-8 BOM
        XCTAssertEqual(reason([0xFF, 0xFE, 0x41, 0x00, 0x00, 0x00]), .binary)  // U+0000 in UTF-16
    }

    func testControlHeavyInputIsUndecodable() {
        // 10% control codes is still text; just over is not.
        let ten = Array(repeating: UInt8(0x61), count: 90) + Array(repeating: UInt8(0x01), count: 10)
        XCTAssertNil(reason(ten))
        XCTAssertEqual(reason(ten + [0x7F]), .undecodable)
        // C1 controls (C2 80–C2 9F) and U+FFFD count as control codes; TAB, LF, FF, CR do not.
        let c1 = Array(String(repeating: "\u{85}\u{9F}\u{FFFD}abc", count: 50).utf8)
        XCTAssertEqual(reason(c1), .undecodable)
        XCTAssertNil(reason(Array(String(repeating: "\t\n\u{0C}\r\u{A0}\u{A9}abcd", count: 50).utf8)))
        // Windows-1252 text full of its undefined bytes (read as C1 controls).
        XCTAssertEqual(reason(Array(repeating: 0x81, count: 20) + [0x41, 0x42]), .undecodable)
    }

    func testWindows1252Fallback() throws {
        let page = try decoded(Array("Caf".utf8) + [0xE9, 0x20, 0x80, 0x20, 0x93, 0x71, 0x94, 0x0A])
        XCTAssertEqual(page.text, "Café € “q”\n")
        XCTAssertEqual(page.warnings, ["not valid UTF-8; decoded as Windows-1252"])
        // A truncated UTF-8 sequence at the very end is invalid too.
        let cut = try decoded(Array(Array("Hà Nộ".utf8).dropLast()))
        XCTAssertEqual(cut.warnings, ["not valid UTF-8; decoded as Windows-1252"])
        XCTAssertEqual(try decoded(Array("Hà Nội".utf8)).warnings, [])
    }

    func testBOMsAndUTF16() throws {
        XCTAssertEqual(try decoded([0xEF, 0xBB, 0xBF] + Array("Hà Nội".utf8)).text, "Hà Nội")
        XCTAssertEqual(reason([0xEF, 0xBB, 0xBF, 0x41, 0xFF]), .undecodable)  // no 1252 fallback after a BOM
        let le: [UInt8] = [0xFF, 0xFE, 0x48, 0x00, 0xE0, 0x00, 0x20, 0x00, 0xD9, 0x1E]
        XCTAssertEqual(try decoded(le).text, "Hà ộ")
        let be: [UInt8] = [0xFE, 0xFF, 0x00, 0x48, 0x00, 0xE0, 0x00, 0x20, 0x1E, 0xD9]
        XCTAssertEqual(try decoded(be).text, "Hà ộ")
        XCTAssertEqual(reason([0xFF, 0xFE, 0x48, 0x00, 0x49]), .undecodable)  // odd length
        XCTAssertEqual(reason([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]), .undecodable)  // lone surrogate
    }

    func testDecodedTextIsTheBytes() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let s = randomText(&rng, length: Int(rng.next() % 300) + 1)
            guard let page = try? decoded(Array(s.utf8)) else { continue }
            let expected = s.utf8.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(s.utf8.dropFirst(3)) : Array(s.utf8)  // a BOM is dropped
            XCTAssertEqual(Array(page.text.utf8), expected)
            XCTAssertEqual(page.warnings, [])
        }
    }

    /// `Decoded.normalized` skips the newline/NFC pass only when that pass would change nothing, on
    /// every decoding path (UTF-8 with and without BOM, UTF-16, Windows-1252) and past the census's
    /// scalar limit.
    func testDecodedNormalizedMatchesNormalizeNewlines() throws {
        var rng = SplitMix64(seed: 41)
        let marks: [String] = ["\r", "\r\n", "\u{301}", "\u{FEFF}", "\u{212B}", "\u{2000}", "\u{2001}", "\u{2002}", "“",
                               "\u{1EA0}", "\u{0958}", "\u{F900}", "\u{1D15E}", "\u{0300}", "\u{036F}", "\u{2ADC}", "e\u{301}"]
        for round in 0..<600 {
            let long = round % 3 == 0
            var s = randomText(&rng, length: long ? 8_100 + Int(rng.next() % 400) : Int(rng.next() % 200))
            // Drop what `randomText` mixes in that could need normalizing, then put back at most one thing.
            s = String(String.UnicodeScalarView(s.unicodeScalars.filter { $0 != "\r" && $0 != "\u{FEFF}" && !NFCCheck.mayChange($0.value) }))
            if rng.next() % 2 == 0 {
                let mark = marks[Int(rng.next() % UInt64(marks.count))]
                let scalars = Array(s.unicodeScalars)
                let at = scalars.isEmpty ? 0 : Int(rng.next() % UInt64(scalars.count + 1))
                s = String(String.UnicodeScalarView(scalars[..<at])) + mark + String(String.UnicodeScalarView(scalars[at...]))
            }
            var inputs: [[UInt8]] = [Array(s.utf8), [0xEF, 0xBB, 0xBF] + Array(s.utf8)]
            inputs.append([0xFF, 0xFE] + s.utf16.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] })
            if s.unicodeScalars.allSatisfy({ $0.value < 0x80 }) {
                inputs.append(Array(s.utf8) + [0xE9])  // invalid UTF-8: Windows-1252
            }
            for bytes in inputs {
                guard let page = try? decoded(bytes) else { continue }
                let expected = PageDecoder.normalizeNewlines(page.text)
                XCTAssertEqual(Array(page.normalized.utf8), Array(expected.utf8), s.debugDescription)
                let clean = !page.text.utf8.contains(13) && !page.text.utf8.starts(with: [0xEF, 0xBB, 0xBF])
                    && !page.text.unicodeScalars.contains { NFCCheck.mayChange($0.value) }
                XCTAssertEqual(page.isNormalized, clean, s.debugDescription)
            }
        }
    }

    // MARK: - ByteCensus

    func testCensusMatchesScalarCount() {
        var rng = SplitMix64(seed: 11)
        for round in 0..<400 {
            let length = round < 300 ? Int(rng.next() % 200) : 8_150 + Int(rng.next() % 100)
            let s = randomText(&rng, length: length, controls: true)
            let census = ByteCensus.of(s)
            XCTAssertEqual(census.looksBinary, Self.referenceLooksBinary(s), s.debugDescription)
            XCTAssertEqual(census.hasNUL, s.utf8.contains(0))
            XCTAssertEqual(census.total, min(ByteCensus.scalarLimit, s.unicodeScalars.count))
            if !census.hasNUL {
                XCTAssertEqual(census.hasCR, s.utf8.contains(13), s.debugDescription)
                XCTAssertEqual(census.mayChangeNFC, s.unicodeScalars.contains { NFCCheck.mayChange($0.value) }, s.debugDescription)
            }
        }
        // A CR, a NUL or a scalar NFC may change anywhere in a long plain page (around the scalar
        // limit and the sixteen-byte steps).
        let plain = Array(String(repeating: "The quick brown fox, 2026.\n", count: 700).utf8)
        for at in [0, 1, 7, 8, 15, 16, 17, 8_175, 8_176, 8_191, 8_192, 8_193, 8_200, plain.count - 9, plain.count - 1, plain.count] {
            for insert in [[UInt8(13)], [0], Array("\u{301}".utf8), Array("\u{2001}".utf8), Array("\u{2002}".utf8), Array("ệ".utf8)] {
                var bytes = plain
                bytes.insert(contentsOf: insert, at: at)
                let census = bytes.withUnsafeBufferPointer { ByteCensus.of($0) }
                XCTAssertEqual(census.hasNUL, insert == [0], "\(insert) at \(at)")
                guard !census.hasNUL else { continue }
                XCTAssertTrue(census.isValid)
                XCTAssertEqual(census.hasCR, insert == [13], "\(insert) at \(at)")
                XCTAssertEqual(census.mayChangeNFC, insert == Array("\u{301}".utf8) || insert == Array("\u{2001}".utf8), "\(insert) at \(at)")
                XCTAssertEqual(census.total, min(ByteCensus.scalarLimit, plain.count + 1))
                XCTAssertEqual(census.isASCII, insert.count == 1)
            }
        }
    }

    /// Control codes at every offset of a sixteen-byte step are counted (the plain-lane test must
    /// let each of them through).
    func testCensusCountsControlsAtEveryLane() {
        for b in [UInt8(1), 9, 10, 11, 12, 13, 0x1F, 0x20, 0x7E, 0x7F] {
            for at in 0..<40 {
                var bytes = Array(repeating: UInt8(0x61), count: 48)
                bytes[at] = b
                let census = bytes.withUnsafeBufferPointer { ByteCensus.of($0) }
                let isControl = b < 0x20 ? ![9, 10, 12, 13].contains(b) : b == 0x7F
                XCTAssertEqual(census.control, isControl ? 1 : 0, "byte \(b) at \(at)")
                XCTAssertEqual(census.total, 48)
                XCTAssertEqual(census.hasCR, b == 13)
            }
        }
    }

    /// The census's UTF-8 check must agree with the standard library's exactly: the decoder makes
    /// the text without validating again.
    func testCensusValidityMatchesStandardLibrary() {
        func check(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
            let expected = String(validating: bytes, as: UTF8.self) != nil
            let census = bytes.withUnsafeBufferPointer { ByteCensus.of($0) }
            if bytes.contains(0) {
                XCTAssertTrue(census.hasNUL, "\(bytes)", file: file, line: line)
            } else {
                XCTAssertEqual(census.isValid, expected, "\(bytes)", file: file, line: line)
                if expected { XCTAssertEqual(census.isASCII, bytes.allSatisfy { $0 < 0x80 }, file: file, line: line) }
            }
        }
        let tails: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0]
        // Every two-byte sequence, and every lead with edge continuations, at several offsets.
        for a in 1...255 {
            for b in 1...255 { check([UInt8(a), UInt8(b)]) }
            for b in tails {
                for c in tails {
                    for offset in [0, 5, 7, 8, 13] {
                        let pad = Array(repeating: UInt8(0x61), count: offset)
                        check(pad + [UInt8(a), b, c])
                        check(pad + [UInt8(a), b, c, 0x80] + pad)
                        check(pad + [UInt8(a), b, c, 0xBF, 0x62])
                    }
                }
            }
        }
        // Random mixes of edge bytes and valid text.
        var rng = SplitMix64(seed: 21)
        let edges: [UInt8] = [0x41, 0x0A, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED,
                              0xEE, 0xEF, 0xF0, 0xF3, 0xF4, 0xF5, 0xFF, 0xBB, 0xBD]
        for _ in 0..<20_000 {
            var bytes = Array(randomText(&rng, length: Int(rng.next() % 24)).utf8)
            for _ in 0..<Int(rng.next() % 3) {
                let at = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count + 1))
                bytes.insert(edges[Int(rng.next() % UInt64(edges.count))], at: at)
            }
            check(bytes)
        }
    }

    /// Longer runs of two- and three-byte scalars (the eight-lane check of whole words) with edge
    /// bytes inserted or overwritten anywhere, against the standard library and the reference counts.
    func testCensusOnMultibyteRunsWithDamage() {
        var rng = SplitMix64(seed: 53)
        let pieces = ["Việt", "Nam", " ", "người", "được", "Hà Nội", "ặ", "ữ", "à", "đ", "ư", "\u{A0}", "\u{85}", "\u{FFFD}", "“", "—",
                      "\u{301}", "\u{1E9E}", "\u{1F00}", "ꙮ", "\u{E000}", "\u{D7FF}", "\u{800}", "\u{7FF}", "\u{10000}", "\n", "\r", "\u{01}"]
        let edges: [UInt8] = [0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xB8, 0xBB, 0x41, 0x00]
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 40) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            var bytes = Array(text.utf8)
            for _ in 0..<Int(rng.next() % 3) {
                let edge = edges[Int(rng.next() % UInt64(edges.count))]
                let at = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
                if rng.next() % 2 == 0 || bytes.isEmpty { bytes.insert(edge, at: at) } else { bytes[at] = edge }
            }
            let census = bytes.withUnsafeBufferPointer { ByteCensus.of($0) }
            if bytes.contains(0) {
                XCTAssertTrue(census.hasNUL, "\(bytes)")
                continue
            }
            guard let valid = String(validating: bytes, as: UTF8.self) else {
                XCTAssertFalse(census.isValid, "\(bytes)")
                continue
            }
            XCTAssertTrue(census.isValid, "\(bytes)")
            XCTAssertEqual(census.looksBinary, Self.referenceLooksBinary(valid), "\(bytes)")
            XCTAssertEqual(census.total, min(ByteCensus.scalarLimit, valid.unicodeScalars.count))
            XCTAssertEqual(census.hasCR, bytes.contains(13))
            XCTAssertEqual(census.mayChangeNFC, valid.unicodeScalars.contains { NFCCheck.mayChange($0.value) }, "\(bytes)")
            XCTAssertEqual(census.isASCII, bytes.allSatisfy { $0 < 0x80 })
        }
    }

    // MARK: - normalizeNewlines

    func testNormalizeNewlines() {
        XCTAssertEqual(PageDecoder.normalizeNewlines("a\r\nb\rc\n\r\nd\r"), "a\nb\nc\n\nd\n")
        XCTAssertEqual(PageDecoder.normalizeNewlines("\u{FEFF}x\u{FEFF}"), "x\u{FEFF}")
        XCTAssertEqual(PageDecoder.normalizeNewlines("\u{FEFF}\u{FEFF}x"), "\u{FEFF}x")
        XCTAssertEqual(Array(PageDecoder.normalizeNewlines("Ha\u{300} No\u{323}\u{302}i\r\n").utf8), Array("Hà Nội\n".utf8))
        XCTAssertEqual(Array(PageDecoder.normalizeNewlines("\u{212B} \u{FB2A}").utf8), Array("\u{C5} \u{FB2A}".precomposedStringWithCanonicalMapping.utf8))
        XCTAssertEqual(PageDecoder.normalizeNewlines("Hà Nội, “Việt Nam” — 2026"), "Hà Nội, “Việt Nam” — 2026")
        XCTAssertEqual(PageDecoder.normalizeNewlines(""), "")
    }

    func testNormalizeNewlinesMatchesReference() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<500 {
            var s = randomText(&rng, length: Int(rng.next() % 120), controls: true)
            if rng.next() % 4 == 0 { s = "\u{FEFF}" + s }
            XCTAssertEqual(Array(PageDecoder.normalizeNewlines(s).utf8), Array(Self.referenceNormalize(s).utf8), s.debugDescription)
        }
    }

    // MARK: - ByteLanes

    func testByteLanes() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<20_000 {
            var bytes = (0..<8).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            if rng.next() % 2 == 0 { bytes = bytes.map { $0 & 0x7F } }
            if rng.next() % 3 == 0 { bytes[Int(rng.next() % 8)] = [0, 13, 0x7F, 0xC2, 0xEF, 0xCC, 0xCB, 0x20, 0x1F][Int(rng.next() % 9)] }
            let x = bytes.withUnsafeBufferPointer { ByteLanes.load($0.baseAddress!, 0) }
            XCTAssertEqual(ByteLanes.zeroLanes(x) != 0, bytes.contains(0))
            XCTAssertEqual(ByteLanes.lanesEqual(x, 0xC2) != 0, bytes.contains(0xC2))
            XCTAssertEqual(ByteLanes.lanesAtLeast0xCC(x).nonzeroBitCount, bytes.filter { $0 >= 0xCC }.count)
            XCTAssertEqual(ByteLanes.nonAlnumLanes(x).nonzeroBitCount, bytes.filter { !CommonWordScan.isAlnum($0) }.count)
            if bytes.allSatisfy({ $0 < 0x80 }) {
                XCTAssertEqual(ByteLanes.asciiLetterLanes(x).nonzeroBitCount, bytes.filter { ($0 | 0x20) &- 0x61 < 26 }.count)
                let lowered = bytes.map { $0 &- 65 < 26 ? $0 + 32 : $0 }
                XCTAssertEqual(ByteLanes.lowerASCII(x), lowered.withUnsafeBufferPointer { ByteLanes.load($0.baseAddress!, 0) })
            }
        }
    }

    // MARK: - LanguageDetector

    func testCommonWordHitsMatchReference() {
        let cases = [
            "The president of the Republic and his ministers", "THE OF AND", "don't stop—it's 1.5 or 1,000 well-known",
            "ÉTÉ für ÜBER Más VÀ Của NHỮNG NGƯỜI được", "\u{212A}e dan \u{212A}E", "ΣΑΣ İN in", "e\u{301}te\u{301} été",
            "a\u{2019}b x\u{2010}y 3\u{2011}4 q-1 1-2 -x x- 'a' ", "\u{301}và\u{301} \u{301}", "tersebut sebagai TERSEBUTX",
        ]
        for text in cases { assertHitsMatch(text) }
        var rng = SplitMix64(seed: 9)
        for _ in 0..<300 { assertHitsMatch(randomWords(&rng, count: Int(rng.next() % 60))) }
    }

    private func assertHitsMatch(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let new = LanguageDetector.commonWordHits(text)
        let old = Self.referenceCommonWordHits(text)
        XCTAssertEqual(new.words, old.words, text, file: file, line: line)
        XCTAssertEqual(new.hits, old.hits, text, file: file, line: line)
    }

    func testLowerMapMatchesLowercased() {
        for v in UInt32(0x80)..<0x3000 {
            guard let u = Unicode.Scalar(v) else { continue }
            let packed = CommonWordScan.LowerMap.packed(u)
            guard packed != 0 else { continue }
            let expected = Array(String(u).lowercased().utf8)
            let bytes = (0..<Int(packed >> 24)).map { UInt8(truncatingIfNeeded: packed >> UInt32(8 * $0)) }
            XCTAssertEqual(bytes, expected, "U+\(String(v, radix: 16))")
        }
    }

    func testScriptSampleMatchesReference() {
        var rng = SplitMix64(seed: 13)
        let scripts = ["Hà Nội Việt Nam ", "The city ", "ປະເທດ ", "ประเทศ ", "越南共产党 ", "ベトナム ", "베트남 ", "Генеральный ", "التقى ", "Ελλάδα ", "\u{1D400}\u{20000} "]
        for _ in 0..<200 {
            var s = ""
            for _ in 0..<Int(rng.next() % 600) { s += scripts[Int(rng.next() % UInt64(scripts.count))] }
            let limit = [3, 8, 100, 4_000][Int(rng.next() % 4)]
            var end = 0
            var new = ScriptCounts()
            TextFold.withUTF8(s) { (new, end) = ScriptCounts.sample($0, limit: limit) }
            let (old, oldEnd) = Self.referenceSample(s, limit: limit)
            XCTAssertEqual(end, oldEnd)
            XCTAssertEqual([new.letters, new.latin, new.vietnamese, new.lao, new.thai, new.han, new.kana, new.hangul, new.cyrillic, new.arabic],
                           [old.letters, old.latin, old.vietnamese, old.lao, old.thai, old.han, old.kana, old.hangul, old.cyrillic, old.arabic])
        }
    }

    func testDetectMatchesReference() {
        var rng = SplitMix64(seed: 17)
        for _ in 0..<300 {
            let text = randomWords(&rng, count: Int(rng.next() % 120))
            XCTAssertEqual(LanguageDetector.detect(text), Self.referenceDetect(text), text)
        }
    }

    /// Counting over a prefix (`end` inside the buffer) gives the counts of the prefix alone: no
    /// token reaches past the sample's end, whatever lies beyond it.
    func testCommonWordHitsStopAtSampleEnd() {
        var rng = SplitMix64(seed: 31)
        for _ in 0..<400 {
            let bytes = Array(randomWords(&rng, count: Int(rng.next() % 40)).utf8)
            var cut = Int(rng.next() % UInt64(bytes.count + 1))
            while cut < bytes.count && bytes[cut] & 0xC0 == 0x80 { cut += 1 }
            let prefix = String(decoding: bytes[..<cut], as: UTF8.self)
            let new = bytes.withUnsafeBufferPointer { CommonWordScan.hits($0, end: cut) }
            let old = Self.referenceCommonWordHits(prefix)
            XCTAssertEqual(new.words, old.words, prefix.debugDescription)
            XCTAssertEqual(new.hits, old.hits, prefix.debugDescription)
        }
    }

    /// Tokens of every length up to 20 next to each kind of ending (joining punctuation, digits,
    /// non-ASCII letters and marks, the end of the text) at every offset of an eight-byte word.
    func testCommonWordHitsAtWordBoundaries() {
        let stems = ["the", "and", "tersebut", "sebagai", "nicht", "dans", "international", "2026", "x", "abcdefgh", "abcdefghi"]
        let endings = [" ", ",", ".", "'", "-", "\u{2019}", "\u{2010}", "5", ",5", ".5", "-5", "-x", "'x", "é", "\u{301}", "ệ", "\n", "", "—", "“"]
        for stem in stems {
            for ending in endings {
                for pad in 0..<9 {
                    let text = String(repeating: " ", count: pad) + stem + ending
                    assertHitsMatch(text)
                    assertHitsMatch(text + " the of and")
                    assertHitsMatch("1" + text + "x")
                    assertHitsMatch(stem.uppercased() + ending + stem + " " + String(repeating: "z", count: pad))
                }
            }
        }
    }

    /// The detector against the reference definition on random mixes of sentences in several
    /// languages and scripts, short and longer than the 4,000-scalar sample.
    func testDetectMatchesReferenceOnLanguageMixes() {
        let sentences: [[String]] = [
            ["The minister said that the plan would be ready by the end of the year.",
             "Delegates at the meeting discussed trade, defence and education with their partners.",
             "It is the first overseas trip by the top leader, which has drawn attention from the region.",
             "He was born in 1950 and has served as the head of the agency since 2016."],
            ["Thủ tướng Phạm Minh Chính đã tiếp Đại sứ Hoa Kỳ tại Hà Nội vào chiều nay.",
             "Các đại biểu cũng thảo luận về những vấn đề được quan tâm trong khu vực.",
             "Theo Bộ Ngoại giao, hai bên sẽ tăng cường hợp tác về kinh tế và quốc phòng.",
             "Ông cho biết trong năm 2026, Việt Nam sẽ tiếp tục thúc đẩy quan hệ với Lào."],
            ["Le président de la République a reçu les ministres dans la soirée.",
             "Cette décision a été prise par le gouvernement pour soutenir l'économie.",
             "Il est aussi question des réformes qui sont attendues depuis longtemps."],
            ["Der Präsident hat die Minister am Abend empfangen und über die Lage gesprochen.",
             "Es ist nicht klar, ob die Reform noch in diesem Jahr beschlossen wird."],
            ["El presidente de la República recibió a los ministros por la noche.",
             "La reunión fue un paso más para las relaciones entre los dos países."],
            ["Presiden menerima para menteri pada malam hari untuk membahas reformasi.",
             "Kami sudah bisa melihat bahwa mereka akan datang dari Jakarta."],
            ["Генеральный секретарь встретился с президентом Лаоса во Вьентьяне.",
             "越南共产党中央委员会总书记会见老挝人民革命党中央委员会总书记。",
             "ベトナム共産党の書記長は、ラオスの国家主席と会談しました。",
             "นายกรัฐมนตรีได้พบกับคณะผู้แทนจากประเทศเวียดนาม",
             "Xyzzy plugh frobnicate 12345 quux — “blorp” (zorkmid) 3.5%.",
             "Tô Lâm, Lê Hoài Trung, Trần Thanh Mẫn, Nguyễn Xuân Phúc."],
        ]
        var rng = SplitMix64(seed: 43)
        for round in 0..<400 {
            let languages = (0..<1 + Int(rng.next() % 3)).map { _ in Int(rng.next() % UInt64(sentences.count)) }
            let count = round % 4 == 0 ? 40 + Int(rng.next() % 60) : 1 + Int(rng.next() % 12)
            var text = ""
            for _ in 0..<count {
                let group = sentences[languages[Int(rng.next() % UInt64(languages.count))]]
                var sentence = group[Int(rng.next() % UInt64(group.count))]
                if rng.next() % 6 == 0 { sentence = sentence.uppercased() }
                text += sentence + ["\n", " ", "\n\n", " - "][Int(rng.next() % 4)]
            }
            XCTAssertEqual(LanguageDetector.detect(text), Self.referenceDetect(text), text)
        }
    }

    /// The script sample near its limit, for ASCII runs broken by non-ASCII letters at every lane.
    func testScriptSampleLimitInMixedWords() {
        var rng = SplitMix64(seed: 47)
        let words = ["Việt", "Nam", "người", "the", "được", "a", "Hà Nội", "“x”", "12", "ệệệệệệệệệ", "abcdefghijk"]
        for _ in 0..<400 {
            var s = ""
            for _ in 0..<Int(rng.next() % 40) { s += words[Int(rng.next() % UInt64(words.count))] + " " }
            let limit = 1 + Int(rng.next() % 120)
            var end = 0
            var new = ScriptCounts()
            TextFold.withUTF8(s) { (new, end) = ScriptCounts.sample($0, limit: limit) }
            let (old, oldEnd) = Self.referenceSample(s, limit: limit)
            XCTAssertEqual(end, oldEnd, "\(limit) \(s)")
            XCTAssertEqual([new.letters, new.latin, new.vietnamese, new.han], [old.letters, old.latin, old.vietnamese, old.han], "\(limit) \(s)")
        }
    }

    // MARK: - Random input


    private func randomText(_ rng: inout SplitMix64, length: Int, controls: Bool = false) -> String {
        let common: [Unicode.Scalar] = ["a", "Z", " ", "\n", ".", "à", "ộ", "Đ", "ư", "\u{301}", "\u{323}", "“", "—", "\u{A0}", "\u{3000}",
                                        "\u{FEFF}", "越", "\u{1F600}", "\u{212B}", "\u{0958}", "\u{1161}"]
        let bad: [Unicode.Scalar] = ["\u{01}", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "\u{FFFD}", "\r", "\t", "\u{0C}", "\u{0B}", "\u{EFFF}"]
        var s = String.UnicodeScalarView()
        for _ in 0..<length {
            let r = rng.next()
            if controls && r % 5 == 0 {
                s.append(bad[Int(r / 5 % UInt64(bad.count))])
            } else if r % 3 == 0 {
                s.append(common[Int(r / 3 % UInt64(common.count))])
            } else {
                s.append(Unicode.Scalar(UInt8(0x61 + r / 3 % 26)))
            }
        }
        return String(s)
    }

    private func randomWords(_ rng: inout SplitMix64, count: Int) -> String {
        let words = LanguageDetector.detectionWords.values.flatMap { $0 }.sorted()
        let extra = ["Hà", "Nội", "president", "2026", "1.5", "well-known", "don't", "l'État", "ĐƯỢC", "Của", "THE", "Für", "ÜBER",
                     "x\u{2019}y", "\u{212A}e", "e\u{301}", "—", "“", "(", ",", ".", "-", "ΣΑΣ", "tersebut", "sebagai"]
        var out = ""
        for _ in 0..<count {
            let r = rng.next()
            var w = r % 2 == 0 ? words[Int(r / 2 % UInt64(words.count))] : extra[Int(r / 2 % UInt64(extra.count))]
            if r % 7 == 0 { w = w.uppercased() }
            out += w
            out += [" ", " ", " ", "", "-", ", ", "\n", "'"][Int(r / 11 % 8)]
        }
        return out
    }

    // MARK: - References (the implementations these scanners replaced)

    private static func referenceLooksBinary(_ text: String) -> Bool {
        var control = 0, total = 0
        let buf = Array(text.utf8)
        let n = buf.count
        var i = 0
        while i < n && total < 8192 {
            let b = buf[i]
            i += 1
            if b < 0x80 {
                total += 1
                if b < 0x20 {
                    if b != 9 && b != 10 && b != 13 && b != 12 { control += 1 }
                } else if b == 0x7F {
                    control += 1
                }
                continue
            }
            if b & 0xC0 == 0x80 { continue }
            total += 1
            if b == 0xC2, i < n, buf[i] <= 0x9F { control += 1 }
            if b == 0xEF, i + 1 < n, buf[i] == 0xBF, buf[i + 1] == 0xBD { control += 1 }
        }
        return total > 0 && control * 10 > total
    }

    private static func referenceNormalize(_ text: String) -> String {
        var s = text
        if s.hasPrefix("\u{FEFF}") { s.removeFirst() }
        if s.utf8.contains(13) {
            var out: [UInt8] = []
            let b = Array(s.utf8)
            var i = 0
            while i < b.count {
                if b[i] == 13 {
                    out.append(10)
                    if i + 1 < b.count && b[i + 1] == 10 { i += 1 }
                } else {
                    out.append(b[i])
                }
                i += 1
            }
            s = String(decoding: out, as: UTF8.self)
        }
        if s.unicodeScalars.contains(where: { NFCCheck.mayChange($0.value) }) {
            s = s.precomposedStringWithCanonicalMapping
        }
        return s
    }

    private static func referenceAdd(_ c: inout ScriptCounts, _ u: Unicode.Scalar) {
        let v = u.value
        if v < 0x80 {
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) { c.letters += 1; c.latin += 1 }
            return
        }
        guard u.properties.isAlphabetic else { return }
        c.letters += 1
        switch v {
        case 0x00C0...0x024F, 0x1E00...0x1EFF:
            c.latin += 1
            if ScriptCounts.isVietnamese(v) { c.vietnamese += 1 }
        case 0x0E80...0x0EFF: c.lao += 1
        case 0x0E00...0x0E7F: c.thai += 1
        case 0x3040...0x30FF, 0x31F0...0x31FF: c.kana += 1
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: c.han += 1
        case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: c.hangul += 1
        case 0x0400...0x052F: c.cyrillic += 1
        case 0x0600...0x06FF, 0x0750...0x077F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: c.arabic += 1
        default: break
        }
    }

    private static func referenceSample(_ s: String, limit: Int) -> (ScriptCounts, Int) {
        var counts = ScriptCounts()
        var end = 0, seen = 0
        for u in s.unicodeScalars where seen < limit {
            referenceAdd(&counts, u)
            end += String(u).utf8.count
            seen += 1
        }
        return (counts, end)
    }

    private static func referenceCommonWordHits(_ text: String) -> (words: Int, hits: [Int]) {
        var words = 0
        var hits = [Int](repeating: 0, count: LanguageDetector.languages.count)
        let bytes = Array(text.utf8)
        Tokenizer.scanBytes(text) { range in
            words += 1
            // Byte equality, as the replaced `WordMap` lookup (String `==` would also match
            // canonically equivalent spellings such as a decomposed "été").
            let word = Array(String(decoding: bytes[range], as: UTF8.self).lowercased().utf8)
            for (k, lang) in LanguageDetector.languages.enumerated()
            where LanguageDetector.detectionWords[lang]?.contains(where: { Array($0.utf8) == word }) == true {
                hits[k] += 1
            }
        }
        return (words, hits)
    }

    private static func referenceDetect(_ s: String) -> String? {
        var counts = ScriptCounts()
        var sample = ""
        var seen = 0
        for u in s.unicodeScalars where seen < LanguageDetector.sampleLimit {
            referenceAdd(&counts, u)
            sample.unicodeScalars.append(u)
            seen += 1
        }
        guard counts.letters >= 20 else { return nil }
        if let script = counts.dominantScript() { return script }
        guard counts.latin * 2 >= counts.letters else { return nil }
        let viShare = Double(counts.vietnamese) / Double(max(1, counts.latin))
        if viShare >= LanguageDetector.vietnameseShare { return "vi" }
        let (wordCount, hits) = referenceCommonWordHits(sample)
        let hinted = viShare >= LanguageDetector.vietnameseHint
        guard wordCount >= 4 else { return hinted ? "vi" : nil }
        var scores: [(lang: String, ratio: Double)] = []
        for (k, lang) in LanguageDetector.languages.enumerated() {
            scores.append((lang, Double(hits[k]) / Double(wordCount)))
        }
        scores.sort { $0.ratio > $1.ratio }
        guard let best = scores.first, best.ratio >= 0.08 else { return hinted ? "vi" : nil }
        if hinted && best.lang != "vi" {
            let viRatio = scores.first(where: { $0.lang == "vi" })?.ratio ?? 0
            return best.ratio >= 0.1 && best.ratio > viRatio * 2 ? best.lang : "vi"
        }
        let second = scores.count > 1 ? scores[1].ratio : 0
        guard best.ratio >= second * 1.25 else { return nil }
        return best.lang
    }
}
