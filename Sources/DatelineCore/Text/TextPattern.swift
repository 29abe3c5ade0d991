import Foundation

/// A compile error for a `TextPattern`, naming the pattern.
public struct TextPatternError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    public let pattern: String
    public let reason: String
    public var description: String { "invalid regular expression '\(pattern)': \(reason)" }
    public var errorDescription: String? { description }
}

/// A span of the original text: its text and its position in Unicode code points and in UTF-8 bytes
/// (both 0-based, end exclusive; Lua adds 1 to byte offsets).
public struct TextSpan: Equatable, Sendable, Codable {
    public let text: String
    public let codePointRange: Range<Int>
    public let byteRange: Range<Int>
}

/// One regular-expression match: the whole match plus capture groups (`nil` when a group did not take part).
public struct TextMatch: Equatable, Sendable {
    public let text: String
    public let codePointRange: Range<Int>
    public let byteRange: Range<Int>
    public let captures: [TextSpan?]
}

/// A compiled regular expression for analyst scripts (`text.match` in Lua).
///
/// Syntax is ICU regular expressions via `NSRegularExpression` (Unicode-aware: `\p{L}`, `\w` cover
/// Vietnamese letters). With `diacriticInsensitive` the pattern and text are matched in folded form
/// (`TextFold.key`, which also implies case-insensitivity) while reported ranges and texts come from
/// the original string.
public struct TextPattern: @unchecked Sendable {  // NSRegularExpression is immutable and thread-safe.
    /// Matching options.
    public struct Options: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let caseInsensitive = Options(rawValue: 1)
        /// Match "Lâm" and "LAM" alike; implies `caseInsensitive`.
        public static let diacriticInsensitive = Options(rawValue: 2)
        /// The match may not be preceded or followed by a letter, mark, digit or underscore.
        public static let wholeWord = Options(rawValue: 4)
    }

    public let pattern: String
    public let options: Options
    private let regex: NSRegularExpression

    /// Compiles `pattern`; throws `TextPatternError` if it is not a valid ICU regular expression.
    public init(_ pattern: String, options: Options = []) throws {
        self.pattern = pattern
        self.options = options
        var source = pattern
        if options.contains(.diacriticInsensitive) { source = Self.foldLiterals(source) }
        if options.contains(.wholeWord) {
            source = "(?<![\\p{L}\\p{M}\\p{N}_])(?:" + source + ")(?![\\p{L}\\p{M}\\p{N}_])"
        }
        var nsOptions: NSRegularExpression.Options = []
        if !options.isDisjoint(with: [.caseInsensitive, .diacriticInsensitive]) { nsOptions.insert(.caseInsensitive) }
        do {
            regex = try NSRegularExpression(pattern: source, options: nsOptions)
        } catch {
            throw TextPatternError(pattern: pattern, reason: "not valid ICU regular-expression syntax")
        }
    }

    /// Number of capture groups in the pattern.
    public var captureCount: Int { regex.numberOfCaptureGroups }

    /// All non-overlapping matches, in order, at most `limit`.
    public func matches(in text: String, limit: Int = Int.max) -> [TextMatch] {
        guard limit > 0 else { return [] }
        let subject = PatternSubject(text, folded: options.contains(.diacriticInsensitive))
        var result: [TextMatch] = []
        let ns = NSRange(location: 0, length: subject.searched.utf16.count)
        regex.enumerateMatches(in: subject.searched, options: [], range: ns) { m, _, stop in
            guard let m else { return }
            guard let whole = subject.span(m.range) else { return }
            var captures: [TextSpan?] = []
            if m.numberOfRanges > 1 {
                for g in 1..<m.numberOfRanges { captures.append(subject.span(m.range(at: g))) }
            }
            result.append(TextMatch(text: whole.text, codePointRange: whole.codePointRange,
                                    byteRange: whole.byteRange, captures: captures))
            if result.count >= limit { stop.pointee = true }
        }
        return result
    }

    /// The first match, if any.
    public func firstMatch(in text: String) -> TextMatch? { matches(in: text, limit: 1).first }

    /// Number of matches (no span texts built).
    public func count(in text: String) -> Int {
        let searched = options.contains(.diacriticInsensitive) ? TextFold.key(text) : text
        return regex.numberOfMatches(in: searched, options: [], range: NSRange(location: 0, length: searched.utf16.count))
    }

    /// Whether the pattern matches anywhere in `text`.
    public func isMatch(_ text: String) -> Bool {
        let searched = options.contains(.diacriticInsensitive) ? TextFold.key(text) : text
        return regex.firstMatch(in: searched, options: [], range: NSRange(location: 0, length: searched.utf16.count)) != nil
    }

    /// Folds non-ASCII literal scalars of a pattern (ASCII, and so all regex syntax, is left alone).
    static func foldLiterals(_ pattern: String) -> String {
        var out = ""
        for u in pattern.unicodeScalars {
            if u.isASCII { out.unicodeScalars.append(u) } else { out += TextFold.key(String(u)) }
        }
        return out
    }
}

/// The searched string (original or folded) and the offset maps back to the original.
struct PatternSubject {
    let original: String
    let searched: String
    /// Folded scalar index → original scalar index (with end sentinel); `nil` when not folded.
    let foldOffsets: [Int]?
    /// Searched UTF-16 offset → searched scalar index (size utf16Count + 1).
    let utf16ToScalar: [Int]
    /// Original scalar index → original UTF-8 byte offset (size scalarCount + 1).
    let scalarToByte: [Int]
    let bytes: [UInt8]

    init(_ text: String, folded: Bool) {
        original = text
        if folded {
            let f = TextFold.keyWithMap(text)
            searched = f.key
            foldOffsets = f.offsets
        } else {
            searched = text
            foldOffsets = nil
        }
        var u16: [Int] = []
        u16.reserveCapacity(searched.utf16.count + 1)
        var si = 0
        for u in searched.unicodeScalars {
            u16.append(si)
            if u.value > 0xFFFF { u16.append(si) }
            si += 1
        }
        u16.append(si)
        utf16ToScalar = u16
        var sb: [Int] = []
        sb.reserveCapacity(text.utf8.count + 1)
        var b = 0
        for u in text.unicodeScalars {
            sb.append(b)
            b += UTF8.width(u)
        }
        sb.append(b)
        scalarToByte = sb
        bytes = Array(text.utf8)
    }

    /// Original code-point range of a searched scalar range.
    func originalRange(_ r: Range<Int>) -> Range<Int> {
        guard let offs = foldOffsets else { return r }
        let last = offs.count - 1
        let lo = offs[min(r.lowerBound, last)]
        guard r.upperBound > r.lowerBound else { return lo..<lo }
        let hi = max(offs[min(r.upperBound - 1, last)] + 1, offs[min(r.upperBound, last)])
        return lo..<max(lo, hi)
    }

    func span(_ ns: NSRange) -> TextSpan? {
        guard ns.location != NSNotFound, ns.location >= 0,
            ns.location + ns.length < utf16ToScalar.count
        else { return nil }
        let a = utf16ToScalar[ns.location], b = utf16ToScalar[ns.location + ns.length]
        let cp = originalRange(a..<b)
        let maxScalar = scalarToByte.count - 1
        let lo = min(cp.lowerBound, maxScalar), hi = min(cp.upperBound, maxScalar)
        let br = scalarToByte[lo]..<scalarToByte[hi]
        let text = String(decoding: bytes[br], as: UTF8.self)
        return TextSpan(text: text, codePointRange: lo..<hi, byteRange: br)
    }
}
