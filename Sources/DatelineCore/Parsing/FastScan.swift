import Foundation

/// Byte-level helpers for the parser's hot paths. Foundation's `String.contains(_:)` and
/// `range(of:)` go through NSString on Linux and dominated parse time; these work on UTF-8 directly.
enum FastScan {
    /// Whether `needle` occurs in `haystack` (exact UTF-8 bytes).
    static func contains(_ haystack: some StringProtocol, _ needle: some StringProtocol) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    /// Byte offset of the first occurrence of `needle` in `haystack`.
    static func firstOffset(of needle: some StringProtocol, in haystack: some StringProtocol) -> Int? {
        var offset: Int?
        TextFold.withUTF8(haystack) { hb in
            TextFold.withUTF8(needle) { nb in offset = firstOffset(of: nb, in: hb) }
        }
        return offset
    }

    /// Byte offset of the first occurrence of the bytes `nb` in `hb` (0 for empty `nb`).
    static func firstOffset(of nb: UnsafeBufferPointer<UInt8>, in hb: UnsafeBufferPointer<UInt8>) -> Int? {
        guard nb.count > 0, hb.count >= nb.count, let hbase = hb.baseAddress, let nbase = nb.baseAddress else {
            return nb.count == 0 ? 0 : nil
        }
        let first = nbase[0]
        let last = hb.count - nb.count
        var i = 0
        // memchr jumps to each candidate first byte.
        while i <= last, let hit = memchr(hbase + i, Int32(first), last - i + 1) {
            i = hbase.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var k = 1
            while k < nb.count && hbase[i + k] == nbase[k] { k += 1 }
            if k == nb.count { return i }
            i += 1
        }
        return nil
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
            let kept = trimmedRange(buf, 0..<buf.count, extra)
            if kept.count == buf.count { return }
            result = String(decoding: UnsafeBufferPointer(rebasing: buf[kept]), as: UTF8.self)
        }
        return result ?? String(s)
    }

    /// The part of `range` (scalar boundaries of the valid UTF-8 `buf`) that `trim(_:_:)` keeps: without
    /// the spaces and scalars of `extra` at either end.
    static func trimmedRange(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ extra: String = "") -> Range<Int> {
        var kept = range
        TextFold.withUTF8(extra) { kept = trimmedRange(buf, range, extraBytes: $0) }
        return kept
    }

    /// `trimmedRange` with the UTF-8 bytes of `extra`.
    private static func trimmedRange(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, extraBytes eb: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        // An ASCII byte is its own scalar and occurs in `extra`'s bytes only as that scalar, so ASCII
        // ends (the usual case) are decided without decoding.
        @inline(__always) func drop(at i: Int) -> Bool {
            let b = buf[i]
            if b < 0x80 {
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) { return true }
                for e in eb where e == b { return true }
                return false
            }
            let u = UTF8Scan.decode(buf, at: i).scalar
            if isSpace(u) { return true }
            var j = 0
            while j < eb.count {
                let (e, len) = UTF8Scan.decode(eb, at: j)
                if e == u { return true }
                j += len
            }
            return false
        }
        var start = range.lowerBound, end = range.upperBound
        while start < end && drop(at: start) {
            start += UTF8Scan.decode(buf, at: start).length
        }
        while end > start {
            let before = UTF8Scan.start(before: end, in: buf)
            if drop(at: before) { end = before } else { break }
        }
        return start..<end
    }

    /// Whether every scalar of the valid UTF-8 `buf` is below U+0300 or a precomposed Latin letter
    /// (U+1E00–U+1EFF, Vietnamese): no combining marks nor scalars with canonical equivalents, so such
    /// text is in NFC and each scalar stands alone as a character.
    static func isPlainLatin(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = buf.count
        while i < n {
            let b = buf[i]
            if b < 0x80 { i += 1; continue }
            if b < 0xCC { i += 2; continue }  // U+0080–U+02FF
            guard b == 0xE1, i + 1 < n, buf[i + 1] >= 0xB8, buf[i + 1] <= 0xBB else { return false }
            i += 3
        }
        return true
    }

    /// Foundation's `s.contains(needle)` for the one-byte ASCII `needle`, when the bytes decide it: no
    /// such byte (nothing can match), or the byte in plain Latin text; `nil` sends the caller to Foundation.
    static func containsASCII(_ s: String, _ needle: UInt8) -> Bool? {
        var answer: Bool?
        TextFold.withUTF8(s) { buf in
            guard let base = buf.baseAddress, memchr(base, Int32(needle), buf.count) != nil else { answer = false; return }
            if isPlainLatin(buf) { answer = true }
        }
        return answer
    }

    /// `s.hasPrefix(prefix)` for an ASCII `prefix` without CR or LF, decided from the bytes whenever
    /// they decide it. `String.hasPrefix` compares characters (canonical equivalence, grapheme
    /// clusters); next to ASCII bytes that is byte comparison, so only a non-ASCII byte within the
    /// prefix's span or right after it sends the question to `String.hasPrefix`.
    static func hasASCIIPrefix(_ s: String, _ prefix: String) -> Bool {
        var answer: Bool?
        TextFold.withUTF8(s) { sb in
            TextFold.withUTF8(prefix) { pb in
                let n = sb.count, m = pb.count
                for k in 0..<m {
                    if k == n { answer = false; return }  // s is shorter (and ASCII so far)
                    let b = sb[k]
                    if b >= 0x80 { return }
                    if b != pb[k] { answer = false; return }
                }
                // The prefix's last character must end a character of `s`: an ASCII byte after it starts one.
                if m == n || sb[m] < 0x80 { answer = true }
            }
        }
        return answer ?? s.hasPrefix(prefix)
    }

    /// `s.hasSuffix(suffix)` for an ASCII `suffix` without CR or LF, decided from the bytes whenever
    /// they decide it (see `hasASCIIPrefix`).
    static func hasASCIISuffix(_ s: String, _ suffix: String) -> Bool {
        var answer: Bool?
        TextFold.withUTF8(s) { sb in
            TextFold.withUTF8(suffix) { pb in
                let n = sb.count, m = pb.count
                var k = 1
                while k <= m {
                    if k > n { answer = false; return }  // s is shorter (and ASCII so far)
                    let b = sb[n - k]
                    if b >= 0x80 { return }
                    if b != pb[m - k] { answer = false; return }
                    k += 1
                }
                // The suffix's first character must start a character of `s`: it does after an ASCII byte.
                if m == n || sb[n - m - 1] < 0x80 { answer = true }
            }
        }
        return answer ?? s.hasSuffix(suffix)
    }
}

