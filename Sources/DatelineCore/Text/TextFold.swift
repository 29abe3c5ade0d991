import Foundation

/// Text folding for matching ("Tô Lâm" → "to lam") and display normalization of press text.
///
/// `key` is the one folded form used everywhere text is compared, so index, search and
/// KWIC agree on what "the same word" means.
public enum TextFold {
    /// The folded matching key: lower case, diacritics stripped, đ → d, ß → ss, ligatures split,
    /// typographic quotes → `'`/`"`, dashes → `-`, Unicode spaces → space, zero-width characters dropped.
    /// Table-driven for Latin, Vietnamese and punctuation; other scalars use NFKD minus combining marks.
    public static func key(_ s: some StringProtocol) -> String {
        var key = ""
        withUTF8(s) { buf in
            key = asciiKey(buf) ?? tableKey(buf) ?? generalKey(buf)
        }
        return key
    }

    /// The key of text whose scalars the fold table covers (Latin, Vietnamese, Greek, Cyrillic,
    /// punctuation) or leaves alone (CJK, Thai, Lao, Hangul…), written straight into the new string's
    /// storage; `nil` when some scalar needs the slow fold or the key would outgrow twice the input.
    static func tableKey(_ src: UnsafeBufferPointer<UInt8>) -> String? {
        let n = src.count
        let capacity = 2 * n
        var complete = true
        let table = FoldTable.shared
        let key = table.bytes.withUnsafeBufferPointer { tableBytes in
            table.start.withUnsafeBufferPointer { tableStart in
              table.single.withUnsafeBufferPointer { tableSingle in
                String(unsafeUninitializedCapacity: capacity) { dst -> Int in
                    guard let from = src.baseAddress, let to = dst.baseAddress else { return 0 }
                    var o = 0
                    var i = 0
                    while i < n {
                        if i + 8 <= n {
                            let w = ByteLanes.load(from, i)
                            let high = w & ByteLanes.highs
                            // All eight lanes are written; those before the first non-ASCII lane are
                            // exact (the sums carry only upward) and the rest are written over later.
                            // `o <= n + i` and `i + 8 <= n` leave room for them.
                            ByteLanes.store(ByteLanes.lowerASCII(w), to + o)
                            if high == 0 {
                                o &+= 8
                                i &+= 8
                                continue
                            }
                            let taken = high.trailingZeroBitCount &>> 3
                            o &+= taken
                            i &+= taken
                        }
                        let b = src[i]
                        if b < 0x80 {
                            dst[o] = b &- 65 < 26 ? b &+ 32 : b
                            o += 1
                            i += 1
                            continue
                        }
                        // Two-byte scalars (Latin-1, Latin Extended) and Vietnamese U+1E80–U+1EFF
                        // (E1 BA xx, E1 BB xx) whose fold is one ASCII byte: write it. One output byte
                        // for two or three read keeps `o <= n + i`, the room the general path checks.
                        if b < 0xE0 {
                            let v = UInt32(b & 0x1F) << 6 | UInt32(from[i &+ 1 < n ? i &+ 1 : i] & 0x3F)
                            if i &+ 2 <= n && v >= 0x80 && v < 0x530 {
                                let s = tableSingle[Int(v) &- 0x80]
                                if s != 0 {
                                    to[o] = s
                                    o &+= 1
                                    i &+= 2
                                    continue
                                }
                            }
                        } else if b == 0xE1 && i &+ 3 <= n {
                            let b1 = from[i &+ 1]
                            if b1 == 0xBA || b1 == 0xBB {
                                let s = tableSingle[FoldTable.slot(0x1E80)! &+ Int(b1 &- 0xBA) &<< 6 &+ Int(from[i &+ 2] & 0x3F)]
                                if s != 0 {
                                    to[o] = s
                                    o &+= 1
                                    i &+= 3
                                    continue
                                }
                            }
                        }
                        var len = 2
                        var v = UInt32(b & 0x1F)
                        if b >= 0xF0 { len = 4; v = UInt32(b & 0x07) } else if b >= 0xE0 { len = 3; v = UInt32(b & 0x0F) }
                        guard i + len <= n else { complete = false; return 0 }
                        var k = 1
                        while k < len { v = (v << 6) | UInt32(src[i + k] & 0x3F); k += 1 }
                        // Every byte still to read may add one output byte: keep room for them.
                        let room = capacity - (n - i - len)
                        if let slot = FoldTable.slot(v) {
                            let a = Int(tableStart[slot]), e = Int(tableStart[slot + 1])
                            guard o + (e - a) <= room else { complete = false; return 0 }
                            for j in a..<e { dst[o] = tableBytes[j]; o += 1 }
                        } else if FoldRules.isInvariant(v) {
                            for j in i..<(i + len) { dst[o] = src[j]; o += 1 }  // same length: always fits
                        } else {
                            complete = false
                            return 0
                        }
                        i += len
                    }
                    return o
                }
              }
            }
        }
        return complete ? key : nil
    }

