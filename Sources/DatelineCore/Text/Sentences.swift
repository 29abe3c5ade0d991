import Foundation

/// Sentence splitting for English and Vietnamese press text.
///
/// Breaks after `.`, `!`, `?` (plus any closing quotes/brackets) when whitespace follows, and at every
/// newline (dumps hold one paragraph per line). Does not break after titles ("Gen.", "Dr.", "PGS.",
/// "TS."), dotted abbreviations ("U.S.", "e.g."), initials ("John F. Kennedy"), "No. 5", "vs.",
/// "etc."/"Jr."/"Inc." before a lower-case word, ellipses, decimals ("3.5") or dotted numbers ("2.200"),
/// nor before a lower-case word. The Vietnamese end marker "./." ends a sentence.
public enum Sentences {
    /// The sentences of `s`, trimmed, empty ones dropped.
    public static func split(_ s: String) -> [String] {
        let c = Array(s.unicodeScalars)
        var result: [String] = []
        var start = 0
        var i = 0
        func emit(_ end: Int) {
            var a = start, b = end
            while a < b, isSpace(c[a]) { a += 1 }
            while b > a, isSpace(c[b - 1]) { b -= 1 }
            if b > a {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: c[a..<b])
                result.append(String(view))
            }
            start = end
        }
        while i < c.count {
            let ch = c[i]
            if isNewline(ch) {
                emit(i)
                i += 1
                start = i
                continue
            }
            guard isTerminal(ch) else { i += 1; continue }
            // The terminal run: ".", "?!", "...", "…", "./." and closing quotes/brackets after it.
            var j = i
            var run = ""
            while j < c.count {
                if isTerminal(c[j]) {
                    run.unicodeScalars.append(c[j]); j += 1
                } else if c[j] == "/", j + 1 < c.count, c[j + 1] == ".", run.hasSuffix(".") {
                    run.append("/."); j += 2
                } else {
                    break
                }
            }
            while j < c.count, isCloser(c[j]) { j += 1 }
            guard j >= c.count || isSpace(c[j]) else { i = j; continue }
            if isBoundary(run: run, chars: c, at: i, after: j) {
                emit(j)
            }
            i = j
        }
        emit(c.count)
        return result
    }

    // MARK: - Rules

    /// Titles before a name: never end a sentence.
    static let titles: Set<String> = [
        "mr", "mrs", "ms", "dr", "gen", "prof", "sen", "rep", "lt", "col", "maj", "st", "capt", "sgt", "gov",
        "adm", "brig", "pres", "rev", "hon", "mt", "ft", "gens", "cmdr", "cdr", "messrs", "mme", "mlle",
        "mgr", "cpl", "pvt", "supt", "insp", "det", "amb", "vs", "cf", "e.g", "i.e", "viz",
        // Vietnamese academic and administrative titles.
        "ts", "ths", "pgs", "gs", "bs", "ks", "ncs", "cn", "ls", "tp", "nsnd", "nsưt", "đ/c",
    ]
    /// Abbreviations that end a sentence only before a capitalised word.
    static let midSentence: Set<String> = ["etc", "jr", "sr", "inc", "ltd", "co", "corp", "bros", "approx", "est"]
    /// Abbreviations followed by a number ("No. 5", "Jan. 12", "p. 3").
    static let beforeNumber: Set<String> = [
        "no", "nos", "p", "pp", "art", "vol", "fig", "ch", "sec", "tel", "ref",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    static func isTerminal(_ u: Unicode.Scalar) -> Bool { u == "." || u == "!" || u == "?" || u == "…" }

    static func isCloser(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "\"", "'", "\u{201D}", "\u{2019}", "\u{00BB}", "\u{203A}", ")", "]", "}": return true
        default: return false
        }
    }

    @inline(__always)
    static func isNewline(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    @inline(__always)
    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        u.value == 0x20 || (u.value >= 0x80 || u.value < 0x20) && u.properties.isWhitespace
    }

    /// Letters and combining marks (so decomposed Vietnamese stays one word).
    @inline(__always)
    static func isLetter(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) }
        if u.properties.isAlphabetic { return true }
        switch u.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    static func isBoundary(run: String, chars c: [Unicode.Scalar], at i: Int, after j: Int) -> Bool {
        // First visible character after the run.
        var k = j
        while k < c.count, isSpace(c[k]), !isNewline(c[k]) { k += 1 }
        let next: Unicode.Scalar? = k < c.count ? c[k] : nil
        if let n = next, isNewline(n) { return true }
        if let n = next, n.properties.isLowercase { return false }
        if run.contains("./.") || run.contains("!") || run.contains("?") { return true }
        if run.unicodeScalars.count > 1 || run == "…" { return false }  // ellipsis
        // A single period: look at the word before it (letters, inner dots, "/").
        var b = i
        while b > 0, isLetter(c[b - 1]) || (c[b - 1] == "." && b - 1 > 0 && isLetter(c[b - 2])) || c[b - 1] == "/" {
            b -= 1
        }
        guard b < i else { return true }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: c[b..<i])
        let word = String(view)
        let lower = word.lowercased()
        if titles.contains(lower) { return false }
        if word.contains(".") {
            // "U.S.", "e.g.", "PGS.TS.": dotted abbreviations.
            return false
        }
        if word.count == 1, let f = word.first, f.isUppercase { return false }
        if beforeNumber.contains(lower), let n = next, n.properties.numericType != nil { return false }
        if midSentence.contains(lower) { return next.map { $0.properties.isUppercase } ?? true }
        return true
    }
}
