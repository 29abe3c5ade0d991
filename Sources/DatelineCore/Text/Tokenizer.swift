import Foundation

/// Unicode-aware word tokenization: runs of letters, marks and digits, keeping internal
/// apostrophes ("People's"), hyphens between words ("socio-economic", "COVID-19") and number
/// separators ("2.200", "3.5"). Dashes (– —) and other punctuation split. Vietnamese syllables
/// are separate tokens because they are separated by spaces.
public enum Tokenizer {
    /// Word tokens in original case.
    public static func tokens(_ s: String) -> [String] {
        var result: [String] = []
        scan(s) { range in result.append(String(s.unicodeScalars[range])) }
        return result
    }

    /// Tokens transformed for counting/indexing: folded (`TextFold.key`) when `fold`, else lower-cased
    /// when `lowercase`; tokens found in `stopwords` (compared after the transformation) are dropped.
    public static func words(
        _ s: String, fold: Bool = false, lowercase: Bool = true, stopwords: Set<String>? = nil
    ) -> [String] {
        var result: [String] = []
        scan(s) { range in
            let token = s.unicodeScalars[range]
            let word: String
            if fold {
                word = TextFold.key(Substring(token))
            } else if lowercase {
                word = String(token).lowercased()
            } else {
                word = String(token)
            }
            if let stop = stopwords, stop.contains(word) { return }
            result.append(word)
        }
        return result
    }

    /// Number of word tokens, without allocating them.
    public static func wordCount(_ s: String) -> Int {
        var n = 0
        scanBytes(s) { _ in n += 1 }
        return n
    }

    // MARK: - Scanner

    enum Kind { case other, letter, digit, mark }

    @inline(__always)
    static func kind(_ u: Unicode.Scalar) -> Kind {
        let v = u.value
        if v < 0x80 {
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) { return .letter }
            if v >= 0x30 && v <= 0x39 { return .digit }
            return .other
        }
        if v < ScalarClass.tableLimit { return kindTable.withUnsafeBufferPointer { $0[Int(v)] } }
        return computeKind(u)
    }

    /// `kind` for every scalar below `ScalarClass.tableLimit`, computed once.
    private static let kindTable: [Kind] = (0..<ScalarClass.tableLimit).map { v in
        Unicode.Scalar(v).map(computeKind) ?? .other
    }

    /// The kind of a scalar from its Unicode properties.
    private static func computeKind(_ u: Unicode.Scalar) -> Kind {
        let v = u.value
        if v < 0x80 {
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) { return .letter }
            if v >= 0x30 && v <= 0x39 { return .digit }
            return .other
        }
        let p = u.properties
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        case .decimalNumber: return .digit
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .letterNumber, .otherNumber:
            return .letter
        default:
            return p.isAlphabetic ? .letter : .other
        }
    }

    @inline(__always)
    static func isApostrophe(_ v: UInt32) -> Bool { v == 0x27 || v == 0x2019 || v == 0x02BC }

    @inline(__always)
    static func isHyphen(_ v: UInt32) -> Bool { v == 0x2D || v == 0x2010 || v == 0x2011 }

    /// Whether the punctuation scalar `v`, inside a token whose last letter or digit was of kind
    /// `last`, joins it with the following scalar of kind `next`: an apostrophe between letters
    /// ("People's"), a hyphen between words or a word and a number ("COVID-19", not "2-3"), a
    /// full stop or comma between digits ("3.5", "2.200").
    @inline(__always)
    static func joins(_ v: UInt32, last: Kind, next: Kind) -> Bool {
        if isApostrophe(v) { return last == .letter && next == .letter }
        if isHyphen(v) {
            return (last == .letter || last == .digit) && (next == .letter || next == .digit)
                && !(last == .digit && next == .digit)
        }
        if v == 0x2E || v == 0x2C { return last == .digit && next == .digit }
        return false
    }

    /// Calls `body` with the scalar range of each token, in order.
    static func scan(_ s: String, _ body: (Range<String.UnicodeScalarView.Index>) -> Void) {
        let utf8 = s.utf8
        scanBytes(s) { range in
            // UTF-8 offsets of scalar boundaries are valid scalar indices (O(1) on native strings).
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            let upper = utf8.index(lower, offsetBy: range.count)
            body(lower..<upper)
        }
    }

    /// Calls `body` with the UTF-8 byte range of each token, in order (the scanner itself).
    static func scanBytes(_ s: String, _ body: (Range<Int>) -> Void) {
        TextFold.withUTF8(s) { buf in
            let end = buf.count
            var i = 0
            var start: Int? = nil
            var last: Kind = .other
            while i < end {
                let b = buf[i]
                if b < 0x80, b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26 {
                    // A run of ASCII letters and digits in one tight loop.
                    if start == nil { start = i }
                    var j = i
                    var c = b
                    repeat {
                        last = c &- 0x30 < 10 ? .digit : .letter
                        j += 1
                        guard j < end else { break }
                        c = buf[j]
                    } while c < 0x80 && (c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 26)
                    i = j
                    continue
                }
                let (u, len) = UTF8Scan.decode(buf, at: i)
                let k = kind(u)
                if k != .other {
                    if start == nil {
                        if k == .mark { i += len; continue }  // stray mark: skip
                        start = i
                    }
                    if k != .mark { last = k }
                    i += len
                    continue
                }
                // Punctuation: may join if between two token characters.
                if let st = start {
                    let next = i + len
                    if next < end {
                        if joins(u.value, last: last, next: kind(UTF8Scan.decode(buf, at: next).scalar)) {
                            i = next
                            continue
                        }
                    }
                    body(st..<i)
                    start = nil
                }
                last = .other
                i += len
            }
            if let st = start { body(st..<end) }
        }
    }
}
