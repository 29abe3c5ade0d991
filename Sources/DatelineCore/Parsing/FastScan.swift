import Foundation

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
        return ScalarClass.has(u, ScalarClass.alphabetic | ScalarClass.numeric | ScalarClass.nonspacingMark | ScalarClass.spacingMark)
    }

    @inline(__always)
    static func isUpper(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return ScalarClass.has(u, ScalarClass.uppercase)
    }

    @inline(__always)
    static func isLower(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        return ScalarClass.has(u, ScalarClass.lowercase)
    }

    @inline(__always)
    static func isLetter(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) }
        return ScalarClass.has(u, ScalarClass.alphabetic)
    }

    @inline(__always)
    static func isDigit(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        return ScalarClass.has(u, ScalarClass.numeric)
    }

    /// `properties.generalCategory == .nonspacingMark`.
    @inline(__always)
    static func isNonspacingMark(_ u: Unicode.Scalar) -> Bool {
        u.value >= 0x300 && ScalarClass.has(u, ScalarClass.nonspacingMark)
    }

    @inline(__always)
    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0x0B || v == 0x0C }
        return ScalarClass.has(u, ScalarClass.whitespace) || v == 0x200B || v == 0xFEFF || v == 0x200C || v == 0x2060
    }

    /// Calls `body` with the byte range `start..<end` of every line of `buf` (split at LF, which is
    /// not included), in order; text ending in LF has an empty last line.
    @inline(__always)
    static func forEachLine(_ buf: UnsafeBufferPointer<UInt8>, _ body: (_ start: Int, _ end: Int) -> Void) {
        guard let base = buf.baseAddress else { body(0, 0); return }
        var start = 0
        while start <= buf.count {
            var end = buf.count
            if start < buf.count, let newline = memchr(base + start, 0x0A, buf.count - start) {
                end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            }
            body(start, end)
            start = end + 1
        }
    }

    /// Whether `s` holds the byte `byte` (`memchr`, much faster than a generic `contains`).
    static func contains(_ s: String, byte: UInt8) -> Bool {
        var found = false
        TextFold.withUTF8(s) { buf in
            if let base = buf.baseAddress { found = memchr(base, Int32(byte), buf.count) != nil }
        }
        return found
    }

    /// Trims spaces and the given characters from both ends (a cheap `trimmingCharacters(in:)`),
    /// scanning UTF-8 bytes from each end.
    static func trim(_ s: some StringProtocol, _ extra: String = "") -> String {
        var result: String?
        TextFold.withUTF8(s) { buf in
            guard buf.count > 0 else { result = ""; return }
            let extraScalars = extra.unicodeScalars
            @inline(__always) func drop(_ u: Unicode.Scalar) -> Bool {
                isSpace(u) || (!extraScalars.isEmpty && extraScalars.contains(u))
            }
            var start = 0, end = buf.count
            while start < end {
                let (u, len) = UTF8Scan.decode(buf, at: start)
                if !drop(u) { break }
                start += len
            }
            while end > start {
                let before = UTF8Scan.start(before: end, in: buf)
                if drop(UTF8Scan.decode(buf, at: before).scalar) { end = before } else { break }
            }
            if start == 0 && end == buf.count { return }
            result = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self)
        }
        return result ?? String(s)
    }
}

/// A fixed set of phrases searched for together in one pass over the text (instead of one
/// `FastScan.contains` pass per phrase). Exact UTF-8 byte matching, like `FastScan.contains`.
struct PhraseMatcher: Sendable {
    /// Phrases (as bytes) grouped by their first byte.
    private let byFirstByte: [[[UInt8]]]
    /// Whether some phrase starts with the byte: most bytes of a text start none, and are skipped
    /// with one table load.
    private let startsPhrase: [Bool]

    init(_ phrases: [String]) {
        var groups = [[[UInt8]]](repeating: [], count: 256)
        for phrase in phrases {
            let bytes = Array(phrase.utf8)
            guard let first = bytes.first else { continue }
            groups[Int(first)].append(bytes)
        }
        byFirstByte = groups
        startsPhrase = groups.map { !$0.isEmpty }
    }

    /// Whether any phrase occurs in `text`. (An empty phrase is never looked for.)
    func occurs(in text: String) -> Bool {
        var found = false
        TextFold.withUTF8(text) { buf in
            startsPhrase.withUnsafeBufferPointer { starts in
                let n = buf.count
                var i = 0
                while i < n {
                    if starts[Int(buf[i])] {
                        for phrase in byFirstByte[Int(buf[i])] where phrase.count <= n - i {
                            var k = 1
                            while k < phrase.count && buf[i + k] == phrase[k] { k += 1 }
                            if k == phrase.count { found = true; return }
                        }
                    }
                    i += 1
                }
            }
        }
        return found
    }
}