/// A fixed set of phrases searched for together in one pass over the text (instead of one
/// `FastScan.contains` pass per phrase). Exact UTF-8 byte matching, like `FastScan.contains`.
///
/// Phrases of three bytes or more are found Wu–Manber style: the scan looks at the two bytes that
/// would end the shortest phrase and, unless those two bytes end a prefix of some phrase, jumps
/// ahead by up to that phrase's length, so most bytes of a text are never looked at. Shorter
/// phrases ("©") are looked for byte by byte.
struct PhraseMatcher: Sendable {
    /// Phrases of one or two bytes, grouped by their first byte.
    private let shortByFirstByte: [[[UInt8]]]
    private let shortFirstBytes: [UInt8]
    private let hasShort: Bool
    /// Phrases of three bytes or more.
    private let long: [[UInt8]]
    /// The length of the shortest long phrase (the window the shift table is built for).
    private let window: Int
    /// How far the window may move when its last two bytes hash to the slot.
    private let shift: [UInt8]
    /// The long phrases whose first `window` bytes end with two bytes hashing to the slot.
    private let candidates: [[Int32]]

    private static let slots = 4096
    @inline(__always)
    private static func slot(_ a: UInt8, _ b: UInt8) -> Int { (Int(a) << 4 ^ Int(b)) & (slots - 1) }

    init(_ phrases: [String]) {
        var short = [[[UInt8]]](repeating: [], count: 256)
        var long: [[UInt8]] = []
        for phrase in phrases {
            let bytes = Array(phrase.utf8)
            if bytes.count >= 3 { long.append(bytes) } else if let first = bytes.first { short[Int(first)].append(bytes) }
        }
        shortByFirstByte = short
        shortFirstBytes = (0..<256).filter { !short[$0].isEmpty }.map { UInt8($0) }
        hasShort = !shortFirstBytes.isEmpty
        self.long = long
        let m = long.map(\.count).min() ?? 0
        window = m
        var shift = [UInt8](repeating: UInt8(clamping: max(m - 1, 0)), count: Self.slots)
        var candidates = [[Int32]](repeating: [], count: Self.slots)
        for (index, p) in long.enumerated() {
            // The block p[j], p[j + 1] ends m - 2 - j bytes before the end of the window.
            for j in 0..<(m - 1) {
                let h = Self.slot(p[j], p[j + 1])
                shift[h] = min(shift[h], UInt8(clamping: m - 2 - j))
            }
            candidates[Self.slot(p[m - 2], p[m - 1])].append(Int32(index))
        }
        self.shift = shift
        self.candidates = candidates
    }

    /// Whether any phrase occurs in `text`. (An empty phrase is never looked for.)
    func occurs(in text: String) -> Bool {
        var found = false
        TextFold.withUTF8(text) { buf in
            found = (hasShort && occursShort(buf)) || (window > 0 && occursLong(buf))
        }
        return found
    }

    /// Each first byte of a short phrase found with `memchr` (these phrases are rare symbols such
    /// as "©", so a byte-by-byte loop would look at every byte for nothing).
    private func occursShort(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buf.baseAddress else { return false }
        let n = buf.count
        for first in shortFirstBytes {
            var i = 0
            while i < n, let hit = memchr(base + i, Int32(first), n - i) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                for phrase in shortByFirstByte[Int(first)] where phrase.count <= n - at {
                    if phrase.count == 1 || buf[at + 1] == phrase[1] { return true }
                }
                i = at + 1
            }
        }
        return false
    }

    private func occursLong(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = buf.count, m = window
        guard n >= m else { return false }
        return shift.withUnsafeBufferPointer { shift in
            var end = m - 1  // the last byte of the window
            while end < n {
                let h = Self.slot(buf[end - 1], buf[end])
                let s = Int(shift[h])
                if s > 0 { end += s; continue }
                let start = end - m + 1
                for index in candidates[h] {
                    let phrase = long[Int(index)]
                    guard phrase.count <= n - start else { continue }
                    var k = 0
                    while k < phrase.count && buf[start + k] == phrase[k] { k += 1 }
                    if k == phrase.count { return true }
                }
                end += 1
            }
            return false
        }
    }
}
