import XCTest
@testable import DatelineCore

/// The byte scanners of `DateScan` must find exactly what `DateExtractor`'s regular expressions find.
final class DateScanTests: XCTestCase {
    let x = DateExtractor()

    /// Every public date reading by the scanners and by the regular-expression path.
    private func assertSame(_ s: String, file: StaticString = #filePath, line: UInt = #line) {
        let f1 = x.firstFullDate(in: s), f2 = x.regexFirstFullDate(in: s, cues: DateCues(s))?.0
        XCTAssertEqual(f1?.iso, f2?.iso, "full date of \(s.debugDescription)", file: file, line: line)
        XCTAssertEqual(f1?.time, f2?.time, "time of full date of \(s.debugDescription)", file: file, line: line)
        XCTAssertEqual(f1?.offset, f2?.offset, "offset of full date of \(s.debugDescription)", file: file, line: line)
        let years = { [2024, 2023, 2023] }
        XCTAssertEqual(x.proseDate(s, years: years), x.regexProseDate(s, years: years), "prose date of \(s.debugDescription)", file: file, line: line)
        XCTAssertEqual(x.timeOfDay(in: s), x.regexTimeOfDay(in: s), "time of \(s.debugDescription)", file: file, line: line)
        XCTAssertEqual(x.utcOffset(in: s), x.regexUTCOffset(in: s), "offset of \(s.debugDescription)", file: file, line: line)
        var expected: [Int] = []
        for l in s.split(separator: "\n") where Self.hasYear(String(l)) { x.regexLineYears(String(l), into: &expected) }
        XCTAssertEqual(x.pageYears(s), expected, "years of \(s.debugDescription)", file: file, line: line)
    }

