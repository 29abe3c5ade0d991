@testable import DatelineCore
import Foundation
import DatelineTestSupport
import XCTest

/// The byte-level paths of the page heuristics (`FastScan`'s prefix/suffix/trim/contains helpers,
/// `BylineDetector`'s dateline split and credit parts, `EntityKey.make`, teaser dedupe) must answer
/// exactly as the definitions they replaced (kept below as `Reference`) on any text.
final class AnalyzerFastPathTests: XCTestCase {
    /// Pieces that reach every branch: dateline and sign-off shapes, dashes, separators, Vietnamese
    /// (precomposed and decomposed), characters with canonical singletons (Kelvin K, Greek ;), grapheme
    /// extenders, CR LF, CJK, emoji, controls.
    private static let pieces = [
        "Vientiane", "(VNA)", "VNA", "VNS", "TTXVN", "VOV.VN", "Chinhphu.vn", "vietnamplus.vn", "HÀ NỘI", "Hà Nội",
        "HCM CITY", ", 5/2 ", " – ", " - ", " — ", "-", "–", "—", "\u{2012}", "\u{2015}", " ", "  ", "\u{A0}", ")", "(",
        "/", ",", "&", "+", ".", ":", "»", ">", "›", "|", "home", "trang chu", "http://", "https://", "www.", "![",
        "[![", "](", "./.", " /.", "’", "'", "\"", "“", "By ", "by ", "theo ", "2 minutes ago", "K", "k", "\u{212A}",
        ";", "\u{37E}", "e\u{301}", "\u{301}", "\u{300}", "\u{323}", "ộ", "Ử", "đ", "Đ", "\u{1E9E}", "\r", "\n",
        "\r\n", "\t", "\u{7}", "中文", "😀", "\u{200D}", "\u{600}", "ß", "ﬁ", "Ω", "\u{2126}", "The", "talks", "said",
        "2024", "A", "Z", "x",
    ]

    private func randomText(_ rng: inout SplitMix64, maxPieces: UInt64 = 24) -> String {
        var s = ""
        for _ in 0..<Int(rng.next() % maxPieces) { s += rng.pick(Self.pieces) }
        return s
    }

    private let detector = BylineDetector(catalog: .bundled, gazetteer: .bundled)

    func testPrefixAndSuffixMatchTheStringMethods() {
        var rng = SplitMix64(seed: 11)
        let needles = ["![", "[![", "http://", "www.", "home", "trang chu", "./.", " /.", ".", ":", ")", "k", "by ",
                       "vn", "com", "comvn", "", ";", "a b"]
        for _ in 0..<40_000 {
            let s = randomText(&rng, maxPieces: 6)
            let needle = rng.pick(needles)
            XCTAssertEqual(FastScan.hasASCIIPrefix(s, needle), s.hasPrefix(needle), "\(Array(s.unicodeScalars)) \(needle)")
            XCTAssertEqual(FastScan.hasASCIISuffix(s, needle), s.hasSuffix(needle), "\(Array(s.unicodeScalars)) \(needle)")
            // Also with the needle at the edge, where the bytes match.
            for t in [needle + s, s + needle] {
                XCTAssertEqual(FastScan.hasASCIIPrefix(t, needle), t.hasPrefix(needle), "\(Array(t.unicodeScalars)) \(needle)")
                XCTAssertEqual(FastScan.hasASCIISuffix(t, needle), t.hasSuffix(needle), "\(Array(t.unicodeScalars)) \(needle)")
            }
        }
    }

