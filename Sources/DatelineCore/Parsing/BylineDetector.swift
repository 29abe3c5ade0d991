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
        var i = 1
        while i < n {
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

    func datelinePrefix(_ text: String) -> DatelinePrefix? {
        // A dash with a space or ")" before it and a space after it must occur in the first 90
        // scalars (at most 360 bytes).
        var maybe = false
        TextFold.withUTF8(text) { buf in
            let head = UnsafeBufferPointer(rebasing: buf[0..<min(buf.count, 360)])
            maybe = Self.hasDash(head, after: { $0 == 0x20 || $0 == 0x29 }, spaceAfter: true)
        }
        guard maybe else { return nil }
        // Look for a dash surrounded by spaces (or followed by a space) within the first 80 characters.
        let scalars = Array(text.unicodeScalars.prefix(90))
        var dashAt: Int?
        for i in 1..<max(1, scalars.count - 1) where Self.isDash(scalars[i]) {
            let before = scalars[i - 1], after = scalars[i + 1]
            if after == " " && (before == " " || before == ")") { dashAt = i; break }
        }
        guard let dash = dashAt else { return nil }
        let prefix = FastScan.trim(String(String.UnicodeScalarView(scalars[0..<dash])))
        let restStart = text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: dash + 1)
        let rest = FastScan.trim(String(text.unicodeScalars[restStart...]))
        guard !prefix.isEmpty, !rest.isEmpty, let first = rest.unicodeScalars.first,
              first.properties.isUppercase || first.properties.numericType != nil || "\"“‘'".unicodeScalars.contains(first)
        else { return nil }

        // "Vientiane (VNA)", "Hà Nội, 5/2 (TTXVN)", "(TTXVN)"
        if prefix.hasSuffix(")"), let open = prefix.lastIndex(of: "(") {
            let inner = String(prefix[prefix.index(after: open)..<prefix.index(before: prefix.endIndex)])
            let credits = splitCredits(inner)
            guard !credits.isEmpty else { return nil }
            var placePart = FastScan.trim(prefix[..<open])
            if let comma = placePart.firstIndex(of: ",") { placePart = String(placePart[..<comma]) }
            let place = placePart.isEmpty ? nil : canonicalPlace(placePart, strict: false)
            if !placePart.isEmpty && place == nil { return nil }
            return DatelinePrefix(place: place, sources: credits, rest: rest)
        }
        // "VOV.VN", "Chinhphu.vn"
        if !prefix.contains(" "), prefix.contains("."), let source = domainSource(prefix) {
            return DatelinePrefix(place: nil, sources: [source], rest: rest)
        }
        // "HÀ NỘI", "VIENTIANE", "HCM CITY"; or a known place in title case.
        let words = PageLine.countWords(prefix)
        guard words >= 1, words <= 4 else { return nil }
        let letters = prefix.unicodeScalars.filter { $0.properties.isAlphabetic }
        guard letters.count >= 2 else { return nil }
        let allCaps = letters.allSatisfy { !$0.properties.isLowercase }
        if allCaps, let place = canonicalPlace(prefix, strict: false) {
            return DatelinePrefix(place: place, sources: [], rest: rest)
        }
        if let place = canonicalPlace(prefix, strict: true) {
            return DatelinePrefix(place: place, sources: [], rest: rest)
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
        let parts = raw.split(whereSeparator: { $0 == "/" || $0 == "," || $0 == "&" || $0 == "+" })
            .map { FastScan.trim($0) }
            .filter { !$0.isEmpty }
        guard !parts.isEmpty, parts.count <= 4 else { return [] }
        var out: [String] = []
        for part in parts {
            guard let credit = credit(part) else { return [] }
            if !out.contains(credit) { out.append(credit) }
        }
        return out
    }

    /// One credit: a catalog outlet, a domain, or an acronym of 2–8 capitals.
    func credit(_ raw: String) -> String? {
        let s = FastScan.trim(raw, " -–—()[].:")
        guard !s.isEmpty else { return nil }
        if let known = catalog.canonical(s) { return known }
        if !s.contains(" "), s.contains("."), let d = domainSource(s) { return d }
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
        for prefix in PagePhrases.creditPrefixes where folded.hasPrefix(prefix) {
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
        for prefix in PagePhrases.bylinePrefixes where folded.hasPrefix(prefix) {
            let rest = String(String.UnicodeScalarView(line.text.unicodeScalars.dropFirst(prefix.unicodeScalars.count)))
            return Self.nameLike(cutAtSeparator(rest))
        }
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

    /// True for a meta line that only says how long ago the page was updated.
    static func isRelativeTime(_ line: PageLine) -> Bool {
        guard line.words <= 6 else { return false }
        return PagePhrases.relativeTimeUnits.contains { FastScan.contains(line.folded, $0) }
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