    /// The key by the general fold (any scalar, any growth).
    private static func generalKey(_ src: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(src.count)
        var sink = FoldSink(track: false)
        fold(src, into: &out, sink: &sink)
        return String(decoding: out, as: UTF8.self)
    }

    /// The key of pure-ASCII text (its lower-case copy), or `nil` when the text is not all ASCII.
    @inline(__always)
    static func asciiKey(_ buf: UnsafeBufferPointer<UInt8>) -> String? {
        guard let from = buf.baseAddress else { return "" }
        let n = buf.count
        var i = 0
        while i + 8 <= n {
            if ByteLanes.load(from, i) & ByteLanes.highs != 0 { return nil }
            i += 8
        }
        while i < n {
            if buf[i] >= 0x80 { return nil }
            i += 1
        }
        return String(unsafeUninitializedCapacity: n) { dst in
            guard let to = dst.baseAddress else { return 0 }
            var i = 0
            while i + 8 <= n {
                ByteLanes.store(ByteLanes.lowerASCII(ByteLanes.load(from, i)), to + i)
                i += 8
            }
            while i < n {
                let b = buf[i]
                dst[i] = b &- 65 < 26 ? b &+ 32 : b
                i += 1
            }
            return n
        }
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
    /// Unicode spaces → space, runs of spaces/tabs collapsed; newlines kept. Cheap (one byte scan, no
    /// copy) when there is nothing to change.
    public static func normalize(_ s: String) -> String {
        let pass = DisplayPunctuation.unify(s)
        var text = pass.text ?? s
        if pass.mayNeedNFC { text = text.precomposedStringWithCanonicalMapping }
        return pass.nonASCII ? ToneMarks.traditional(text) : text
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
        table.bytes.withUnsafeBufferPointer { tableBytes in
            table.start.withUnsafeBufferPointer { tableStart in
                fold(src, into: &out, sink: &sink, tableBytes: tableBytes, tableStart: tableStart)
            }
        }
    }

    /// `fold` with the fold table's arrays already opened.
    private static func fold(
        _ src: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], sink: inout FoldSink,
        tableBytes: UnsafeBufferPointer<UInt8>, tableStart: UnsafeBufferPointer<Int32>
    ) {
        let n = src.count
        let track = sink.track
        var i = 0
        while i < n {
            let b = src[i]
            if b < 0x80 {
                var j = i + 1
                while j < n && src[j] < 0x80 { j += 1 }
                if j - i < 16 {
                    // A short run (between the accented letters of Vietnamese, say): byte by byte.
                    for k in i..<j { let c = src[k]; out.append(c &- 65 < 26 ? c &+ 32 : c) }
                } else {
                    // A long run of ASCII: copy it, then lower-case the copy in place.
                    let first = out.count
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: src[i..<j]))
                    out.withUnsafeMutableBufferPointer { o in
                        for k in first..<o.count { let c = o[k]; o[k] = c &- 65 < 26 ? c &+ 32 : c }
                    }
                }
                if track {
                    for _ in i..<j { sink.offsets.append(sink.scalarIndex); sink.scalarIndex += 1 }
                } else {
                    sink.scalarIndex += j - i
                }
                i = j
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
                let a = Int(tableStart[slot]), e = Int(tableStart[slot + 1])
                if !track {
                    for j in a..<e { out.append(tableBytes[j]) }
                } else {
                    var j = a
                    while j < e {
                        let byte = tableBytes[j]
                        out.append(byte)
                        if byte & 0xC0 != 0x80 { sink.offsets.append(sink.scalarIndex) }
                        j += 1
                    }
                }
            } else if FoldRules.isInvariant(v) {
                for j in i..<(i + len) { out.append(src[j]) }
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

/// Unifies typographic punctuation and whitespace for display (part of `TextFold.normalize`),
/// working on UTF-8 bytes, and reports whether the text may not be in NFC.
enum DisplayPunctuation {
    struct Result {
        /// The rewritten text, or `nil` when nothing changed.
        var text: String?
        var nonASCII = false
        var mayNeedNFC = false
    }

    static func unify(_ s: String) -> Result {
        var result = Result()
        var out: [UInt8] = []
        var changed = false
        TextFold.withUTF8(s) { src in
            out.reserveCapacity(src.count)
            let n = src.count
            var i = 0
            var lastWasSpace = false
            while i < n {
                let b = src[i]
                if b < 0x80 {
                    if b == 0x20 || b == 0x09 {
                        if lastWasSpace || b == 0x09 { changed = true }
                        if !lastWasSpace { out.append(0x20) }
                        lastWasSpace = true
                    } else {
                        out.append(b)
                        lastWasSpace = false
                    }
                    i += 1
                    continue
                }
                result.nonASCII = true
                var len = 2
                var v = UInt32(b & 0x1F)
                if b >= 0xF0 { len = 4; v = UInt32(b & 0x07) } else if b >= 0xE0 { len = 3; v = UInt32(b & 0x0F) }
                guard i + len <= n else { break }
                var k = 1
                while k < len { v = (v << 6) | UInt32(src[i + k] & 0x3F); k += 1 }
                if !result.mayNeedNFC && NFCCheck.mayChange(v) { result.mayNeedNFC = true }
                var replacement: [UInt8]? = nil
                switch v {
                case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                    changed = true
                    if !lastWasSpace { out.append(0x20) }
                    lastWasSpace = true
                    i += len
                    continue
                case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC: replacement = [0x27]
                case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033: replacement = [0x22]
                case 0x2010, 0x2011: replacement = [0x2D]
                case 0x2012, 0x2014, 0x2015, 0x2212: replacement = [0xE2, 0x80, 0x93]  // en dash
                case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: replacement = []
                default: break
                }
                if let r = replacement {
                    changed = true
                    out.append(contentsOf: r)
                    if !r.isEmpty { lastWasSpace = false }
                } else {
                    var j = i
                    while j < i + len { out.append(src[j]); j += 1 }
                    lastWasSpace = false
                }
                i += len
            }
        }
        if changed { result.text = String(decoding: out, as: UTF8.self) }
        return result
    }
}

/// A conservative NFC quick check: `false` means the scalar cannot change under NFC in any context.
enum NFCCheck {
    @inline(__always)
    static func mayChange(_ v: UInt32) -> Bool {
        // Latin, Vietnamese and General Punctuation (U+2002–U+206F) never change under NFC.
        if v < 0x300 || (v >= 0x1E00 && v < 0x1F00) || (v >= 0x2002 && v < 0x2070) { return false }
        switch v {
        case 0x0340...0x0344, 0x0374, 0x037E, 0x0387, 0x0958...0x095F, 0x09DC...0x09DF, 0x0A33, 0x0A36,
             0x0A59...0x0A5E, 0x0B5C...0x0B5D, 0x0F43...0x0FB9, 0x1161...0x11C2, 0x1F71...0x1FFD,
             0x2000...0x2001, 0x2126, 0x212A...0x212B, 0x2329...0x232A, 0x2ADC, 0xF900...0xFAFF,
             0xFB1D...0xFB4E, 0x1D15E...0x1D1C0, 0x2F800...0x2FA1D:
            return true
        default:
            break
        }
        guard let u = Unicode.Scalar(v) else { return false }
        if u.properties.canonicalCombiningClass != .notReordered { return true }
        switch u.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
