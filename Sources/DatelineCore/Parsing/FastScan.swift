/// Byte-level helpers for the parser's hot paths. Foundation's `String.contains(_:)` and
/// `range(of:)` go through NSString on Linux and dominated parse time; these work on UTF-8 directly.
enum FastScan {
    /// Whether `needle` occurs in `haystack` (exact UTF-8 bytes).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    /// Byte offset of the first occurrence of `needle` in `haystack`.
    static func firstOffset(of needle: String, in haystack: String) -> Int? {
        var h = haystack, n = needle
        return h.withUTF8 { hb -> Int? in
            n.withUTF8 { nb -> Int? in
                guard nb.count > 0, hb.count >= nb.count, let hbase = hb.baseAddress, let nbase = nb.baseAddress else {
                    return nb.count == 0 ? 0 : nil
                }
                let first = nbase[0]
                let last = hb.count - nb.count
                var i = 0
                while i <= last {
                    if hbase[i] == first {
                        var k = 1
                        while k < nb.count && hbase[i + k] == nbase[k] { k += 1 }
                        if k == nb.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    @inline(__always)
    static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
        }
        let p = u.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
    }

    @inline(__always)
    static func isUpper(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return u.properties.isUppercase
    }

    @inline(__always)
    static func isLower(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        return u.properties.isLowercase
    }

    @inline(__always)
    static func isLetter(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) }
        return u.properties.isAlphabetic
    }

    @inline(__always)
    static func isDigit(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        return u.properties.numericType != nil
    }

    @inline(__always)
    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0x0B || v == 0x0C }
        return u.properties.isWhitespace || v == 0x200B || v == 0xFEFF || v == 0x200C || v == 0x2060
    }

    /// Trims spaces and the given characters from both ends (a cheap `trimmingCharacters(in:)`).
    static func trim(_ s: some StringProtocol, _ extra: String = "") -> String {
        let scalars = s.unicodeScalars
        @inline(__always) func drop(_ u: Unicode.Scalar) -> Bool {
            isSpace(u) || (!extra.isEmpty && extra.unicodeScalars.contains(u))
        }
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !drop(first) && !drop(last) { return String(s) }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, drop(scalars[start]) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            if drop(scalars[before]) { end = before } else { break }
        }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}
