/// A word of a paragraph as the entity recognizer sees it.
struct EntityToken {
    /// The word as written, without a possessive "’s".
    var text: String
    var folded: String
    /// Offset and length in Unicode code points within the paragraph.
    var start: Int
    var length: Int
    /// Non-space characters between the previous word and this one ("", "(", ".", ",").
    var gap: String
    var capitalized: Bool
    var allCaps: Bool
    var end: Int { start + length }
}

/// Splits text into words with offsets and the punctuation between them; hyphens and dashes split
/// words, apostrophes inside a word do not, and a possessive "’s" is dropped.
enum EntityTokenizer {
    static func tokens(_ text: String) -> [EntityToken] {
        var result: [EntityToken] = []
        result.reserveCapacity(text.utf8.count / 5)
        var word = String.UnicodeScalarView()
        var wordStart = 0
        var gap = String.UnicodeScalarView()
        var offset = 0
        let scalars = Array(text.unicodeScalars)

        func flush() {
            guard !word.isEmpty else { return }
            var w = word
            var length = w.count
            // Drop a possessive 's / ’s.
            if length > 2, let last = w.last, last == "s" || last == "S" {
                let beforeLast = w[w.index(w.endIndex, offsetBy: -2)]
                if beforeLast == "'" || beforeLast == "’" {
                    w.removeLast(2); length -= 2
                }
            }
            while let last = w.last, last == "'" || last == "’" { w.removeLast(); length -= 1 }
            let s = String(w)
            var upper = 0, lower = 0
            for u in w where FastScan.isLetter(u) {
                if FastScan.isUpper(u) { upper += 1 } else if FastScan.isLower(u) { lower += 1 }
            }
            let first = w.first
            result.append(EntityToken(
                text: s, folded: TextFold.key(s), start: wordStart, length: length, gap: String(gap),
                capitalized: first.map(FastScan.isUpper) ?? false,
                allCaps: upper >= 2 && lower == 0))
            word = String.UnicodeScalarView()
            gap = String.UnicodeScalarView()
        }

        for (i, u) in scalars.enumerated() {
            if FastScan.isWordScalar(u) {
                if word.isEmpty { wordStart = offset }
                word.append(u)
            } else if (u == "'" || u == "’") && !word.isEmpty && i + 1 < scalars.count && FastScan.isLetter(scalars[i + 1]) {
                word.append(u)
            } else {
                flush()
                if !FastScan.isSpace(u) { gap.append(u) }
            }
            offset += 1
        }
        flush()
        return result
    }

    /// Folded words of a name, for dictionary phrases.
    static func foldedTokens(_ text: String) -> [String] {
        tokens(text).map(\.folded)
    }
}
