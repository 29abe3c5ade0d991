import Foundation

/// A date found on a page, with how sure we are of it and the words it came from.
struct FoundDate: Equatable {
    var date: String?
    var datetime: String?
    var confidence: DateConfidence
    var text: String
}

/// Finds an article's date: a page's own timestamp line ("07:07 | 08/12/2022 GMT+7"), a full date in
/// the opening paragraphs ("February 5, 2026"), a day and month whose year comes from other full dates
/// on the page ("on February 5" → inferred), or only a weekday ("on Friday" → no date).
/// Numeric dates are read day first (as almost everywhere outside the US) unless that is impossible.
struct DateExtractor {
    private static let monthPattern = "january|february|march|april|may|june|july|august|september|october|november|december|jan\\.?|feb\\.?|mar\\.?|apr\\.?|jun\\.?|jul\\.?|aug\\.?|sept?\\.?|oct\\.?|nov\\.?|dec\\.?"
    private static func re(_ p: String, _ opts: NSRegularExpression.Options = [.caseInsensitive]) -> NSRegularExpression {
        // Patterns are compile-time constants; a failure here is a programming error caught by tests.
        try! NSRegularExpression(pattern: p, options: opts)
    }

    static let fullMDY = re("\\b(\(monthPattern))\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[–-]\\s*\\d{1,2})?,?\\s+(\\d{4})\\b")
    static let fullDMY = re("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(\(monthPattern))\\s*,?\\s+(\\d{4})\\b")
    static let numeric = re("(?<![\\d/.])(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})(?![\\d/])")
    static let iso = re("\\b(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?\\s*(Z|[+-]\\d{2}:?\\d{2})?)?")
    static let viFull = re("ngày\\s+(\\d{1,2})\\s+tháng\\s+(\\d{1,2})\\s+năm\\s+(\\d{4})")
    static let time = re("(?<![\\d:])(\\d{1,2})[:h](\\d{2})(?::(\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.|sa|ch)?(?![\\d])")
    static let offset = re("(?:GMT|UTC)\\s*([+-])\\s*(\\d{1,2})(?::?(\\d{2}))?")
    static let partialMD = re("\\b(\(monthPattern))\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s*[–-]?\\s*\\d*,?\\s*\\d{4})(?![:\\d])")
    static let partialDM = re("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(\(monthPattern))\\b(?!\\s*,?\\s*\\d{4})")
    static let partialVI = re("\\b(?:ngày|sáng|chiều|tối|trưa|đêm|hôm)\\s+(?:ngày\\s+|nay\\s+)?(\\d{1,2})/(\\d{1,2})\\b(?!/\\d)")
    static let weekdayEN = re("\\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b", [])
    static let weekdayVI = re("(?<!\\p{L})((?:[Tt]hứ\\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy))|Chủ\\s+[Nn]hật)(?!\\p{L})", [])

