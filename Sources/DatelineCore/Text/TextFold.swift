import Foundation

/// Text folding for matching ("Tô Lâm" → "to lam") and display normalization of press text.
///
/// `key` is the one folded form used everywhere text is compared, so index, search and
/// KWIC agree on what "the same word" means.
public enum TextFold {
    /// The folded matching key: lower case, diacritics stripped, đ → d, ß → ss, ligatures split,
    /// typographic quotes → `'`/`"`, dashes → `-`, Unicode spaces → space, zero-width characters dropped.
    public static func key(_ s: some StringProtocol) -> String {
        var out: [UInt8] = []
        withUTF8(s) { buf in
            out.reserveCapacity(buf.count)
            var sink = FoldSink(track: false)
            fold(buf, into: &out, sink: &sink)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The folded key plus, for each key scalar, the code-point offset of the original scalar it came
    /// from. `offsets` has one extra trailing entry: the original's code-point count (an end sentinel),
    /// so `offsets.count == key.unicodeScalars.count + 1`.
    public static func keyWithMap(_ s: String) -> (key: String, offsets: [Int]) {
        var out: [UInt8] = []
        var sink = FoldSink(track: true)
        withUTF8(s) { buf in
            out.reserveCapacity(buf.count)
            sink.offsets.reserveCapacity(buf.count + 1)
            fold(buf, into: &out, sink: &sink)
        }
        sink.offsets.append(sink.scalarIndex)
        return (String(decoding: out, as: UTF8.self), sink.offsets)
    }

    /// Display normalization: NFC, Vietnamese tone marks in the traditional press placement
    /// ("hoà" → "hòa", "thuỷ" → "thủy"), quotes → `'`/`"`, dashes → `–` (hyphens → `-`),
    /// Unicode spaces → space, runs of spaces/tabs collapsed; newlines kept. Returns `s` unchanged
    /// (no copy of work) when there is nothing to do.
    public static func normalize(_ s: String) -> String {
        var needsWork = false
        var nonASCII = false
        var prevSpace = false
        for b in s.utf8 {
            if b >= 0x80 { nonASCII = true; needsWork = true; break }
            if b == 0x09 { needsWork = true; break }
            let isSpace = b == 0x20
            if isSpace && prevSpace { needsWork = true; break }
            prevSpace = isSpace
        }
        if !needsWork { return s }
        var text = nonASCII ? s.precomposedStringWithCanonicalMapping : s
        text = DisplayPunctuation.unify(text)
        return nonASCII ? ToneMarks.traditional(text) : text
    }

    // MARK: - Core

    @inline(__always)
    static func withUTF8<S: StringProtocol>(_ s: S, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { body($0) }
        if done == nil {
            var copy = String(s)
            copy.withUTF8 { body($0) }
        }
    }

    struct FoldSink {
        let track: Bool
        var offsets: [Int] = []
        var scalarIndex = 0
        var cache: [UInt32: [UInt8]] = [:]
        init(track: Bool) { self.track = track }
    }

    /// Folds valid UTF-8 `src` into `out`; when tracking, records the source scalar index per output scalar.
    static func fold(_ src: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], sink: inout FoldSink) {
        let table = FoldTable.shared
        let n = src.count
        let track = sink.track
        var i = 0
        while i < n {
            let b = src[i]
            if b < 0x80 {
                out.append(b &- 65 < 26 ? b &+ 32 : b)
                if track { sink.offsets.append(sink.scalarIndex) }
                sink.scalarIndex += 1
                i += 1
                continue
            }
            // Decode one multi-byte scalar (input is valid UTF-8; guard anyway).
            var len = 2
            var v = UInt32(b & 0x1F)
            if b >= 0xF0 { len = 4; v = UInt32(b & 0x07) } else if b >= 0xE0 { len = 3; v = UInt32(b & 0x0F) }
            guard i + len <= n else { break }
            var k = 1
            while k < len { v = (v << 6) | UInt32(src[i + k] & 0x3F); k += 1 }

            if let slot = FoldTable.slot(v) {
                let a = Int(table.start[slot]), e = Int(table.start[slot + 1])
                var j = a
                while j < e {
                    let byte = table.bytes[j]
                    out.append(byte)
                    if track && byte & 0xC0 != 0x80 { sink.offsets.append(sink.scalarIndex) }
                    j += 1
                }
            } else if FoldRules.isInvariant(v) {
                var j = i
                while j < i + len { out.append(src[j]); j += 1 }
                if track { sink.offsets.append(sink.scalarIndex) }
            } else {
                let folded: [UInt8]
                if let cached = sink.cache[v] {
                    folded = cached
                } else {
                    folded = Array(FoldRules.slowFold(v).utf8)
                    sink.cache[v] = folded
                }
                for byte in folded {
                    out.append(byte)
                    if track && byte & 0xC0 != 0x80 { sink.offsets.append(sink.scalarIndex) }
                }
            }
            sink.scalarIndex += 1
            i += len
        }
    }
}

/// Unifies typographic punctuation and whitespace for display (part of `TextFold.normalize`).
enum DisplayPunctuation {
    static func unify(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = false
        for u in s.unicodeScalars {
            let v = u.value
            var mapped: Unicode.Scalar? = u
            switch v {
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                mapped = " "
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC:
                mapped = "'"
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033:
                mapped = "\""
            case 0x2010, 0x2011:
                mapped = "-"
            case 0x2012, 0x2013, 0x2014, 0x2015, 0x2212:
                mapped = "\u{2013}"
            case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
                mapped = nil
            default:
                break
            }
            guard let m = mapped else { continue }
            if m == " " {
                if lastWasSpace { continue }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            out.append(m)
        }
        return String(out)
    }
}