    /// A run of exactly four ASCII digits starting 18–22 (the year-line test, written plainly).
    private static func hasYear(_ s: String) -> Bool {
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            guard b[i] >= 0x30 && b[i] <= 0x39 else { i += 1; continue }
            var j = i
            while j < b.count && b[j] >= 0x30 && b[j] <= 0x39 { j += 1 }
            if j - i == 4, let y = Int(String(decoding: b[i..<j], as: UTF8.self)), (1800...2299).contains(y) { return true }
            i = j
        }
        return false
    }

    func testTrickyFormsMatchTheRegularExpressions() {
        let cases = [
            "", " ", "07:07 | 08/12/2022 GMT+7", "in Vientiane on February 5.", "on January 26, at the Palace",
            "Feb. 5th – 7, 2026", "Sept. 5, 2024", "5 sept. 2024", "5th of January, 2024", "5 Jan., 2024", "Janu 5, 2024",
            "January 123, 2024", "May 5 12 2024", "May 5, 20245", "June 12", "june 12th,", "5 March, 2024", "x5 March",
            "\u{301}January 5, 2024", "é\u{301}January 5", "January 5\u{301}", "Jan\u{AD} 5", "_May 5", "ªMay 5", "²May 5",
            "2024-01-05", "2024-13-01", "2024-02-29T10:30", "2023-02-29", "12024-01-05", "2024-01-05 10:30:00.123  +07:00 x",
            "2024-01-05t10:30z", "2024-01-05 10:30 +07:0", "1/2/2024/", "1/2/20245", "/1/2/2024", "31/12/2024", "12/31/2024",
            "13/13/2024", "5.2.2024", "ngày 5 tháng 2 năm 2026", "NGÀY 5  THÁNG 12 NĂM 20245", "xngày 5 tháng 2 năm 2026",
            "Chiều ngày 7/12, Thủ tướng", "sáng nay 5/2", "hôm 45/13", "đêm 5/2/", "Đêm 1/12", "tối 5/123", "trưa 5/2x",
            "10:30:455", "10:305", "12:30 am", "12:30 pm", "9:05pm", "9:05 sa", "09h30 ch", "25:00", "10:61", "12:00 SA5",
            "GMT+700", "GMT+15", "UTC -05:30", "utc+07:0", "xgmt + 7", "on Friday", "Fridays", "friday", "5Thứ Hai", "aThứ Hai",
            "Thứ Bảy", "Thứ Bay", "Chủ nhật", "Chủ Nhật!", "Chủ nhậtx", "e\u{301}Chủ nhật", "a\u{A0}May\u{3000}5,\u{85}2024",
            "May\u{0B}5 2024", "May\u{1680}5", "ſept 5, 2024 and Sept 6, 2024", "Auguﬆ 5, 2024", "٥/2/2024 and 5/2/2024",
            "May 5 😀 2024", "line one 2024\nMay 5, 2024 and 6 June 2023\n\n2200-01-01 2201-01-01 1799-01-01",
        ]
        for s in cases { assertSame(s) }
    }

    /// Random sentences from date-like pieces (fixed seed), read both ways.
    func testRandomSentencesMatchTheRegularExpressions() {
        let pieces = [
            "January", "jan", "Jan.", "SEPT", "Sept.", "sep", "May", "mar", "March", "Aug.", "dec", "Decembers", "1", "5", "05", "12",
            "31", "32", "0", "123", "2024", "1999", "20245", "1799", " ", "  ", "\t", "\n", "\u{A0}", ",", ", ", ".", "/", "-", "–",
            " – ", ":", "h", "T", "Z", "+", "+07:00", "GMT", "UTC", "am", "p.m.", "sa", "ch", "st", "th", "of", "ngày", "NGÀY",
            "tháng", "năm", "sáng", "chiều", "đêm", "nay", "Thứ", "Hai", "Bảy", "Chủ", "nhật", "Monday", "Friday", "x", "_", "é",
            "\u{301}", "\u{AD}", "“", "10:30", "12:00", "8h30", "5/2", "05/12/2024", "2024-01-05", "2024-02-30T10:30", "ſ", "٥",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3000 {
            var s = ""
            for _ in 0..<(1 + next(10)) {
                s += pieces[next(pieces.count)]
                if next(2) == 0 { s += " " }
            }
            assertSame(s)
        }
    }

    func testPlainTextTest() {
        func plain(_ s: String) -> Bool {
            var result = false
            var copy = s
            copy.withUTF8 { result = DateScan.isPlain($0) }
            return result
        }
        XCTAssertTrue(plain(""))
        XCTAssertTrue(plain("Hà Nội, ngày 5 tháng 2 — “quote” 😀 € \u{3000}"))
        XCTAssertFalse(plain("ſ"))
        XCTAssertFalse(plain("Auguﬆ"))
        XCTAssertFalse(plain("٥"))
        XCTAssertFalse(plain("中文"))
    }

    /// `DateScan.isPlain` as first written (a scalar at a time), the reference for the word-at-a-time one.
    private static func referenceIsPlain(_ b: [UInt8]) -> Bool {
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0xC5 { i += 1; continue }
            if c == 0xC5 {
                if i + 1 < n && b[i + 1] == 0xBF { return false }
                i += 2; continue
            }
            if c < 0xD9 { i += 1; continue }
            if c < 0xE0 { return false }
            guard i + 2 < n else { return false }
            let c1 = b[i + 1]
            switch c {
            case 0xE1: if (c1 >= 0xB8 && c1 <= 0xBB) || (c1 == 0x9A && b[i + 2] == 0x80) { i += 3; continue }
            case 0xE2: i += 3; continue
            case 0xE3: if c1 == 0x80 { i += 3; continue }
            case 0xEF: if c1 == 0xB8 && b[i + 2] < 0x90 { i += 3; continue }
            case 0xF0: if c1 == 0x9F && b[i + 2] < 0xAB { i += 4; continue }
            default: break
            }
            return false
        }
        return true
    }

    /// `DateScan.forEachYearLine` written plainly: lines (split at LF) with a run of exactly four
    /// digits starting 18–22, each reported once.
    private static func referenceYearLines(_ b: [UInt8]) -> [[UInt8]] {
        b.split(separator: 0x0A, omittingEmptySubsequences: false).filter { line in
            hasYear(String(decoding: line, as: UTF8.self))
        }.map(Array.init)
    }

    /// Random byte strings (valid UTF-8 and not) with long ASCII runs, line feeds and years at every
    /// offset: the word-at-a-time `isPlain` and line finder agree with their plain definitions.
    func testWordAtATimeScansMatchTheirDefinitions() {
        let pieces: [[UInt8]] = [
            "abcdefgh", "a", " ", "\n", "\n\n", "2024", "1799", "20245", "x2200", "ſ", "ﬆ", "٥", "中文", "😀", "🙏",
            "ngày", "Việt", "\u{A0}", "\u{1680}", "\u{3000}", "\u{303F}", "\u{FE0F}", "é", "Ÿ", "ƀ", "\u{640}",
        ].map { Array($0.utf8) } + [[0xC5], [0xE1], [0xE1, 0xB8], [0xF0, 0x9F], [0xEF, 0xB8], [0xC4], [0xBF], [0xFF], [0x80]]
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<4000 {
            var bytes: [UInt8] = []
            for _ in 0..<next(30) { bytes += pieces[next(pieces.count)] }
            let plain = bytes.withUnsafeBufferPointer { DateScan.isPlain($0) }
            XCTAssertEqual(plain, Self.referenceIsPlain(bytes), "isPlain of \(bytes)")
            // Year lines only on valid text (the page text is a Swift string).
            guard String(validating: bytes, as: UTF8.self) != nil else { continue }
            var lines: [[UInt8]] = []
            bytes.withUnsafeBufferPointer { buf in DateScan.forEachYearLine(buf) { lines.append(Array($0)) } }
            XCTAssertEqual(lines, Self.referenceYearLines(bytes), "year lines of \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    func testYearLinesSkipNonDigitWordsExactly() {
        func lines(_ s: String) -> [String] {
            var out: [String] = []
            var copy = s
            copy.withUTF8 { buf in DateScan.forEachYearLine(buf) { out.append(String(decoding: $0, as: UTF8.self)) } }
            return out
        }
        XCTAssertEqual(lines(""), [])
        XCTAssertEqual(lines("2024"), ["2024"])
        XCTAssertEqual(lines("abcdefg 2024"), ["abcdefg 2024"])
        XCTAssertEqual(lines("abcdefgh2024\nx"), ["abcdefgh2024"])
        XCTAssertEqual(lines("x\n\nyy 1899 z\n20245 2300 1799\nViệt Nam năm 2200\n"), ["yy 1899 z", "Việt Nam năm 2200"])
        XCTAssertEqual(lines("2024 and 2025 on one line\n2026"), ["2024 and 2025 on one line", "2026"])
    }

    func testWordBoundaryLooksThroughCombiningMarks() {
        func boundary(_ s: String, _ i: Int) -> Bool {
            var result = false
            var copy = s
            copy.withUTF8 { result = DateScan($0).isWordBoundary(i) }
            return result
        }
        XCTAssertTrue(boundary("jan", 0))
        XCTAssertTrue(boundary("jan", 3))
        XCTAssertTrue(boundary("\u{301}jan", 2))       // only a mark before: as the start of text
        XCTAssertFalse(boundary("é\u{301}jan", 3))     // the mark belongs to a letter
        XCTAssertTrue(boundary("-\u{301}jan", 3))
        XCTAssertFalse(boundary("jan\u{301}", 3))      // never before a mark
        XCTAssertFalse(boundary("x\u{AD}jan", 3))      // soft hyphen (format) is looked through
        XCTAssertFalse(boundary("ªjan", 2))            // ª is alphabetic
        XCTAssertTrue(boundary("²jan", 2))
    }
}
