/// One non-empty line of a page dump with the measurements the layout passes need.
struct PageLine {
    /// Position among the page's lines (blank lines included), for ordering.
    var index: Int
    /// The line, trimmed, with runs of spaces collapsed.
    var text: String
    /// `TextFold.key(text)`.
    var folded: String
    var words: Int
    /// A blank line precedes this one.
    var blankBefore: Bool

    init(index: Int, text: String, blankBefore: Bool) {
        self.index = index
        self.text = text
        self.folded = TextFold.key(text)
        self.words = PageLine.countWords(text)
        self.blankBefore = blankBefore
    }

    /// Ends like a sentence: `.`, `!`, `?`, `…`, `./.`, possibly followed by quotes or brackets.
    var endsSentence: Bool { PageLine.endsSentence(text) }

    /// A headline-like line: a few words, no closing full stop, starts with a capital, digit, quote or bracket.
    var isTitleLike: Bool {
        guard words >= 2, words <= 30, !endsSentence || text.hasSuffix("?") || text.hasSuffix("!") else { return false }
        guard let first = text.unicodeScalars.first else { return false }
        return first.properties.isUppercase || first.properties.numericType != nil || "\"“‘'[(«".unicodeScalars.contains(first)
    }

    /// Running text: ends like a sentence, or is long enough that it cannot be a heading.
    var isProse: Bool { (endsSentence && words >= 6) || words >= 30 }

    static func endsSentence(_ text: String) -> Bool {
        var scalars = text.unicodeScalars.reversed().makeIterator()
        while let u = scalars.next() {
            switch u {
            case "\"", "”", "’", "'", ")", "]", "»", " ", "*": continue
            case ".", "!", "?", "…", "。": return true
            default: return false
            }
        }
        return false
    }

    static func countWords(_ text: String) -> Int {
        var count = 0, inWord = false
        for u in text.unicodeScalars {
            let letter = u.properties.isAlphabetic || u.properties.numericType != nil
            if letter && !inWord { count += 1 }
            inWord = letter || (inWord && (u == "'" || u == "’" || u.properties.generalCategory == .nonspacingMark))
        }
        return count
    }

    /// Splits page text into trimmed non-empty lines, remembering blank lines before each.
    static func split(_ text: String) -> [PageLine] {
        var lines: [PageLine] = []
        var blank = true
        var index = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { index += 1 }
            let cleaned = clean(raw)
            if cleaned.isEmpty { blank = true; continue }
            lines.append(PageLine(index: index, text: cleaned, blankBefore: blank))
            blank = false
        }
        return lines
    }

    /// Trims spaces (NBSP, zero-width and other Unicode spaces included) and collapses internal runs.
    static func clean(_ raw: Substring) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in raw.unicodeScalars {
            if u.properties.isWhitespace || u.value == 0x200B || u.value == 0xFEFF || u.value == 0x200C || u.value == 0x2060 {
                pendingSpace = !out.isEmpty
                continue
            }
            if u.properties.generalCategory == .control { continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(u)
        }
        return String(out)
    }
}