    /// The literal names `weekdayEN` needs (it is case-sensitive): a cheap exact pre-check.
    static let weekdayNames = PhraseMatcher(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])

    private static let monthNumbers: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    static func month(_ name: String) -> Int? {
        monthNumbers[String(name.lowercased().prefix(3))]
    }

    // MARK: - Page timestamp lines

    /// A full date (and time, and offset) in a short meta line such as "07:07 | 08/12/2022 GMT+7".
    /// The line is tested for plainness once for all three readings (`DateScan.isPlain`).
    func metaDate(_ line: String) -> FoundDate? {
        var plain = false
        var found: FoundDate?
        TextFold.withUTF8(line) { buf in
            guard DateScan.isPlain(buf) else { return }
            plain = true
            let s = DateScan(buf)
            found = metaDate(line, full: scannedFullDate(s), time: { scannedTime(s) }, offset: { scannedOffset(s) })
        }
        if plain { return found }
        return metaDate(line, full: regexFirstFullDate(in: line, cues: DateCues(line))?.0,
                        time: { regexTimeOfDay(in: line) }, offset: { regexUTCOffset(in: line) })
    }

    /// `metaDate` from the line's first full date and its readers of time of day and UTC offset.
    private func metaDate(_ line: String, full: FullDate?, time: () -> String?, offset: () -> String?) -> FoundDate? {
        guard let full else { return nil }
        var found = FoundDate(date: full.iso, datetime: nil, confidence: .explicit, text: line)
        if let t = full.time ?? time() {
            let off = full.offset ?? offset()
            found.datetime = "\(full.iso)T\(t)\(off ?? "")"
        }
        return found
    }

    struct FullDate {
        var iso: String
        var time: String?
        var offset: String?
    }

    /// The earliest full calendar date in the text, in any supported notation.
    func firstFullDate(in text: String) -> FullDate? {
        scanned(text, scannedFullDate, else: {
            regexFirstFullDate(in: text, cues: DateCues(text))?.0
        })
    }

    private func scannedFullDate(_ s: DateScan) -> FullDate? {
        DateScan.earliestFull(s.proseMatches(fullOnly: true)).map { s.fullDate($0) }
    }

    /// `scan` over the text's bytes when the byte scanners model all of it (`DateScan.isPlain`),
    /// else `fallback`: the regular-expression path.
    private func scanned<T>(_ text: String, _ scan: (DateScan) -> T?, else fallback: () -> T?) -> T? {
        var plain = false
        var found: T?
        TextFold.withUTF8(text) { buf in
            guard DateScan.isPlain(buf) else { return }
            plain = true
            found = scan(DateScan(buf))
        }
        return plain ? found : fallback()
    }

    // MARK: - Regular-expression path (text the byte scanners do not cover; see `DateScan.isPlain`)

    /// `firstFullDate(in:)` by regular expressions, running only the patterns whose cues occur in
    /// the text; with the date's range.
    func regexFirstFullDate(in text: String, cues: DateCues) -> (FullDate, NSRange)? {
        guard cues.anyFullDate else { return nil }
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var best: (FullDate, NSRange)?
        func consider(_ candidate: (FullDate, NSRange)?) {
            guard let c = candidate else { return }
            if best == nil || c.1.location < best!.1.location { best = c }
        }
        func group(_ m: NSTextCheckingResult, _ i: Int) -> String? {
            let r = m.range(at: i)
            return r.location == NSNotFound ? nil : ns.substring(with: r)
        }
        if cues.digitDashDigit, let m = Self.iso.firstMatch(in: text, range: whole),
           let y = Int(group(m, 1) ?? ""), let mo = Int(group(m, 2) ?? ""), let d = Int(group(m, 3) ?? ""),
           let iso = Self.isoDate(y, mo, d) {
            var c = FullDate(iso: iso)
            if let h = group(m, 4), let mi = group(m, 5) { c.time = "\(h):\(mi):\(group(m, 6) ?? "00")" }
            if let z = group(m, 7) { c.offset = Self.normalizeOffset(z) }
            consider((c, m.range))
        }
        if cues.monthName, let m = Self.fullMDY.firstMatch(in: text, range: whole),
           let mo = Self.month(group(m, 1) ?? ""), let d = Int(group(m, 2) ?? ""), let y = Int(group(m, 3) ?? ""),
           let iso = Self.isoDate(y, mo, d) {
            consider((FullDate(iso: iso), m.range))
        }
        if cues.monthName, let m = Self.fullDMY.firstMatch(in: text, range: whole),
           let d = Int(group(m, 1) ?? ""), let mo = Self.month(group(m, 2) ?? ""), let y = Int(group(m, 3) ?? ""),
           let iso = Self.isoDate(y, mo, d) {
            consider((FullDate(iso: iso), m.range))
        }
        if cues.vietnameseMonth, let m = Self.viFull.firstMatch(in: text, range: whole),
           let d = Int(group(m, 1) ?? ""), let mo = Int(group(m, 2) ?? ""), let y = Int(group(m, 3) ?? ""),
           let iso = Self.isoDate(y, mo, d) {
            consider((FullDate(iso: iso), m.range))
        }
        if cues.digitSeparatorDigit, let m = Self.numeric.firstMatch(in: text, range: whole),
           let a = Int(group(m, 1) ?? ""), let b = Int(group(m, 2) ?? ""), let y = Int(group(m, 3) ?? "") {
            // Day first unless the first number cannot be a day-of-month pairing.
            let iso = (b <= 12 ? Self.isoDate(y, b, a) : nil) ?? Self.isoDate(y, a, b)
            if let iso { consider((FullDate(iso: iso), m.range)) }
        }
        return best
    }

    func timeOfDay(in text: String) -> String? {
        scanned(text, scannedTime, else: {
            regexTimeOfDay(in: text)
        })
    }

    private func scannedTime(_ s: DateScan) -> String? {
        guard let t = s.firstTime(), t.h < 24, t.mi < 60 else { return nil }
        var h = t.h
        if let m = t.marker {
            // "p…" and "ch" (chiều) are afternoon; "a…" and "sa" (sáng) are morning.
            let x = m[0] | 0x20
            if (x == 0x70 || x == 0x63) && h < 12 { h += 12 }
            if (x == 0x61 || x == 0x73) && h == 12 { h = 0 }
        }
        return Self.twoDigits(h) + ":" + Self.twoDigits(t.mi) + ":" + Self.twoDigits(t.sec)
    }

    /// `n` (0–99) as two digits.
    static func twoDigits(_ n: Int) -> String {
        String(decoding: [UInt8(0x30 + n / 10), UInt8(0x30 + n % 10)], as: UTF8.self)
    }

    func regexTimeOfDay(in text: String) -> String? {
        let ns = text as NSString
        guard let m = Self.time.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)),
              var h = Int(ns.substring(with: m.range(at: 1))), let mi = Int(ns.substring(with: m.range(at: 2))),
              h < 24, mi < 60 else { return nil }
        let secRange = m.range(at: 3)
        let sec = secRange.location == NSNotFound ? 0 : Int(ns.substring(with: secRange)) ?? 0
        let ampmRange = m.range(at: 4)
        if ampmRange.location != NSNotFound {
            let marker = ns.substring(with: ampmRange).lowercased()
            if (marker.hasPrefix("p") || marker == "ch") && h < 12 { h += 12 }
            if (marker.hasPrefix("a") || marker == "sa") && h == 12 { h = 0 }
        }
        return String(format: "%02d:%02d:%02d", h, mi, sec)
    }

    func utcOffset(in text: String) -> String? {
        scanned(text, scannedOffset, else: {
            regexUTCOffset(in: text)
        })
    }

    private func scannedOffset(_ s: DateScan) -> String? {
        guard let o = s.firstOffset(), o.h <= 14 else { return nil }
        return (o.sign == 0x2B ? "+" : "-") + Self.twoDigits(o.h) + ":" + Self.twoDigits(o.mins)
    }

    func regexUTCOffset(in text: String) -> String? {
        let ns = text as NSString
        guard let m = Self.offset.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)),
              let h = Int(ns.substring(with: m.range(at: 2))), h <= 14 else { return nil }
        let sign = ns.substring(with: m.range(at: 1))
        let minRange = m.range(at: 3)
        let mins = minRange.location == NSNotFound ? 0 : Int(ns.substring(with: minRange)) ?? 0
        return String(format: "%@%02d:%02d", sign, h, mins)
    }

    static func normalizeOffset(_ z: String) -> String {
        if z == "Z" { return "Z" }
        let digits = z.filter(\.isNumber)
        guard digits.count == 4 else { return z }
        return "\(z.prefix(1))\(digits.prefix(2)):\(digits.suffix(2))"
    }

    /// Whether year `y` (1800–2200), month `m` and day `d` make a calendar date.
    static func isValidDate(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard (1800...2200).contains(y), (1...12).contains(m), d >= 1 else { return false }
        switch m {
        case 2: return d <= ((y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28)
        case 4, 6, 9, 11: return d <= 30
        default: return d <= 31
        }
    }

    static func isoDate(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard isValidDate(y, m, d) else { return nil }
        let bytes: [UInt8] = [UInt8(0x30 + y / 1000), UInt8(0x30 + y / 100 % 10), UInt8(0x30 + y / 10 % 10), UInt8(0x30 + y % 10), 0x2D,
                              UInt8(0x30 + m / 10), UInt8(0x30 + m % 10), 0x2D, UInt8(0x30 + d / 10), UInt8(0x30 + d % 10)]
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Dates in running text

    /// The first date expression in the text: a full date (explicit), a day and month (year inferred from
    /// `years`), or a weekday (no date). `years` is called only when needed.
    func proseDate(_ text: String, years: @escaping () -> [Int]) -> FoundDate? {
        scanned(text) { s -> FoundDate? in
            let r = s.proseMatches(fullOnly: false)
            // Candidates (start, kind) in the order the regular-expression path lists them; its
            // stable sort by position decides, the first that yields a date wins.
            let full = DateScan.earliestFull(r)
            var candidates: [(Int, UInt8)] = []
            if let f = full { candidates.append((f.start, 0)) }
            if let m = r.md { candidates.append((m.start, 1)) }
            if let m = r.dm { candidates.append((m.start, 2)) }
            if let m = r.vi { candidates.append((m.start, 3)) }
            if let m = r.en { candidates.append((m.start, 4)) }
            if let m = r.vw { candidates.append((m.start, 5)) }
            if candidates.count > 1 { candidates.sort(by: { $0.0 < $1.0 }) }
            for (_, kind) in candidates {
                var f: FoundDate?
                switch kind {
                case 0:
                    let m = full!
                    f = FoundDate(date: s.fullDate(m).iso, datetime: nil, confidence: .explicit, text: s.text(m.start, m.end))
                case 1:
                    let m = r.md!
                    f = inferred(month: m.month, day: m.day, text: s.text(m.start, m.end), years: years())
                case 2:
                    let m = r.dm!
                    f = inferred(month: m.month, day: m.day, text: s.text(m.start, m.end), years: years())
                case 3:
                    let m = r.vi!
                    let dm = s.text(m.day.0, m.day.0 + m.day.1) + "/" + s.text(m.month.0, m.month.0 + m.month.1)
                    f = inferred(month: s.number(m.month.0, m.month.1), day: s.number(m.day.0, m.day.1), text: dm, years: years())
                case 4:
                    f = FoundDate(date: nil, datetime: nil, confidence: .none, text: s.text(r.en!.start, r.en!.end))
                default:
                    f = FoundDate(date: nil, datetime: nil, confidence: .none, text: s.text(r.vw!.start, r.vw!.end))
                }
                if let f { return f }
            }
            return nil
        } else: {
            regexProseDate(text, years: years)
        }
    }

    func regexProseDate(_ text: String, years: @escaping () -> [Int]) -> FoundDate? {
        let cues = DateCues(text)
        guard cues.anyProseDate else { return nil }
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var candidates: [(NSRange, () -> FoundDate?)] = []

        if let (full, range) = regexFirstFullDate(in: text, cues: cues) {
            let words = ns.substring(with: range)
            candidates.append((range, { FoundDate(date: full.iso, datetime: nil, confidence: .explicit, text: words) }))
        }
        if cues.monthName, let m = Self.partialMD.firstMatch(in: text, range: whole) {
            let words = ns.substring(with: m.range)
            let mo = Self.month(ns.substring(with: m.range(at: 1))), d = Int(ns.substring(with: m.range(at: 2)))
            candidates.append((m.range, { self.inferred(month: mo, day: d, text: words, years: years()) }))
        }
        if cues.monthName, let m = Self.partialDM.firstMatch(in: text, range: whole) {
            let words = ns.substring(with: m.range)
            let d = Int(ns.substring(with: m.range(at: 1))), mo = Self.month(ns.substring(with: m.range(at: 2)))
            candidates.append((m.range, { self.inferred(month: mo, day: d, text: words, years: years()) }))
        }
        if cues.digitSlashDigit, let m = Self.partialVI.firstMatch(in: text, range: whole) {
            let dm = ns.substring(with: m.range(at: 1)) + "/" + ns.substring(with: m.range(at: 2))
            let d = Int(ns.substring(with: m.range(at: 1))), mo = Int(ns.substring(with: m.range(at: 2)))
            candidates.append((m.range, { self.inferred(month: mo, day: d, text: dm, years: years()) }))
        }
        let englishWeekday = cues.day && Self.weekdayNames.occurs(in: text)
        for (weekday, cued) in [(Self.weekdayEN, englishWeekday), (Self.weekdayVI, cues.vietnameseWeekday)] where cued {
            if let m = weekday.firstMatch(in: text, range: whole) {
                let words = ns.substring(with: m.range(at: 1))
                candidates.append((m.range, { FoundDate(date: nil, datetime: nil, confidence: .none, text: words) }))
            }
        }
        for (_, make) in candidates.sorted(by: { $0.0.location < $1.0.location }) {
            if let found = make() { return found }
        }
        return nil
    }

    private func inferred(month: Int?, day: Int?, text: String, years: [Int]) -> FoundDate? {
        guard let month, let day, (1...12).contains(month), (1...31).contains(day) else { return nil }
        // The most frequent year among the page's full dates; ties go to the latest.
        var counts: [Int: Int] = [:]
        for y in years { counts[y, default: 0] += 1 }
        guard let year = counts.max(by: { $0.value == $1.value ? $0.key < $1.key : $0.value < $1.value })?.key,
              let iso = Self.isoDate(year, month, day) else {
            return FoundDate(date: nil, datetime: nil, confidence: .none, text: text)
        }
        return FoundDate(date: iso, datetime: nil, confidence: .inferred, text: text)
    }

    /// Years of every full date on the page (teasers included): the evidence for inferring a year.
    ///
    /// Only lines with a plausible year (four digits starting 18–22) are read, by the byte scanners
    /// of `DateScan` (or the regular expressions, for a line they do not cover).
    func pageYears(_ page: String) -> [Int] {
        var years: [Int] = []
        TextFold.withUTF8(page) { buf in
            DateScan.forEachYearLine(buf) { line in
                if DateScan.isPlain(line) {
                    DateScan(line).lineYears(into: &years)
                } else {
                    regexLineYears(String(decoding: line, as: UTF8.self), into: &years)
                }
            }
        }
        return years
    }

    /// `pageYears` for one line, by regular expressions.
    func regexLineYears(_ line: String, into years: inout [Int]) {
        do {
            let cues = DateCues(line)
            let monthWord = cues.monthName && Self.hasMonthWord(line)
            let patterns: [(NSRegularExpression, Int, Bool)] = [
                (Self.fullMDY, 3, monthWord), (Self.fullDMY, 3, monthWord), (Self.numeric, 3, cues.digitSeparatorDigit),
                (Self.iso, 1, cues.digitDashDigit), (Self.viFull, 3, cues.vietnameseMonth),
            ]
            guard patterns.contains(where: { $0.2 }) else { return }
            let ns = line as NSString
            let whole = NSRange(location: 0, length: ns.length)
            for (re, g, cued) in patterns where cued {
                for m in re.matches(in: line, range: whole) {
                    if let y = Int(ns.substring(with: m.range(at: g))), (1800...2200).contains(y) { years.append(y) }
                }
            }
        }
    }

    /// The month names and abbreviations of `monthPattern`, lower-case, without a full stop.
    private static let monthWords: Set<[UInt8]> = Set([
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ].map { Array($0.utf8) })

    /// Whether some run of ASCII letters in the text is exactly a month name or abbreviation (any
    /// case), as the month patterns need: a cheap, never-wrong reason to skip them.
    static func hasMonthWord(_ text: String) -> Bool {
        var found = false
        TextFold.withUTF8(text) { buf in
            var word: [UInt8] = []
            var i = 0
            let n = buf.count
            while i < n && !found {
                let b = buf[i]
                guard (b | 0x20) &- 0x61 < 26 else { i += 1; continue }
                var j = i
                while j < n, (buf[j] | 0x20) &- 0x61 < 26 { j += 1 }
                if j - i >= 3 && j - i <= 9 {
                    word.removeAll(keepingCapacity: true)
                    for k in i..<j { word.append(buf[k] | 0x20) }
                    if monthWords.contains(word) { found = true }
                }
                i = j
            }
        }
        return found
    }
}

/// Cheap byte-level evidence that a date pattern may match, found in one pass over the text, so
/// `DateExtractor` runs a regular expression only when its match could yield a date.
///
/// A cue is necessary for a *usable* match: dates need ASCII digits (`Int` parses nothing else)
/// and month names need their ASCII first three letters (`DateExtractor.month`), so skipping a
/// pattern without its cue never changes the result.
struct DateCues {
    /// The first three letters of an English month name, in any case ("jan" … "dec").
    var monthName = false
    /// An ASCII digit, `-`, an ASCII digit (ISO dates).
    var digitDashDigit = false
    /// An ASCII digit, one of `/ . -`, an ASCII digit (numeric dates).
    var digitSeparatorDigit = false
    /// An ASCII digit, `/`, an ASCII digit (Vietnamese "ngày 5/2").
    var digitSlashDigit = false
    /// `á` or `Á`, as in "tháng" (Vietnamese full dates).
    var vietnameseMonth = false
    /// "day" (English weekday names).
    var day = false
    /// `ứ` or `ủ`, as in "Thứ Hai" and "Chủ nhật".
    var vietnameseWeekday = false

    var anyFullDate: Bool { monthName || digitSeparatorDigit || vietnameseMonth }
    var anyProseDate: Bool { anyFullDate || day || vietnameseWeekday }

    /// The three-letter month prefixes, packed as lower-case ASCII bytes `a << 16 | b << 8 | c`.
    private static let monthPrefixes: [UInt32] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map { word in
            word.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }

    init(_ text: String) {
        TextFold.withUTF8(text) { buf in
            let n = buf.count
            @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            @inline(__always) func lower(_ b: UInt8) -> UInt32 { UInt32(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
            var i = 0
            while i < n {
                let b = buf[i]
                if isDigit(b), i + 2 < n, isDigit(buf[i + 2]) {
                    let sep = buf[i + 1]
                    if sep == 0x2D { digitDashDigit = true; digitSeparatorDigit = true }
                    if sep == 0x2F { digitSlashDigit = true; digitSeparatorDigit = true }
                    if sep == 0x2E { digitSeparatorDigit = true }
                } else if b | 0x20 >= 0x61 && b | 0x20 <= 0x7A, i + 2 < n {
                    if !monthName {
                        let key = lower(b) << 16 | lower(buf[i + 1]) << 8 | lower(buf[i + 2])
                        if Self.monthPrefixes.contains(key) { monthName = true }
                    }
                    if b == 0x64 && buf[i + 1] == 0x61 && buf[i + 2] == 0x79 { day = true }
                } else if b == 0xC3, i + 1 < n, buf[i + 1] == 0xA1 || buf[i + 1] == 0x81 {
                    vietnameseMonth = true
                } else if b == 0xE1, i + 2 < n, buf[i + 1] == 0xBB, buf[i + 2] == 0xA9 || buf[i + 2] == 0xA7 {
                    vietnameseWeekday = true
                }
                i += 1
            }
        }
    }
}
