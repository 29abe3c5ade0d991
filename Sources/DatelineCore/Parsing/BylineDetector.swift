import Foundation

/// Finds who and where an article is credited to: datelines ("Vientiane (VNA) –", "VOV.VN -",
/// "HÀ NỘI —"), sign-offs ("— VNA/VNS", a lone "VNA"), credit lines ("Theo Nhân dân") and bylines.
struct BylineDetector {
    let catalog: SourceCatalog
    let gazetteer: EntityDictionary

    /// A dateline prefix split off the start of a paragraph.
    struct DatelinePrefix {
        var place: String?
        var sources: [String]
        /// The paragraph without the prefix.
        var rest: String
    }

    /// The dashes that separate a dateline or a sign-off: - – — ‒ ―.
    @inline(__always)
    static func isDash(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x2D, 0x2013, 0x2014, 0x2012, 0x2015: return true
        default: return false
        }
    }

    /// Whether `bytes` hold a dash right after one of `before` (a byte) and, when `spaceAfter`, right
    /// before a space: a cheap, never-wrong test that lets most paragraphs skip the scalar-level scans.
    static func hasDash(_ bytes: UnsafeBufferPointer<UInt8>, after before: (UInt8) -> Bool, spaceAfter: Bool) -> Bool {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return false }
        var i = 1
        while i < n {
            // Eight bytes at a time while none can start a dash (0x2D, or 0xE2 leading – — ‒ ―).
            if i + 8 <= n {
                let w = ByteLanes.load(base, i)
                if ByteLanes.lanesEqual(w, 0x2D) | ByteLanes.lanesEqual(w, 0xE2) == 0 { i += 8; continue }
            }
            let b = bytes[i]
            var end = -1  // index just past the dash
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

    /// Where a dateline's dash stands: the byte ranges of the prefix before it and of the rest after
    /// it, both trimmed of spaces. The dash (- – — ‒ ―) is the first among the first 90 scalars with a
    /// space or ")" before it and a space after it (so it is scalar 1 to 88).
    static func datelineSplit(_ buf: UnsafeBufferPointer<UInt8>) -> (prefix: Range<Int>, rest: Range<Int>)? {
        let n = buf.count
        guard let base = buf.baseAddress else { return nil }
        var i = 0
        var scalars = 0  // scalars started before `i`
        while i < n {
            // Eight bytes at a time while none can start a dash (0x2D, or 0xE2 leading – — ‒ ―): count
            // the scalars they start (the bytes that are not 10xxxxxx continuations).
            if i + 8 <= n {
                let w = ByteLanes.load(base, i)
                if ByteLanes.lanesEqual(w, 0x2D) | ByteLanes.lanesEqual(w, 0xE2) == 0 {
                    let continuations = w & ~(w << 1) & ByteLanes.highs
                    scalars += 8 - ByteLanes.laneCount(continuations)
                    i += 8
                    if scalars > 88 { return nil }  // the next dash could only be a later scalar
                    continue
                }
            }
            let b = buf[i]
            if b & 0xC0 == 0x80 { i += 1; continue }
            let scalar = scalars  // the index of the scalar starting at `i`
            scalars += 1
            if scalar > 88 { return nil }
            if scalar >= 1 {
                var dashEnd = -1
                if b == 0x2D {
                    dashEnd = i + 1
                } else if b == 0xE2, i + 2 < n, buf[i + 1] == 0x80, buf[i + 2] >= 0x92, buf[i + 2] <= 0x95 {
                    dashEnd = i + 3
                }
                // ASCII bytes are whole scalars: the byte before is the scalar before.
                if dashEnd > 0, dashEnd < n, buf[dashEnd] == 0x20, buf[i - 1] == 0x20 || buf[i - 1] == 0x29 {
                    return (FastScan.trimmedRange(buf, 0..<i), FastScan.trimmedRange(buf, dashEnd..<n))
                }
            }
            i += 1
        }
        return nil
    }

    func datelinePrefix(_ text: String) -> DatelinePrefix? {
        // Split on the bytes, and copy the (long) rest of the paragraph only for a dateline.
        var prefixText: String?
        var restBytes: Range<Int> = 0..<0
        TextFold.withUTF8(text) { buf in
            guard let split = Self.datelineSplit(buf), !split.prefix.isEmpty, !split.rest.isEmpty else { return }
            let first = UTF8Scan.decode(buf, at: split.rest.lowerBound).scalar
            guard first.properties.isUppercase || first.properties.numericType != nil || "\"“‘'".unicodeScalars.contains(first)
            else { return }
            prefixText = String(decoding: UnsafeBufferPointer(rebasing: buf[split.prefix]), as: UTF8.self)
            restBytes = split.rest
        }
        guard let prefix = prefixText else { return nil }
        var restText: String?
        func rest() -> String {
            if let restText { return restText }
            var made = ""
            TextFold.withUTF8(text) { made = String(decoding: UnsafeBufferPointer(rebasing: $0[restBytes]), as: UTF8.self) }
            restText = made
            return made
        }

        // "Vientiane (VNA)", "Hà Nội, 5/2 (TTXVN)", "(TTXVN)"
        if FastScan.hasASCIISuffix(prefix, ")"), let open = prefix.lastIndex(of: "(") {
            let inner = String(prefix[prefix.index(after: open)..<prefix.index(before: prefix.endIndex)])
            let credits = splitCredits(inner)
            guard !credits.isEmpty else { return nil }
            var placePart = FastScan.trim(prefix[..<open])
            if let comma = placePart.firstIndex(of: ",") { placePart = String(placePart[..<comma]) }
            let place = placePart.isEmpty ? nil : canonicalPlace(placePart, strict: false)
            if !placePart.isEmpty && place == nil { return nil }
            return DatelinePrefix(place: place, sources: credits, rest: rest())
        }
        // "VOV.VN", "Chinhphu.vn"
        if !(FastScan.containsASCII(prefix, 0x20) ?? prefix.contains(" ")),
           FastScan.containsASCII(prefix, 0x2E) ?? prefix.contains("."), let source = domainSource(prefix) {
            return DatelinePrefix(place: nil, sources: [source], rest: rest())
        }
        // "HÀ NỘI", "VIENTIANE", "HCM CITY"; or a known place in title case.
        let words = PageLine.countWords(prefix)
        guard words >= 1, words <= 4 else { return nil }
        var letters = 0
        var allCaps = true
        for u in prefix.unicodeScalars where ScalarClass.has(u, ScalarClass.alphabetic) {
            letters += 1
            if ScalarClass.has(u, ScalarClass.lowercase) { allCaps = false }
        }
        guard letters >= 2 else { return nil }
        if allCaps, let place = canonicalPlace(prefix, strict: false) {
            return DatelinePrefix(place: place, sources: [], rest: rest())
        }
        if let place = canonicalPlace(prefix, strict: true) {
            return DatelinePrefix(place: place, sources: [], rest: rest())
        }
        return nil
    }

    /// A gazetteer place's canonical name; with `strict` false, an unknown all-caps or title-case
    /// name of at most four words is accepted and title-cased.
    func canonicalPlace(_ raw: String, strict: Bool) -> String? {
        let trimmed = FastScan.trim(raw, " ,.;:")
        if let entry = gazetteer.lookup(trimmed), entry.kind == .place { return entry.name }
        if strict { return nil }
        let words = trimmed.split(separator: " ")
        guard !words.isEmpty, words.count <= 4 else { return nil }
        for w in words {
            guard let f = w.unicodeScalars.first, f.properties.isUppercase else { return nil }
            for u in w.unicodeScalars {
                let ok = u.properties.isAlphabetic || u == "." || u == "'" || u == "’" || u.properties.generalCategory == .nonspacingMark
                if !ok { return nil }
            }
        }
        return words.map { w -> String in
            let lower = w.lowercased()
            return lower.prefix(1).uppercased() + lower.dropFirst()
        }.joined(separator: " ")
    }

    func domainSource(_ token: String) -> String? {
        if let known = catalog.canonical(token) { return known }
        let parts = token.split(separator: ".")
        guard parts.count >= 2, let head = parts.first, head.count >= 2,
              head.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil }) else { return nil }
        let tld = parts.last!.lowercased()
        guard ["vn", "com", "net", "org", "la", "info", "news", "gov"].contains(tld) else { return nil }
        return String(head)
    }

    /// "VNA/VNS" → ["VNA", "VNS"]; each part must look like a credit (a known outlet or an acronym).
    func splitCredits(_ raw: String) -> [String] {
        let parts = Self.creditParts(raw)
        guard !parts.isEmpty, parts.count <= 4 else { return [] }
        var out: [String] = []
        for part in parts {
            guard let credit = credit(part) else { return [] }
            if !out.contains(credit) { out.append(credit) }
        }
        return out
    }

    /// `raw` split at / , & + into trimmed non-empty parts. In plain Latin text each scalar is a
    /// character, so the bytes give the split that `split(whereSeparator:)` makes of the characters.
    static func creditParts(_ raw: String) -> [String] {
        var parts: [String]?
        TextFold.withUTF8(raw) { buf in
            guard FastScan.isPlainLatin(buf) else { return }
            var out: [String] = []
            var start = 0
            for i in 0...buf.count where i == buf.count || buf[i] == 0x2F || buf[i] == 0x2C || buf[i] == 0x26 || buf[i] == 0x2B {
                let part = FastScan.trimmedRange(buf, start..<i)
                if !part.isEmpty { out.append(String(decoding: UnsafeBufferPointer(rebasing: buf[part]), as: UTF8.self)) }
                start = i + 1
            }
            parts = out
        }
        return parts ?? raw.split(whereSeparator: { $0 == "/" || $0 == "," || $0 == "&" || $0 == "+" })
            .map { FastScan.trim($0) }
            .filter { !$0.isEmpty }
    }

    /// One credit: a catalog outlet, a domain, or an acronym of 2–8 capitals.
    func credit(_ raw: String) -> String? {
        let s = FastScan.trim(raw, " -–—()[].:")
        guard !s.isEmpty else { return nil }
        if let known = catalog.canonical(s) { return known }
        if !(FastScan.containsASCII(s, 0x20) ?? s.contains(" ")), FastScan.containsASCII(s, 0x2E) ?? s.contains("."),
           let d = domainSource(s) {
            return d
        }
        let letters = s.unicodeScalars
        if letters.count >= 2, letters.count <= 8,
           letters.allSatisfy({ $0.properties.isUppercase || $0.properties.numericType != nil }),
           letters.contains(where: { $0.properties.isUppercase }) {
            return s
        }
        return nil
    }

    /// A line that is only a sign-off: "VNA", "— VNA/VNS", "(VNA)", "VNA/VNS".
    func standaloneSignOff(_ line: PageLine) -> [String]? {
        guard line.words <= 5, line.text.count <= 40 else { return nil }
        let stripped = FastScan.trim(line.text, " -–—()[]./")
        guard !stripped.isEmpty else { return nil }
        let credits = splitCredits(stripped)
        return credits.isEmpty ? nil : credits
    }

    /// A sign-off at the end of a paragraph ("… the region. — VNS"); returns the paragraph without it.
    func trailingSignOff(_ text: String) -> (text: String, sources: [String])? {
        // The sign-off's dash, after a space, lies in the last 31 scalars (at most 124 bytes).
        var maybe = false
        TextFold.withUTF8(text) { buf in
            let tail = UnsafeBufferPointer(rebasing: buf[max(0, buf.count - 124)..<buf.count])
            maybe = Self.hasDash(tail, after: { $0 == 0x20 }, spaceAfter: false)
        }
        guard maybe else { return nil }
        // Only the last 30 scalars can hold the sign-off: index just those (plus one before them).
        let view = text.unicodeScalars
        var indices: [String.UnicodeScalarView.Index] = []
        indices.reserveCapacity(31)
        var at = view.endIndex
        while at > view.startIndex && indices.count < 31 {
            at = view.index(before: at)
            indices.append(at)
        }
        indices.reverse()
        let count = indices.count  // min(total, 31): positions below are relative to indices[0]
        guard count > 4 else { return nil }
        let lower = count == 31 ? 1 : 0
        var i = count - 2
        while i > lower {
            if Self.isDash(view[indices[i]]), view[indices[i - 1]] == " " {
                let tail = FastScan.trim(String(view[view.index(after: indices[i])...]))
                let credits = splitCredits(FastScan.trim(tail, "."))
                if !credits.isEmpty {
                    let head = FastScan.trim(String(view[..<indices[i]]))
                    guard PageLine.endsSentence(head) || head.hasSuffix(":") else { return nil }
                    return (head, credits)
                }
                return nil
            }
            i -= 1
        }
        return nil
    }

    /// "Theo Nhân dân", "Nguồn: TTXVN", "Source: VNA" → the credited source.
    func creditLine(_ line: PageLine) -> String? {
        guard line.words <= 7 else { return nil }
        let folded = line.folded
        for prefix in PagePhrases.creditPrefixes where FastScan.hasASCIIPrefix(folded, prefix) {
            let dropCount = prefix.unicodeScalars.count
            var rest = String(String.UnicodeScalarView(line.text.unicodeScalars.dropFirst(dropCount)))
            rest = FastScan.trim(rest, " :()[].-–—")
            guard !rest.isEmpty, PageLine.countWords(rest) <= 5 else { return nil }
            if let known = catalog.canonical(rest) { return known }
            guard let first = rest.unicodeScalars.first, first.properties.isUppercase else { return nil }
            return rest
        }
        return nil
    }

    /// The author in a byline or meta line ("By Nguyen Hang", "Đinh Minh Hằng2 minutes ago").
    func author(_ line: PageLine) -> String? {
        guard line.words <= 12 else { return nil }
        let folded = line.folded
        for prefix in PagePhrases.bylinePrefixes where FastScan.hasASCIIPrefix(folded, prefix) {
            let rest = String(String.UnicodeScalarView(line.text.unicodeScalars.dropFirst(prefix.unicodeScalars.count)))
            return Self.nameLike(cutAtSeparator(rest))
        }
        // One pass finds whether any unit occurs; only then which one comes first in the list.
        guard Self.relativeTimeUnits.occurs(in: folded) else { return nil }
        for unit in PagePhrases.relativeTimeUnits {
            guard let offset = FastScan.firstOffset(of: unit, in: folded) else { continue }
            // Cut at the number before the unit ("…Hằng2 minutes ago"): count the scalars before it.
            let cut = folded.utf8.prefix(offset).reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            var scalars = Array(line.text.unicodeScalars.prefix(cut))
            while let last = scalars.last, last.properties.numericType != nil || last == " " { scalars.removeLast() }
            return Self.nameLike(String(String.UnicodeScalarView(scalars)))
        }
        return nil
    }

    private static let relativeTimeUnits = PhraseMatcher(PagePhrases.relativeTimeUnits)

    /// True for a meta line that only says how long ago the page was updated.
    static func isRelativeTime(_ line: PageLine) -> Bool {
        guard line.words <= 6 else { return false }
        return relativeTimeUnits.occurs(in: line.folded)
            || PagePhrases.relativeTimeWords.contains { line.folded == $0 }
    }

    private func cutAtSeparator(_ s: String) -> String {
        let stops: Set<Character> = ["|", ",", "–", "—", "•", "·", "(", "\t"]
        var out = ""
        for ch in s {
            if stops.contains(ch) { break }
            if ch == "-" && out.hasSuffix(" ") { break }
            out.append(ch)
        }
        return FastScan.trim(out)
    }

    /// 1–6 words, each starting with a capital: a person's name (or a team credit).
    static func nameLike(_ raw: String) -> String? {
        let s = FastScan.trim(raw, " :.-–—|")
        let words = s.split(separator: " ")
        guard !words.isEmpty, words.count <= 6 else { return nil }
        guard words.allSatisfy({ $0.unicodeScalars.first?.properties.isUppercase ?? false }) else { return nil }
        return s
    }
}
