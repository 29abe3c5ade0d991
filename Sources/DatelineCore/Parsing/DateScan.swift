import Foundation

/// Hand-written UTF-8 matchers for `DateExtractor`'s date patterns. Each `…At` / `first…` function
/// finds exactly what the corresponding regular expression of `DateExtractor` would (same leftmost
/// match, same backtracking preferences, same groups), reading bytes instead of running ICU.
///
/// They assume `DateScan.isPlain(_:)`: no scalar that ICU would treat specially beyond what is coded
/// here (other-script decimal digits for `\d`, `ſ` and ligatures that case-fold to ASCII letters).
/// Text that is not plain goes to the regular expressions instead.
struct DateScan {
    let b: UnsafeBufferPointer<UInt8>
    let n: Int

    init(_ b: UnsafeBufferPointer<UInt8>) {
        self.b = b
        n = b.count
    }

    // MARK: - Whether the scanners apply

    /// Whether every scalar of the text is one the scanners classify exactly as ICU does: below
    /// U+0640 except `ſ` (U+017F, folds to "s"), Latin Extended Additional (Vietnamese), U+2000–U+2FFF
    /// (punctuation, symbols), U+1680, U+3000–U+303F, variation selectors and U+1F000–U+1FAFF (emoji).
    /// Outside these live the decimal digits other than 0–9 that `\d` matches and the ligatures
    /// (ﬅ, ﬆ) that case-insensitive matching reads as "st".
    static func isPlain(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        while i < n {
            // Every byte below 0xC5 passes alone (one byte further), so eight such bytes (no lane
            // with its high bit and low seven bits >= 0x45) pass together; the sum never carries.
            if let p = b.baseAddress {
                while i + 8 <= n {
                    let w = ByteLanes.load(p, i)
                    if ((w & ~ByteLanes.highs) &+ ByteLanes.splat(0x3B)) & w & ByteLanes.highs != 0 { break }
                    i += 8
                }
                guard i < n else { break }
            }
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
            case 0xE1:
                if (c1 >= 0xB8 && c1 <= 0xBB) || (c1 == 0x9A && b[i + 2] == 0x80) { i += 3; continue }
            case 0xE2:
                i += 3; continue
            case 0xE3:
                if c1 == 0x80 { i += 3; continue }
            case 0xEF:
                if c1 == 0xB8 && b[i + 2] < 0x90 { i += 3; continue }
            case 0xF0:
                if c1 == 0x9F && b[i + 2] < 0xAB { i += 4; continue }
            default:
                break
            }
            return false
        }
        return true
    }

    // MARK: - Character classes

    @inline(__always) func at(_ i: Int) -> UInt8 { i < n ? b[i] : 0 }
    @inline(__always) func isDigit(_ i: Int) -> Bool { i < n && b[i] &- 0x30 < 10 }
    /// ASCII letter `lit` (lower case) in either case at `i`.
    @inline(__always) func ci(_ i: Int, _ lit: UInt8) -> Bool { i < n && b[i] | 0x20 == lit }

    @inline(__always) func digitRun(_ i: Int) -> Int {
        var j = i
        while j < n && b[j] &- 0x30 < 10 { j += 1 }
        return j - i
    }

    /// The length of the run of ASCII letters at `i`.
    @inline(__always) func letterRun(_ i: Int) -> Int {
        var j = i
        while j < n && (b[j] | 0x20) &- 0x61 < 26 { j += 1 }
        return j - i
    }

    /// The value of the `k` ASCII digits at `i`.
    @inline(__always) func number(_ i: Int, _ k: Int) -> Int {
        var v = 0
        for j in i..<(i + k) { v = v * 10 + Int(b[j] &- 0x30) }
        return v
    }

    /// Byte length of the `\s` (Unicode White_Space) scalar at `i`, or 0.
    @inline(__always) func wsLen(_ i: Int) -> Int {
        guard i < n else { return 0 }
        let c = b[i]
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : 0 }
        switch c {
        case 0xC2:
            let c1 = at(i + 1)
            return c1 == 0x85 || c1 == 0xA0 ? 2 : 0
        case 0xE1:
            return at(i + 1) == 0x9A && at(i + 2) == 0x80 ? 3 : 0
        case 0xE2:
            let c1 = at(i + 1), c2 = at(i + 2)
            if c1 == 0x80 && (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) { return 3 }
            return c1 == 0x81 && c2 == 0x9F ? 3 : 0
        case 0xE3:
            return at(i + 1) == 0x80 && at(i + 2) == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    @inline(__always) func skipWS(_ i: Int) -> Int {
        var j = i
        while true {
            let l = wsLen(j)
            if l == 0 { return j }
            j += l
        }
    }

    /// The scalar starting at byte `i` (a lead byte of valid UTF-8).
    func scalar(at i: Int) -> UInt32 {
        let c = UInt32(b[i])
        if c < 0x80 { return c }
        if c < 0xE0 { return (c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F) }
        if c < 0xF0 { return (c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F) }
        return (c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
    }

    /// The start of the scalar that ends at byte `i` (`i > 0`).
    @inline(__always) func scalarStart(before i: Int) -> Int {
        var j = i - 1
        while j > 0 && b[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    /// ICU's `\w`: Alphabetic, marks, decimal digits, connector punctuation, ZWNJ and ZWJ.
    static func isWord(_ v: UInt32) -> Bool {
        if v < 0x80 {
            let c = UInt8(v)
            return c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 26 || c == 0x5F
        }
        if v == 0x200C || v == 0x200D { return true }
        guard let u = Unicode.Scalar(v) else { return false }
        let p = u.properties
        if p.isAlphabetic { return true }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    /// Scalars ICU's `\b` looks through (Grapheme_Extend or format characters).
    static func isTransparent(_ v: UInt32) -> Bool {
        guard v >= 0x80, let u = Unicode.Scalar(v) else { return false }
        return u.properties.isGraphemeExtend || u.properties.generalCategory == .format
    }

    /// `\p{L}`.
    static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return (UInt8(v) | 0x20) &- 0x61 < 26 }
        guard let u = Unicode.Scalar(v) else { return false }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// ICU's `\b` at byte `i` (RegexMatcher::isWordBoundary: no boundary before a combining or
    /// format character; otherwise word-ness differs from the previous non-combining character).
    @inline(__always)
    func isWordBoundary(_ i: Int) -> Bool {
        if i > 0 && i < n && b[i] < 0x80 && b[i - 1] < 0x80 { return Self.asciiWord(b[i]) != Self.asciiWord(b[i - 1]) }
        return wordBoundarySlow(i)
    }

    @inline(__always) static func asciiWord(_ c: UInt8) -> Bool { c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 26 || c == 0x5F }

    func wordBoundarySlow(_ i: Int) -> Bool {
        var current = false
        if i < n {
            let c = b[i]
            if c < 0x80 {
                current = c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 26 || c == 0x5F
            } else {
                let v = scalar(at: i)
                if Self.isTransparent(v) { return false }
                current = Self.isWord(v)
            }
        }
        var j = i
        var previous = false
        while j > 0 {
            let c = b[j - 1]
            if c < 0x80 {
                previous = c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 26 || c == 0x5F
                break
            }
            let s = scalarStart(before: j)
            let v = scalar(at: s)
            if !Self.isTransparent(v) { previous = Self.isWord(v); break }
            j = s
        }
        return current != previous
    }

    /// Whether the scalar before `i` is a letter (`(?<!\p{L})` fails).
    func letterBefore(_ i: Int) -> Bool {
        guard i > 0 else { return false }
        let c = b[i - 1]
        if c < 0x80 { return (c | 0x20) &- 0x61 < 26 }
        return Self.isLetter(scalar(at: scalarStart(before: i)))
    }

    /// Whether the scalar at `i` is a letter (`(?!\p{L})` fails).
    func letterAt(_ i: Int) -> Bool {
        guard i < n else { return false }
        return Self.isLetter(scalar(at: i))
    }

    // MARK: - Literals

    /// A word matched case-insensitively: per scalar, its lower- and upper-case UTF-8 bytes.
    struct Word {
        let units: [(lower: [UInt8], upper: [UInt8])]
        init(_ s: String) {
            units = s.unicodeScalars.map { u in (Array(String(u).utf8), Array(String(u).uppercased().utf8)) }
        }
    }

    /// End of `word` matched (any case) at `i`, or nil.
    func match(_ word: Word, at i: Int) -> Int? {
        var j = i
        for unit in word.units {
            if let k = bytes(unit.lower, at: j) { j = k } else if let k = bytes(unit.upper, at: j) { j = k } else { return nil }
        }
        return j
    }

    /// End of the exact bytes at `i`, or nil.
    @inline(__always) func bytes(_ lit: [UInt8], at i: Int) -> Int? {
        guard i + lit.count <= n else { return nil }
        for k in 0..<lit.count where b[i + k] != lit[k] { return nil }
        return i + lit.count
    }

    /// `(?:st|nd|rd|th)` at `i`: its end, or `i`.
    @inline(__always) func ordinalSuffix(_ i: Int) -> Int {
        guard i + 1 < n else { return i }
        let x = b[i] | 0x20, y = b[i + 1] | 0x20
        if (x == 0x73 && y == 0x74) || (x == 0x6E && y == 0x64) || (x == 0x72 && y == 0x64) || (x == 0x74 && y == 0x68) {
            return i + 2
        }
        return i
    }

    /// Four ASCII digits at `i`.
    @inline(__always) func fourDigits(_ i: Int) -> Bool {
        i + 4 <= n && b[i] &- 0x30 < 10 && b[i + 1] &- 0x30 < 10 && b[i + 2] &- 0x30 < 10 && b[i + 3] &- 0x30 < 10
    }

    // MARK: - Month names

    static let monthNames: [[UInt8]] = ["", "january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december"].map { Array($0.utf8) }
    /// Rest of `name` (after its first three letters) at `i + 3`, any case: the name's end or nil.
    @inline(__always) func restOfName(_ i: Int, _ name: [UInt8]) -> Int? {
        let end = i + name.count
        guard end <= n else { return nil }
        for k in 3..<name.count where b[i + k] | 0x20 != name[k] { return nil }
        return end
    }

    /// The month whose name's first three letters (any case) are at `i`, or 0.
    @inline(__always)
    func monthPrefix(at i: Int) -> Int {
        guard i + 2 < n else { return 0 }
        let key = UInt32(b[i] | 0x20) << 16 | UInt32(b[i + 1] | 0x20) << 8 | UInt32(b[i + 2] | 0x20)
        switch key {
        case 0x6A616E: return 1  // jan
        case 0x666562: return 2  // feb
        case 0x6D6172: return 3  // mar
        case 0x617072: return 4  // apr
        case 0x6D6179: return 5  // may
        case 0x6A756E: return 6  // jun
        case 0x6A756C: return 7  // jul
        case 0x617567: return 8  // aug
        case 0x736570: return 9  // sep
        case 0x6F6374: return 10  // oct
        case 0x6E6F76: return 11  // nov
        case 0x646563: return 12  // dec
        default: return 0
        }
    }

    /// Calls `body(end, month)` for each way `monthPattern` matches at `i`, in the regular
    /// expression's order of preference (full name; abbreviation with, then without, a full stop),
    /// until `body` returns true; returns whether it did.
    @inline(__always)
    func forEachMonth(at i: Int, _ body: (Int, Int) -> Bool) -> Bool {
        let month = monthPrefix(at: i)
        guard month != 0 else { return false }
        if let end = restOfName(i, Self.monthNames[month]), body(end, month) { return true }
        if month == 5 { return false }  // "may" has no abbreviation
        var j = i + 3
        if month == 9 && ci(j, 0x74) {
            if at(j + 1) == 0x2E && body(j + 2, month) { return true }
            if body(j + 1, month) { return true }
            return body(j, month)
        }
        if at(j) == 0x2E && body(j + 1, month) { return true }
        j = i + 3
        return body(j, month)
    }

    // MARK: - Full dates

    /// A full-date match: its bytes, and its date (`valid` false when the match is no calendar
    /// date: the pattern then yields nothing). Plain values only, so matches are cheap to pass around.
    struct Full {
        var start: Int
        var end: Int
        var year: Int
        var month: Int
        var day: Int
        var valid: Bool
        /// `iso` only: where the hour and the seconds start (-1: none) and the zone's bytes.
        var timeAt = -1, secondsAt = -1, zoneStart = 0, zoneEnd = 0

        init(start: Int, end: Int, year: Int, month: Int, day: Int) {
            self.start = start
            self.end = end
            self.year = year
            self.month = month
            self.day = day
            valid = DateExtractor.isValidDate(year, month, day)
        }
    }

    /// The match as `DateExtractor.firstFullDate` reports it (a valid match).
    func fullDate(_ f: Full) -> DateExtractor.FullDate {
        var d = DateExtractor.FullDate(iso: DateExtractor.isoDate(f.year, f.month, f.day) ?? "")
        if f.timeAt >= 0 {
            let seconds = f.secondsAt >= 0 ? text(f.secondsAt, f.secondsAt + 2) : "00"
            d.time = text(f.timeAt, f.timeAt + 2) + ":" + text(f.timeAt + 3, f.timeAt + 5) + ":" + seconds
        }
        if f.zoneEnd > f.zoneStart { d.offset = DateExtractor.normalizeOffset(text(f.zoneStart, f.zoneEnd)) }
        return d
    }

    /// `fullMDY` at `p`: "February 5, 2026", "Feb. 5th – 7, 2026".
    func fullMDY(at p: Int) -> Full? {
        guard monthPrefix(at: p) != 0, isWordBoundary(p) else { return nil }
        var result: Full?
        _ = forEachMonth(at: p) { m, month in
            var i = skipWS(m)
            guard i > m else { return false }
            let k = digitRun(i)
            guard k >= 1 && k <= 2 else { return false }
            let day = number(i, k)
            i = ordinalSuffix(i + k)
            func tail(_ from: Int) -> Int? {
                var j = from
                if at(j) == 0x2C { j += 1 }
                let w = skipWS(j)
                guard w > j, fourDigits(w), isWordBoundary(w + 4) else { return nil }
                return w
            }
            // (?:\s*[–-]\s*\d{1,2})? first, then without it.
            var r = skipWS(i)
            var dash = 0
            if at(r) == 0x2D { dash = 1 } else if at(r) == 0xE2 && at(r + 1) == 0x80 && at(r + 2) == 0x93 { dash = 3 }
            var y: Int? = nil
            if dash > 0 {
                r = skipWS(r + dash)
                let k2 = digitRun(r)
                if k2 >= 1 { y = tail(r + min(k2, 2)) }
            }
            if y == nil { y = tail(i) }
            guard let yy = y else { return false }
            result = Full(start: p, end: yy + 4, year: number(yy, 4), month: month, day: day)
            return true
        }
        return result
    }

    /// `\b\d{1,2}(st|nd|rd|th)?\s+(of\s+)?<month>` at `p` followed by what `rest` accepts: `rest` gets
    /// the month's end, the month and the day, and answers for the first month alternative it accepts,
    /// "of" tried first (the order the regular expressions backtrack in).
    func dayMonth<T>(at p: Int, _ rest: (_ monthEnd: Int, _ month: Int, _ day: Int) -> T?) -> T? {
        guard isWordBoundary(p) else { return nil }
        let k = digitRun(p)
        guard k >= 1 && k <= 2 else { return nil }
        let day = number(p, k)
        let i = ordinalSuffix(p + k)
        let w = skipWS(i)
        guard w > i else { return nil }
        func months(_ q: Int) -> T? {
            var result: T?
            _ = forEachMonth(at: q) { m, month in
                result = rest(m, month, day)
                return result != nil
            }
            return result
        }
        if ci(w, 0x6F) && ci(w + 1, 0x66) {
            let q = skipWS(w + 2)
            if q > w + 2, let r = months(q) { return r }
        }
        return months(w)
    }

    /// `fullDMY` at `p`: "5 February 2026", "5th of Feb., 2026".
    func fullDMY(at p: Int) -> Full? {
        dayMonth(at: p) { m, month, day in
            let j = skipWS(m)
            let y: Int
            if at(j) == 0x2C {
                y = skipWS(j + 1)
                guard y > j + 1 else { return nil }
            } else {
                guard j > m else { return nil }
                y = j
            }
            guard fourDigits(y), isWordBoundary(y + 4) else { return nil }
            return Full(start: p, end: y + 4, year: number(y, 4), month: month, day: day)
        }
    }

    /// `numeric` at `p`: "08/12/2022", "5.2.2026", "5-2-2026" (day first unless impossible).
    func numeric(at p: Int) -> Full? {
        if p > 0 {
            let c = b[p - 1]
            if c &- 0x30 < 10 || c == 0x2F || c == 0x2E { return nil }
        }
        let k1 = digitRun(p)
        guard k1 >= 1 && k1 <= 2 else { return nil }
        var i = p + k1
        guard at(i) == 0x2F || at(i) == 0x2E || at(i) == 0x2D else { return nil }
        i += 1
        let k2 = digitRun(i)
        guard k2 >= 1 && k2 <= 2 else { return nil }
        let j = i + k2
        guard at(j) == 0x2F || at(j) == 0x2E || at(j) == 0x2D else { return nil }
        guard digitRun(j + 1) == 4, at(j + 5) != 0x2F else { return nil }
        let a = number(p, k1), bb = number(i, k2), y = number(j + 1, 4)
        // Day first unless the first number cannot be a day-of-month pairing.
        let dayFirst = Full(start: p, end: j + 5, year: y, month: bb, day: a)
        return bb <= 12 && dayFirst.valid ? dayFirst : Full(start: p, end: j + 5, year: y, month: a, day: bb)
    }

    /// `iso` at `p`: "2026-02-05", "2026-02-05T07:30:00+07:00".
    func iso(at p: Int) -> Full? {
        guard digitRun(p) == 4, at(p + 4) == 0x2D, isWordBoundary(p),
              digitRun(p + 5) == 2, at(p + 7) == 0x2D, isDigit(p + 8), isDigit(p + 9) else { return nil }
        let y = number(p, 4), mo = number(p + 5, 2), d = number(p + 8, 2)
        var full = Full(start: p, end: p + 10, year: y, month: mo, day: d)
        let i = p + 10
        let c = at(i)
        guard c == 0x54 || c == 0x74 || c == 0x20, isDigit(i + 1), isDigit(i + 2), at(i + 3) == 0x3A,
              isDigit(i + 4), isDigit(i + 5) else { return full }
        var j = i + 6
        full.timeAt = i + 1
        if at(j) == 0x3A && isDigit(j + 1) && isDigit(j + 2) {
            full.secondsAt = j + 1
            j += 3
        }
        if at(j) == 0x2E && isDigit(j + 1) { j += 1 + digitRun(j + 1) }
        j = skipWS(j)
        let z = at(j)
        if z | 0x20 == 0x7A {
            full.zoneStart = j
            full.zoneEnd = j + 1
            j += 1
        } else if (z == 0x2B || z == 0x2D) && isDigit(j + 1) && isDigit(j + 2) {
            var e = 0
            if at(j + 3) == 0x3A && isDigit(j + 4) && isDigit(j + 5) { e = j + 6 } else if isDigit(j + 3) && isDigit(j + 4) { e = j + 5 }
            if e > 0 {
                full.zoneStart = j
                full.zoneEnd = e
                j = e
            }
        }
        full.end = j
        return full
    }

    static let ngay = Word("ngày"), thang = Word("tháng"), nam = Word("năm")

    /// `viFull` at `p`: "ngày 5 tháng 2 năm 2026".
    func viFull(at p: Int) -> Full? {
        guard let a = match(Self.ngay, at: p) else { return nil }
        var i = skipWS(a)
        guard i > a else { return nil }
        let k1 = digitRun(i)
        guard k1 >= 1 && k1 <= 2 else { return nil }
        let day = number(i, k1)
        var j = i + k1
        i = skipWS(j)
        guard i > j, let t = match(Self.thang, at: i) else { return nil }
        i = skipWS(t)
        guard i > t else { return nil }
        let k2 = digitRun(i)
        guard k2 >= 1 && k2 <= 2 else { return nil }
        let month = number(i, k2)
        j = i + k2
        i = skipWS(j)
        guard i > j, let m = match(Self.nam, at: i) else { return nil }
        i = skipWS(m)
        guard i > m, fourDigits(i) else { return nil }
        return Full(start: p, end: i + 4, year: number(i, 4), month: month, day: day)
    }

    @inline(__always) func text(_ s: Int, _ e: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)
    }

    /// Whether `ngày` (any case) starts at `p`: `à`/`À` two bytes after an `ng`.
    @inline(__always) func mayStartVietnameseDate(_ p: Int) -> Bool {
        ci(p, 0x6E) && ci(p + 1, 0x67) && at(p + 2) == 0xC3 && (at(p + 3) == 0xA0 || at(p + 3) == 0x80)
    }

    /// Years of every full date in the line, in the order `DateExtractor.pageYears` lists them (all
    /// `fullMDY` matches, then `fullDMY`, `numeric`, `iso`, `viFull`). One pass: each pattern's
    /// next match is looked for from the end of its previous one, as `NSRegularExpression.matches`.
    func lineYears(into years: inout [Int]) {
        var mdy: [Int] = [], dmy: [Int] = [], num: [Int] = [], iso: [Int] = [], vi: [Int] = []
        var nextMDY = 0, nextDMY = 0, nextNum = 0, nextIso = 0, nextVi = 0
        @inline(__always) func add(_ list: inout [Int], _ f: Full) {
            if (1800...2200).contains(f.year) { list.append(f.year) }
        }
        var i = 0
        while i < n {
            let c = b[i]
            if c &- 0x30 < 10 {
                let k = digitRun(i)
                // What each pattern needs right here, tested before calling it: `fullDMY` and `numeric`
                // a day of one or two digits, then a letter (ordinal), space or non-ASCII byte (`\s`),
                // resp. a separator; `iso` a four-digit year.
                if k <= 2 {
                    let d = at(i + k)
                    if d == 0x2F || d == 0x2E || d == 0x2D {
                        if i >= nextNum, let f = numeric(at: i) { add(&num, f); nextNum = f.end }
                    } else if (d | 0x20) &- 0x61 < 26 || d == 0x20 || d &- 0x09 < 5 || d >= 0x80 {
                        if i >= nextDMY, let f = fullDMY(at: i) { add(&dmy, f); nextDMY = f.end }
                    }
                } else if k == 4 && i >= nextIso, let f = self.iso(at: i) {
                    add(&iso, f); nextIso = f.end
                }
                i += k
                continue
            }
            let lower = c | 0x20
            if lower &- 0x61 < 26 {
                let e = i + letterRun(i)
                if e - i >= 3 && e - i <= 9 && i >= nextMDY && monthPrefix(at: i) != 0, let f = fullMDY(at: i) {
                    add(&mdy, f); nextMDY = f.end
                }
                if e - i >= 2 && e - 2 >= nextVi && mayStartVietnameseDate(e - 2), let f = viFull(at: e - 2) {
                    add(&vi, f); nextVi = f.end
                }
                i = e
                continue
            }
            i += 1
        }
        years += mdy
        years += dmy
        years += num
        years += iso
        years += vi
    }

    /// Calls `body` with every LF-delimited line of `buf` that holds a run of exactly four ASCII
    /// digits starting 18–22 (a plausible year), in order. Eight bytes without a digit
    /// are skipped at a time.
    static func forEachYearLine(_ buf: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base = buf.baseAddress else { return }
        let n = buf.count
        var i = 0
        var floor = 0
        while i < n {
            while i + 8 <= n {
                let y = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) ^ 0x3030_3030_3030_3030
                // Some byte of y below 10, i.e. some byte of the word an ASCII digit.
                if (y &- 0x0A0A_0A0A_0A0A_0A0A) & ~y & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            while i < n && base[i] &- 0x30 >= 10 { i += 1 }
            guard i < n else { return }
            let s = i
            while i < n && base[i] &- 0x30 < 10 { i += 1 }
            guard i - s == 4 else { continue }
            let first = base[s], second = base[s + 1]
            guard (first == 0x31 && (second == 0x38 || second == 0x39)) || (first == 0x32 && second <= 0x32) else { continue }
            // The line's start: back from the year to the last line feed, eight bytes at a time, no
            // further than the end of the previous year line.
            var start = s
            while start - 8 >= floor && ByteLanes.lanesEqual(ByteLanes.load(base, start - 8), 0x0A) == 0 { start -= 8 }
            while start > 0 && base[start - 1] != 0x0A { start -= 1 }
            var end = n
            if let newline = memchr(base + i, 0x0A, n - i) { end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) }
            body(UnsafeBufferPointer(rebasing: buf[start..<end]))
            i = end + 1
            floor = i
        }
    }

    // MARK: - Time of day and offset

    /// `time`: hour, minutes, seconds, and am/pm marker of the first match from `from`.
    func firstTime() -> (h: Int, mi: Int, sec: Int, marker: [UInt8]?)? {
        var p = 0
        while p < n {
            guard b[p] &- 0x30 < 10 else { p += 1; continue }
            let k = digitRun(p)
            defer { p += k }
            if p > 0 && b[p - 1] == 0x3A { continue }
            guard k <= 2 else { continue }
            let i = p + k
            guard at(i) == 0x3A || at(i) | 0x20 == 0x68, isDigit(i + 1), isDigit(i + 2) else { continue }
            let minutesEnd = i + 3
            let h = number(p, k), mi = number(i + 1, 2)
            if at(minutesEnd) == 0x3A && isDigit(minutesEnd + 1) && isDigit(minutesEnd + 2),
               let marker = timeTail(minutesEnd + 3) {
                return (h, mi, number(minutesEnd + 1, 2), marker)
            }
            if let marker = timeTail(minutesEnd) { return (h, mi, 0, marker) }
        }
        return nil
    }

    /// `\s*(am|pm|a\.m\.|p\.m\.|sa|ch)?(?![\d])` at `i`: nil when it cannot match, else the marker
    /// (empty when none).
    func timeTail(_ i: Int) -> [UInt8]?? {
        let w = skipWS(i)
        var len = 0
        let x = at(w) | 0x20, y = at(w + 1) | 0x20
        if (x == 0x61 || x == 0x70) && y == 0x6D {
            len = 2
        } else if (x == 0x61 || x == 0x70) && at(w + 1) == 0x2E && ci(w + 2, 0x6D) && at(w + 3) == 0x2E {
            len = 4
        } else if (x == 0x73 && y == 0x61) || (x == 0x63 && y == 0x68) {
            len = 2
        }
        if len > 0 && !isDigit(w + len) { return .some(Array(b[w..<(w + len)])) }
        if !isDigit(w) || w > i { return .some(nil) }
        return nil
    }

    /// `offset`: sign, hours and minutes of the first "GMT+7" / "UTC -05:30".
    func firstOffset() -> (sign: UInt8, h: Int, mins: Int)? {
        var p = 0
        while p + 2 < n {
            let c = b[p] | 0x20
            if (c == 0x67 && ci(p + 1, 0x6D) && ci(p + 2, 0x74)) || (c == 0x75 && ci(p + 1, 0x74) && ci(p + 2, 0x63)) {
                let s = skipWS(p + 3)
                let sign = at(s)
                if sign == 0x2B || sign == 0x2D {
                    let d = skipWS(s + 1)
                    let k = min(digitRun(d), 2)
                    if k >= 1 {
                        let j = d + k
                        var mins = 0
                        if at(j) == 0x3A && isDigit(j + 1) && isDigit(j + 2) {
                            mins = number(j + 1, 2)
                        } else if isDigit(j) && isDigit(j + 1) {
                            mins = number(j, 2)
                        }
                        return (sign, number(d, k), mins)
                    }
                }
            }
            p += 1
        }
        return nil
    }

    // MARK: - Dates in running text

    /// `partialMD` at `p`: "February 5" with no year after it.
    func partialMD(at p: Int) -> (end: Int, month: Int, day: Int)? {
        guard monthPrefix(at: p) != 0, isWordBoundary(p) else { return nil }
        var result: (Int, Int, Int)?
        _ = forEachMonth(at: p) { m, month in
            let i = skipWS(m)
            guard i > m else { return false }
            let k = digitRun(i)
            guard k >= 1 && k <= 2 else { return false }
            let e = ordinalSuffix(i + k)
            guard isWordBoundary(e), !yearFollows(e), at(e) != 0x3A, !isDigit(e) else { return false }
            result = (e, month, number(i, k))
            return true
        }
        return result
    }

    /// `(?=\s*[–-]?\s*\d*,?\s*\d{4})` at `i`.
    func yearFollows(_ i: Int) -> Bool {
        var j = skipWS(i)
        if at(j) == 0x2D { j = skipWS(j + 1) } else if at(j) == 0xE2 && at(j + 1) == 0x80 && at(j + 2) == 0x93 { j = skipWS(j + 3) }
        let k = digitRun(j)
        if k >= 4 { return true }
        j += k
        if at(j) == 0x2C { j += 1 }
        return digitRun(skipWS(j)) >= 4
    }

    /// `partialDM` at `p`: "5 February" with no year after it.
    func partialDM(at p: Int) -> (end: Int, month: Int, day: Int)? {
        dayMonth(at: p) { m, month, day in
            guard isWordBoundary(m) else { return nil }
            var j = skipWS(m)
            if at(j) == 0x2C { j += 1 }
            guard digitRun(skipWS(j)) < 4 else { return nil }
            return (m, month, day)
        }
    }

    static let viPartialWords = ["ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm"].map(Word.init)
    static let nay = Word("nay")

    /// `partialVI` at `p`: "ngày 5/2", "sáng nay 5/2".
    func partialVI(at p: Int) -> (end: Int, day: (Int, Int), month: (Int, Int))? {
        var w = -1
        switch b[p] | 0x20 {
        case 0x6E: w = match(Self.viPartialWords[0], at: p) ?? -1
        case 0x73: w = match(Self.viPartialWords[1], at: p) ?? -1
        case 0x63: w = match(Self.viPartialWords[2], at: p) ?? -1
        case 0x74: w = match(Self.viPartialWords[3], at: p) ?? match(Self.viPartialWords[4], at: p) ?? -1
        case 0xE4: w = match(Self.viPartialWords[5], at: p) ?? -1  // đ, Đ (C4 | 0x20)
        case 0x68: w = match(Self.viPartialWords[6], at: p) ?? -1
        default: return nil
        }
        guard w >= 0, isWordBoundary(p) else { return nil }
        var i = skipWS(w)
        guard i > w else { return nil }
        if let e = match(Self.ngay, at: i) ?? match(Self.nay, at: i) {
            let s = skipWS(e)
            if s > e { i = s }
        }
        let k1 = digitRun(i)
        guard k1 >= 1 && k1 <= 2, at(i + k1) == 0x2F else { return nil }
        let j = i + k1 + 1
        let k2 = digitRun(j)
        guard k2 >= 1 && k2 <= 2 else { return nil }
        let e = j + k2
        guard isWordBoundary(e), !(at(e) == 0x2F && isDigit(e + 1)) else { return nil }
        return (e, (i, k1), (j, k2))
    }

    static let weekdays: [[UInt8]] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].map { Array($0.utf8) }

    /// `weekdayEN` at `p` (case-sensitive).
    func weekdayEN(at p: Int) -> Int? {
        for name in Self.weekdays where name[0] == b[p] {
            if let e = bytes(name, at: p), isWordBoundary(p), isWordBoundary(e) { return e }
        }
        return nil
    }

    static let thu: [UInt8] = Array("hứ".utf8), chu: [UInt8] = Array("Chủ".utf8), hat: [UInt8] = Array("hật".utf8)
    static let viWeekdays: [[UInt8]] = ["Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy"].map { Array($0.utf8) }

    /// `weekdayVI` at `p` (case-sensitive): "Thứ Hai", "Chủ nhật".
    func weekdayVI(at p: Int) -> Int? {
        let c = b[p]
        var end: Int?
        if c == 0x54 || c == 0x74 {
            guard let h = bytes(Self.thu, at: p + 1) else { return nil }
            let i = skipWS(h)
            guard i > h else { return nil }
            for day in Self.viWeekdays { if let e = bytes(day, at: i) { end = e; break } }
        } else if c == 0x43 {
            guard let h = bytes(Self.chu, at: p) else { return nil }
            let i = skipWS(h)
            guard i > h, at(i) == 0x4E || at(i) == 0x6E else { return nil }
            end = bytes(Self.hat, at: i + 1)
        }
        guard let e = end, !letterBefore(p), !letterAt(e) else { return nil }
        return e
    }

    /// The first match of each pattern `DateExtractor.proseDate` reads (nil where none).
    struct ProseMatches {
        /// First matches of `iso`, `fullMDY`, `fullDMY`, `viFull`, `numeric` (the order
        /// `firstFullDate` considers them in), and which of them are found.
        var iso: Full?, mdy: Full?, dmy: Full?, viFull: Full?, num: Full?
        var fullDone: UInt8 = 0
        var md: (start: Int, end: Int, month: Int, day: Int)?
        var mdDone = false
        var dm: (start: Int, end: Int, month: Int, day: Int)?
        var dmDone = false
        var vi: (start: Int, end: Int, day: (Int, Int), month: (Int, Int))?
        var viDone = false
        var en: (start: Int, end: Int)?
        var enDone = false
        var vw: (start: Int, end: Int)?
        var vwDone = false
    }

    /// One pass over the text finding the first match of every date pattern: candidates are tried
    /// only where a match can start (a digit run, an ASCII letter run, `ngà`, `đ`).
    func proseMatches(fullOnly: Bool) -> ProseMatches {
        var r = ProseMatches()
        if fullOnly { r.mdDone = true; r.dmDone = true; r.viDone = true; r.enDone = true; r.vwDone = true }
        /// Whether pattern `k` (a `fullDone` bit) still needs its first match.
        @inline(__always) func open(_ k: UInt8) -> Bool { r.fullDone & k == 0 }
        var i = 0
        while i < n {
            let c = b[i]
            if c &- 0x30 < 10 {
                let k = digitRun(i)
                if open(1), let f = iso(at: i) { r.iso = f; r.fullDone |= 1 }
                if open(4), let f = fullDMY(at: i) { r.dmy = f; r.fullDone |= 4 }
                if open(16), let f = numeric(at: i) { r.num = f; r.fullDone |= 16 }
                if !r.dmDone, let m = partialDM(at: i) { r.dm = (i, m.end, m.month, m.day); r.dmDone = true }
                i += k
                continue
            }
            let lower = c | 0x20
            if lower &- 0x61 < 26 {
                let run = letterRun(i)
                let e = i + run
                // A month name is a whole run of ASCII letters (a full stop, space or comma follows).
                if run >= 3 && run <= 9 && monthPrefix(at: i) != 0 {
                    if open(2), let f = fullMDY(at: i) { r.mdy = f; r.fullDone |= 2 }
                    if !r.mdDone, let m = partialMD(at: i) { r.md = (i, m.end, m.month, m.day); r.mdDone = true }
                }
                // "ngày", "sáng", "chiều", "tối", "trưa", "hôm", "Thứ", "Chủ": 1–3 ASCII letters, then a
                // non-ASCII one.
                if run <= 3 && at(e) >= 0x80 {
                    if !r.viDone, let m = partialVI(at: i) { r.vi = (i, m.end, m.day, m.month); r.viDone = true }
                    if !r.vwDone && run == 2, let m = weekdayVI(at: i) { r.vw = (i, m); r.vwDone = true }
                }
                // An English weekday is a whole run ending in "day".
                if !r.enDone && run >= 6 && b[e - 1] == 0x79 && b[e - 2] == 0x61 && b[e - 3] == 0x64, let m = weekdayEN(at: i) {
                    r.en = (i, m); r.enDone = true
                }
                // "ngày" may also start inside a run of letters ("xngày 5 tháng 2 năm 2026").
                if open(8) && e - i >= 2 && mayStartVietnameseDate(e - 2), let f = viFull(at: e - 2) { r.viFull = f; r.fullDone |= 8 }
                i = e
                continue
            }
            if c == 0xC4 && (at(i + 1) == 0x91 || at(i + 1) == 0x90) && !r.viDone, let m = partialVI(at: i) {
                r.vi = (i, m.end, m.day, m.month); r.viDone = true
            }
            i += 1
        }
        return r
    }

    /// The earliest valid full date among the patterns' first matches, as `firstFullDate` chooses it.
    static func earliestFull(_ r: ProseMatches) -> Full? {
        var best: Full?
        @inline(__always) func consider(_ f: Full?) {
            if let f, f.valid, best == nil || f.start < best!.start { best = f }
        }
        consider(r.iso)
        consider(r.mdy)
        consider(r.dmy)
        consider(r.viFull)
        consider(r.num)
        return best
    }
}