    func testEdgeCasesOfPrefixAndSuffix() {
        XCTAssertTrue(FastScan.hasASCIIPrefix("home > x", "home"))
        XCTAssertFalse(FastScan.hasASCIIPrefix("hom", "home"))
        XCTAssertFalse(FastScan.hasASCIIPrefix("home\u{301}", "home"))  // é is not e
        XCTAssertFalse(FastScan.hasASCIISuffix("x)\u{301}", ")"))
        XCTAssertEqual(FastScan.hasASCIISuffix("\u{600})", ")"), "\u{600})".hasSuffix(")"))  // a prepend joins ")"
        XCTAssertEqual(FastScan.hasASCIIPrefix("\u{212A}m", "km"), "\u{212A}m".hasPrefix("km"))
        XCTAssertTrue(FastScan.hasASCIISuffix("Hà Nội ./.", "./."))
        XCTAssertTrue(FastScan.hasASCIIPrefix("", ""))
        XCTAssertFalse(FastScan.hasASCIIPrefix("", "a"))
    }

    func testTrimMatchesTheScalarDefinition() {
        var rng = SplitMix64(seed: 12)
        for _ in 0..<20_000 {
            let s = randomText(&rng, maxPieces: 8)
            for extra in ["", " .", " :.>»-–—|", " -–—()[]./", "\u{301}"] {
                XCTAssertEqual(FastScan.trim(s, extra), Reference.trim(s, extra), "\(Array(s.unicodeScalars)) \(extra)")
            }
        }
        XCTAssertEqual(FastScan.trim("  \u{A0}x\u{200B} "), "x")
        XCTAssertEqual(FastScan.trim(" . ", " ."), "")
    }

    func testFirstOffsetMatchesTheByteLoop() {
        var rng = SplitMix64(seed: 20)
        for _ in 0..<20_000 {
            let haystack = randomText(&rng, maxPieces: 20)
            let needle = rng.next() % 3 == 0 ? randomText(&rng, maxPieces: 2) : rng.pick(Self.pieces)
            XCTAssertEqual(FastScan.firstOffset(of: needle, in: haystack), Reference.firstOffset(of: needle, in: haystack),
                           "\(Array(haystack.unicodeScalars)) \(Array(needle.unicodeScalars))")
        }
        XCTAssertEqual(FastScan.firstOffset(of: "ab", in: "aab"), 1)
        XCTAssertEqual(FastScan.firstOffset(of: "", in: "x"), 0)
        XCTAssertNil(FastScan.firstOffset(of: "abc", in: "ab"))
    }

    func testContainsASCIIAgreesWithFoundationWhenItDecides() {
        var rng = SplitMix64(seed: 13)
        var decided = 0
        for _ in 0..<20_000 {
            let s = randomText(&rng, maxPieces: 6)
            for (byte, needle) in [(UInt8(0x20), " "), (0x2E, ".")] {
                if let answer = FastScan.containsASCII(s, byte) {
                    decided += 1
                    XCTAssertEqual(answer, s.contains(needle), "\(Array(s.unicodeScalars)) \(needle)")
                }
            }
        }
        XCTAssertGreaterThan(decided, 10_000)
        XCTAssertEqual(FastScan.containsASCII("Hà Nội", 0x20), true)
        XCTAssertEqual(FastScan.containsASCII("VOV.VN", 0x20), false)
        XCTAssertNil(FastScan.containsASCII(".\u{301}", 0x2E))
    }

