import DatelineCore
import Foundation

/// The folding shared by the full-text index and queries: `TextFold.key` (lower case, no diacritics,
/// đ→d), so "Tô Lâm", "to lam" and "TO LAM" index and match the same tokens.
enum SearchFold {
    /// Folded text to put in the index.
    static func index(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return TextFold.key(text)
    }

    /// True for characters the FTS5 unicode61 tokenizer treats as part of a token.
    @inline(__always)
    static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse,
             .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// Splits folded text into word tokens.
    static func words(_ folded: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if isTokenScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }
}

/// A user's full-text query translated for the folded index: terms folded like the indexed text,
/// FTS5 syntax (quotes, AND/OR/NOT, NEAR, prefix `*`, `^`, column filters) kept.
struct FTSQuery {
    /// A term to highlight: a phrase of folded words, the last possibly a prefix.
    struct Term: Equatable {
        var words: [String]
        var prefix: Bool
    }

    /// The MATCH expression.
    var expression: String
    /// Terms for highlighting (negated ones left out).
    var terms: [Term]

    static let columns: Set<String> = ["title", "lede", "body"]

    init(_ query: String) {
        var output = ""
        var terms: [Term] = []
        let scalars = Array(query.unicodeScalars)
        var i = 0
        var negateNext = false
        func emitTerm(_ raw: String, quotedInput: Bool) {
            let folded = TextFold.key(raw)
            var isPrefix = false
            var j = i
            while j < scalars.count, scalars[j] == " " { j += 1 }
            if i < scalars.count, scalars[i] == "*" { isPrefix = true }
            let words = SearchFold.words(folded)
            let bare = !quotedInput && !words.isEmpty && words.count == 1 && words[0] == folded
            if bare {
                output += folded
            } else {
                output += "\"" + folded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            if !words.isEmpty && !negateNext { terms.append(Term(words: words, prefix: isPrefix)) }
            negateNext = false
        }
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "\"":
                var j = i + 1
                var phrase = String.UnicodeScalarView()
                while j < scalars.count {
                    if scalars[j] == "\"" {
                        if j + 1 < scalars.count, scalars[j + 1] == "\"" { phrase.append("\""); j += 2; continue }
                        break
                    }
                    phrase.append(scalars[j]); j += 1
                }
                i = min(j + 1, scalars.count)
                emitTerm(String(phrase), quotedInput: true)
            case "(", ")", "*", "^", "+", "{", "}", ":", ",":
                output.unicodeScalars.append(c); i += 1
            case " ", "\t", "\n", "\r":
                output += " "; i += 1
            default:
                var j = i
                var word = String.UnicodeScalarView()
                while j < scalars.count, !" \t\n\r\"()*^+{}:,".unicodeScalars.contains(scalars[j]) {
                    word.append(scalars[j]); j += 1
                }
                let text = String(word)
                i = j
                if text == "AND" || text == "OR" {
                    output += text
                } else if text == "NOT" {
                    output += text; negateNext = true
                } else if text == "NEAR", i < scalars.count, scalars[i] == "(" {
                    output += text
                } else if i < scalars.count, scalars[i] == ":", Self.columns.contains(text.lowercased()) {
                    output += text.lowercased()
                } else {
                    emitTerm(text, quotedInput: false)
                }
            }
        }
        expression = output.trimmingCharacters(in: .whitespaces)
        self.terms = terms
    }

    /// A forgiving fallback when the expression is not valid FTS5: every word as a plain term.
    static func plain(_ query: String) -> FTSQuery {
        let words = SearchFold.words(TextFold.key(query))
        var q = FTSQuery("")
        q.expression = words.map { "\"\($0)\"" }.joined(separator: " ")
        q.terms = words.map { Term(words: [$0], prefix: false) }
        return q
    }
}
