import Foundation

/// One keyword-in-context hit; all strings are cut from the original text.
public struct KwicHit: Equatable, Sendable, Codable {
    /// Up to `width` code points before the match, trimmed to whole words where possible.
    public let left: String
    /// The matched text as written in the original ("Lâm" for the term "lam").
    public let match: String
    /// Up to `width` code points after the match, trimmed to whole words where possible.
    public let right: String
    /// Code-point offset of the match in the original text (0-based).
    public let offset: Int
    /// UTF-8 byte offset of the match in the original text (0-based).
    public let byteOffset: Int
}

/// Keyword in context: case-, diacritic-insensitive, whole-word search ("lam" finds "Lâm", not "Lamp");
/// multi-word terms match across any whitespace.
public enum Kwic {
    /// Every occurrence of `term` with `width` code points of context on each side.
    public static func find(_ term: String, in text: String, width: Int) -> [KwicHit] {
        guard let pattern = pattern(for: term) else { return [] }
        let matches = pattern.matches(in: text)
        guard !matches.isEmpty else { return [] }
        let scalars = Array(text.unicodeScalars)
        let w = max(0, width)
        return matches.map { m in
            let start = m.codePointRange.lowerBound, end = m.codePointRange.upperBound
            let leftStart = max(0, start - w)
            var left = scalars[leftStart..<start]
            if leftStart > 0, !scalars[leftStart - 1].properties.isWhitespace,
                let space = left.firstIndex(where: { $0.properties.isWhitespace }) {
                left = scalars[space..<start]
            }
            let rightEnd = min(scalars.count, end + w)
            var right = scalars[end..<rightEnd]
            if rightEnd < scalars.count, !scalars[rightEnd].properties.isWhitespace,
                let space = right.lastIndex(where: { $0.properties.isWhitespace }) {
                right = scalars[end..<space]
            }
            return KwicHit(left: trimmed(left), match: m.text, right: trimmed(right),
                           offset: start, byteOffset: m.byteRange.lowerBound)
        }
    }

    /// Number of occurrences of `term` in `text`.
    public static func count(_ term: String, in text: String) -> Int {
        pattern(for: term)?.count(in: text) ?? 0
    }

    /// Whether `term` occurs in `text`.
    public static func contains(_ term: String, in text: String) -> Bool {
        pattern(for: term)?.isMatch(text) ?? false
    }

    /// The whole-word, folded pattern for a term; `nil` for a blank term.
    static func pattern(for term: String) -> TextPattern? {
        let words = TextFold.key(term).split(whereSeparator: { $0.isWhitespace })
        guard !words.isEmpty else { return nil }
        let source = words.map { NSRegularExpression.escapedPattern(for: String($0)) }.joined(separator: "\\s+")
        return try? TextPattern(source, options: [.diacriticInsensitive, .wholeWord])
    }

    private static func trimmed(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: s)
        return String(view).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