    func testDatelinePrefixMatchesTheScalarDefinition() {
        var rng = SplitMix64(seed: 14)
        var found = 0
        for round in 0..<30_000 {
            // Dateline-shaped openings often, arbitrary text otherwise; long paragraphs sometimes.
            var text = round % 2 == 0 ? rng.pick(["Vientiane (VNA)", "HÀ NỘI", "VOV.VN", "Hà Nội, 5/2 (TTXVN)", "(VNA)", ""]) : ""
            text += randomText(&rng, maxPieces: 12)
            if round % 3 == 0 { text += rng.pick([" – ", " - ", " — ", ") – "]) + randomText(&rng, maxPieces: 10) }
            if round % 97 == 0 { text = String(repeating: "x ", count: Int(rng.next() % 100)) + text }
            let new = detector.datelinePrefix(text)
            let old = Reference.datelinePrefix(detector, text)
            XCTAssertEqual(new?.place, old?.place, "\(Array(text.unicodeScalars))")
            XCTAssertEqual(new?.sources, old?.sources, "\(Array(text.unicodeScalars))")
            XCTAssertEqual(new?.rest, old?.rest, "\(Array(text.unicodeScalars))")
            if new != nil { found += 1 }
        }
        XCTAssertGreaterThan(found, 300)
        // Around the 90-scalar limit, with one-, two- and three-byte scalars and combining marks before
        // the dash: an all-caps one-word place is accepted only while the dash is early enough.
        for unit in ["X", "Ộ", "É", "E\u{301}", "Ա"] {
            var outcomes = Set<Bool>()
            for k in 40...95 {
                let text = String(repeating: unit, count: k) + " – Text of the story."
                let new = detector.datelinePrefix(text), old = Reference.datelinePrefix(detector, text)
                XCTAssertEqual(new?.place, old?.place, "\(unit) \(k)")
                XCTAssertEqual(new?.rest, old?.rest, "\(unit) \(k)")
                outcomes.insert(new != nil)
            }
            XCTAssertEqual(outcomes, [true, false], unit)
        }
        let vna = detector.datelinePrefix("Vientiane (VNA) – The two countries agreed.")
        XCTAssertEqual(vna?.place, "Vientiane")
        XCTAssertEqual(vna?.sources, ["VNA"])
        XCTAssertEqual(vna?.rest, "The two countries agreed.")
        XCTAssertNil(detector.datelinePrefix(String(repeating: "word ", count: 20) + "– The end."))  // dash too late
    }

    func testDashScanMatchesTheByteLoop() {
        var rng = SplitMix64(seed: 15)
        for _ in 0..<20_000 {
            var s = randomText(&rng, maxPieces: 30)
            let shown = Array(s.unicodeScalars)
            s.withUTF8 { buf in
                for spaceAfter in [false, true] {
                    let before: (UInt8) -> Bool = { $0 == 0x20 || (spaceAfter && $0 == 0x29) }
                    XCTAssertEqual(BylineDetector.hasDash(buf, after: before, spaceAfter: spaceAfter),
                                   Reference.hasDash(buf, after: before, spaceAfter: spaceAfter), "\(shown)")
                }
            }
        }
    }

    func testCreditsMatchTheCharacterSplit() {
        var rng = SplitMix64(seed: 16)
        for _ in 0..<20_000 {
            let s = randomText(&rng, maxPieces: 8)
            XCTAssertEqual(BylineDetector.creditParts(s), Reference.creditParts(s), "\(Array(s.unicodeScalars))")
            XCTAssertEqual(detector.credit(s), Reference.credit(detector, s), "\(Array(s.unicodeScalars))")
        }
        XCTAssertEqual(detector.splitCredits("VNA/VNS"), ["VNA", "VNS"])
        XCTAssertEqual(detector.splitCredits("TTXVN, VOV.VN"), ["VNA", "VOV"])
    }

    func testEntityKeyMatchesTheScalarFilter() {
        var rng = SplitMix64(seed: 17)
        for _ in 0..<20_000 {
            let s = randomText(&rng, maxPieces: 8)
            XCTAssertEqual(EntityKey.make(s), Reference.entityKey(s), "\(Array(s.unicodeScalars))")
        }
        XCTAssertEqual(EntityKey.make("Việt Nam"), "vietnam")
        XCTAssertEqual(EntityKey.make("vov.vn"), "vovvn")
        XCTAssertEqual(SourceCatalog.bundled.canonical("www.vietnamplus.vn"), "VietnamPlus")
    }

    func testRelativeTimeMatchesTheUnitList() {
        var rng = SplitMix64(seed: 18)
        for _ in 0..<5_000 {
            let text = randomText(&rng, maxPieces: 6) + rng.pick(["", "2 minutes ago", "3 giờ trước", "Hôm qua"])
            let line = PageLine(index: 0, text: FastScan.trim(text), blankBefore: false)
            let old = line.words <= 6
                && (PagePhrases.relativeTimeUnits.contains { FastScan.contains(line.folded, $0) }
                    || PagePhrases.relativeTimeWords.contains { line.folded == $0 })
            XCTAssertEqual(BylineDetector.isRelativeTime(line), old, text)
        }
    }

