import DatelineCore
import Foundation

/// Original text folded scalar by scalar, remembering where each folded scalar came from, so a match
/// found in folded text can be highlighted in the original.
struct FoldedText {
    let original: [Unicode.Scalar]
    let folded: [Unicode.Scalar]
    /// For each folded scalar, the code-point offset of the original scalar it came from, plus an end sentinel.
    let offsets: [Int]

    init(_ text: String) {
        original = Array(text.unicodeScalars)
        let (key, offsets) = TextFold.keyWithMap(text)
        folded = Array(key.unicodeScalars)
        self.offsets = offsets
    }

    /// Word tokens of the folded text with their folded scalar ranges.
    func tokens() -> [(word: String, range: Range<Int>)] {
        var result: [(String, Range<Int>)] = []
        var start: Int?
        for (i, scalar) in folded.enumerated() {
            if SearchFold.isTokenScalar(scalar) {
                if start == nil { start = i }
            } else if let s = start {
                result.append((Self.string(folded[s..<i]), s..<i))
                start = nil
            }
        }
        if let s = start { result.append((Self.string(folded[s..<folded.count]), s..<folded.count)) }
        return result
    }

    /// The original-scalar range covering a folded range.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty, range.upperBound < offsets.count else { return 0..<0 }
        let lower = offsets[range.lowerBound]
        var upper = offsets[range.upperBound]
        // Ending inside one original scalar's expansion (ß → ss): include that scalar.
        if upper <= offsets[range.upperBound - 1] { upper = offsets[range.upperBound - 1] + 1 }
        return lower..<min(max(upper, lower), original.count)
    }

    private static func string(_ slice: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: slice)
        return String(view)
    }
}

/// Picks the passage of an article that best shows why it matched, and marks the matched terms.
struct SnippetBuilder {
    var terms: [FTSQuery.Term]
    /// Roughly how many characters of context to show.
    var width: Int = 200

    /// Matches of the terms in `text`, as original-scalar ranges.
    func matches(in text: String) -> (FoldedText, [Range<Int>]) {
        let folded = FoldedText(text)
        let tokens = folded.tokens()
        var found: [Range<Int>] = []
        guard !terms.isEmpty else { return (folded, found) }
        var i = 0
        while i < tokens.count {
            var matchedLength = 0
            for term in terms where term.words.count <= tokens.count - i {
                var ok = true
                for (k, word) in term.words.enumerated() {
                    let token = tokens[i + k].word
                    let last = k == term.words.count - 1
                    if !(token == word || (last && term.prefix && token.hasPrefix(word))) { ok = false; break }
                }
                if ok { matchedLength = max(matchedLength, term.words.count) }
            }
            if matchedLength > 0 {
                let range = tokens[i].range.lowerBound..<tokens[i + matchedLength - 1].range.upperBound
                found.append(folded.originalRange(range))
                i += matchedLength
            } else {
                i += 1
            }
        }
        return (folded, found)
    }

    /// A snippet from the first of `texts` (in order of preference) that contains a match; else the start
    /// of the first non-empty text.
    func snippet(from texts: [String]) -> Snippet {
        for text in texts where !text.isEmpty {
            let (folded, found) = matches(in: text)
            if let first = found.first {
                return cut(folded.original, around: first, matches: found)
            }
        }
        let fallback = texts.first { !$0.isEmpty } ?? ""
        let scalars = Array(fallback.unicodeScalars)
        return cut(scalars, around: 0..<0, matches: [])
    }

    private func cut(_ scalars: [Unicode.Scalar], around focus: Range<Int>, matches: [Range<Int>]) -> Snippet {
        var start = max(0, focus.lowerBound - width / 3)
        var end = min(scalars.count, max(focus.upperBound, start) + width * 2 / 3)
        if end - start < width { start = max(0, end - width); end = min(scalars.count, start + width) }
        // Snap to word boundaries.
        if start > 0 {
            var s = start
            while s < focus.lowerBound, s < scalars.count, !scalars[s].properties.isWhitespace { s += 1 }
            if s < focus.lowerBound { start = s + 1 }
        }
        if end < scalars.count {
            var e = end
            while e > focus.upperBound, !scalars[e - 1].properties.isWhitespace { e -= 1 }
            if e > focus.upperBound { end = e - 1 }
        }
        let prefix = start > 0 ? "…" : ""
        let suffix = end < scalars.count ? "…" : ""
        var view = String.UnicodeScalarView()
        view.append(contentsOf: prefix.unicodeScalars)
        view.append(contentsOf: scalars[start..<max(start, end)])
        view.append(contentsOf: suffix.unicodeScalars)
        let shift = prefix.unicodeScalars.count - start
        // Adjacent matches separated only by spaces read as one ("Tô Lâm" for the query `to lam`).
        var merged: [Range<Int>] = []
        for match in matches.sorted(by: { $0.lowerBound < $1.lowerBound }) where match.lowerBound >= start && match.upperBound <= end {
            if let last = merged.last, last.upperBound <= match.lowerBound,
               scalars[last.upperBound..<match.lowerBound].allSatisfy({ $0 == " " || $0 == "\u{A0}" }) {
                merged[merged.count - 1] = last.lowerBound..<match.upperBound
            } else {
                merged.append(match)
            }
        }
        let ranges = merged.map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
        return Snippet(text: String(view), matches: ranges)
    }
}