    func testDedupeKeepsTheFirstOfEachTitleWithTheFirstSummary() {
        var rng = SplitMix64(seed: 19)
        let titles = ["Talks in Hanoi", "talks in hanoi", "Talks in Hà Nội", "Talks in Ha\u{300} Noi", "Other news", "中文", ""]
        for round in 0..<2_000 {
            // Short lists take the linear path, long ones the dictionary.
            let count = round % 10 == 0 ? 30 + Int(rng.next() % 20) : Int(rng.next() % 12)
            let teasers = (0..<count).map { _ in
                Teaser(title: rng.pick(titles) + rng.pick(["", " ", "!"]), summary: rng.pick([nil, "A summary.", "Another."]))
            }
            let new = PageAnalyzer.dedupe(teasers, keys: teasers.map { TextFold.key($0.title) })
            XCTAssertEqual(new, Reference.dedupe(teasers))
        }
    }
}

/// The definitions the fast paths replaced, as they were.
private enum Reference {
    static func firstOffset(of needle: String, in haystack: String) -> Int? {
        let h = Array(haystack.utf8), n = Array(needle.utf8)
        guard !n.isEmpty else { return 0 }
        guard h.count >= n.count else { return nil }
        for i in 0...(h.count - n.count) where Array(h[i..<(i + n.count)]) == n { return i }
        return nil
    }

    static func trim(_ s: some StringProtocol, _ extra: String = "") -> String {
        var result: String?
        TextFold.withUTF8(s) { buf in
            guard buf.count > 0 else { result = ""; return }
            let extraScalars = extra.unicodeScalars
            func drop(_ u: Unicode.Scalar) -> Bool {
                FastScan.isSpace(u) || (!extraScalars.isEmpty && extraScalars.contains(u))
            }
            var start = 0, end = buf.count
            while start < end {
                let (u, len) = UTF8Scan.decode(buf, at: start)
                if !drop(u) { break }
                start += len
            }
            while end > start {
                let before = UTF8Scan.start(before: end, in: buf)
                if drop(UTF8Scan.decode(buf, at: before).scalar) { end = before } else { break }
            }
            if start == 0 && end == buf.count { return }
            result = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self)
        }
        return result ?? String(s)
    }

    static func hasDash(_ bytes: UnsafeBufferPointer<UInt8>, after before: (UInt8) -> Bool, spaceAfter: Bool) -> Bool {
        let n = bytes.count
        var i = 1
        while i < n {
            let b = bytes[i]
            var end = -1
            if b == 0x2D {
                end = i + 1
            } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] >= 0x92, bytes[i + 2] <= 0x95 {
                end = i + 3
            }
            if end > 0, before(bytes[i - 1]), !spaceAfter || (end < n && bytes[end] == 0x20) { return true }
            i += 1
        }
        return false
    }

    static func datelinePrefix(_ d: BylineDetector, _ text: String) -> BylineDetector.DatelinePrefix? {
        let scalars = Array(text.unicodeScalars.prefix(90))
        var dashAt: Int?
        for i in 1..<max(1, scalars.count - 1) where BylineDetector.isDash(scalars[i]) {
            let before = scalars[i - 1], after = scalars[i + 1]
            if after == " " && (before == " " || before == ")") { dashAt = i; break }
        }
        guard let dash = dashAt else { return nil }
        let prefix = trim(String(String.UnicodeScalarView(scalars[0..<dash])))
        let restStart = text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: dash + 1)
        let rest = trim(String(text.unicodeScalars[restStart...]))
        guard !prefix.isEmpty, !rest.isEmpty, let first = rest.unicodeScalars.first,
              first.properties.isUppercase || first.properties.numericType != nil || "\"“‘'".unicodeScalars.contains(first)
        else { return nil }
        if prefix.hasSuffix(")"), let open = prefix.lastIndex(of: "(") {
            let inner = String(prefix[prefix.index(after: open)..<prefix.index(before: prefix.endIndex)])
            let credits = d.splitCredits(inner)
            guard !credits.isEmpty else { return nil }
            var placePart = trim(prefix[..<open])
            if let comma = placePart.firstIndex(of: ",") { placePart = String(placePart[..<comma]) }
            let place = placePart.isEmpty ? nil : d.canonicalPlace(placePart, strict: false)
            if !placePart.isEmpty && place == nil { return nil }
            return BylineDetector.DatelinePrefix(place: place, sources: credits, rest: rest)
        }
        if !prefix.contains(" "), prefix.contains("."), let source = d.domainSource(prefix) {
            return BylineDetector.DatelinePrefix(place: nil, sources: [source], rest: rest)
        }
        let words = PageLine.countWords(prefix)
        guard words >= 1, words <= 4 else { return nil }
        let letters = prefix.unicodeScalars.filter { $0.properties.isAlphabetic }
        guard letters.count >= 2 else { return nil }
        let allCaps = letters.allSatisfy { !$0.properties.isLowercase }
        if allCaps, let place = d.canonicalPlace(prefix, strict: false) {
            return BylineDetector.DatelinePrefix(place: place, sources: [], rest: rest)
        }
        if let place = d.canonicalPlace(prefix, strict: true) {
            return BylineDetector.DatelinePrefix(place: place, sources: [], rest: rest)
        }
        return nil
    }

    static func creditParts(_ raw: String) -> [String] {
        raw.split(whereSeparator: { $0 == "/" || $0 == "," || $0 == "&" || $0 == "+" })
            .map { trim($0) }
            .filter { !$0.isEmpty }
    }

    static func credit(_ d: BylineDetector, _ raw: String) -> String? {
        let s = trim(raw, " -–—()[].:")
        guard !s.isEmpty else { return nil }
        if let known = canonical(SourceCatalog.bundled, s) { return known }
        if !s.contains(" "), s.contains("."), let domain = d.domainSource(s) { return domain }
        let letters = s.unicodeScalars
        if letters.count >= 2, letters.count <= 8,
           letters.allSatisfy({ $0.properties.isUppercase || $0.properties.numericType != nil }),
           letters.contains(where: { $0.properties.isUppercase }) {
            return s
        }
        return nil
    }

    static let catalogKeys = Dictionary(
        SourceCatalog.bundled.outlets.flatMap { o in ([o.name] + o.aliases).map { (entityKey($0), o.name) } },
        uniquingKeysWith: { _, last in last })

    static func canonical(_ catalog: SourceCatalog, _ credit: String) -> String? {
        let keys = catalogKeys
        var key = entityKey(credit)
        if let hit = keys[key] { return hit }
        for suffix in ["comvn", "vn", "com", "net", "org", "la", "gov"] where key.hasSuffix(suffix) && key.count > suffix.count + 1 {
            key.removeLast(suffix.count)
            if key.hasPrefix("www") { key.removeFirst(3) }
            if let hit = keys[key] { return hit }
        }
        return nil
    }

    static func entityKey(_ s: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for u in TextFold.key(s).unicodeScalars where ScalarClass.has(u, ScalarClass.alphabetic | ScalarClass.numeric) {
            out.append(u)
        }
        return String(out)
    }

    static func dedupe(_ teasers: [Teaser]) -> [Teaser] {
        var out: [Teaser] = []
        var index: [String: Int] = [:]
        for t in teasers {
            let key = TextFold.key(t.title)
            if let i = index[key] {
                if out[i].summary == nil { out[i].summary = t.summary }
                continue
            }
            index[key] = out.count
            out.append(t)
        }
        return out
    }
}
