import Foundation

/// The raw page text kept for `reparse`, stored as a delta against the article's stored body.
///
/// A page's paragraphs are most of its text, and `article.body` already holds them, so the raw copy
/// is written as runs of literal bytes and copies of body ranges: the bytes the parser dropped or
/// changed (headlines, captions, navigation, line breaks) plus a few bytes per paragraph. On the
/// synthetic benchmark corpus that is 87 of 87 MB of raw text down to a few MB; on real pages with
/// much navigation it saves the body's share.
///
/// Format (version 2), after a first byte `2` and the text's length in bytes (varint): repeated
/// literal length (varint), literal bytes, copy length (varint) and, when that is not 0, the copy's
/// start minus the end of the previous copy (zigzag varint). Version 1 (written by builds of the same
/// day) is the same without the length, and still read.
///
/// Hand-written: no library here does byte deltas, and a general compressor costs far more CPU per
/// article than this scan.
enum RawDelta {
    static let version: UInt8 = 2
    /// Shortest body range worth a copy (a copy costs two or three varints).
    static let minimumMatch = 16
    /// Body positions indexed: every `stride`-th. Any shared run of `minimumMatch` bytes or more
    /// covers one indexed 8-byte window, so it is found.
    static let stride = 8

    /// The delta of `text` against `base`, or nil when it would not be smaller than `text` itself.
    static func encode(_ text: String, against base: String) -> [UInt8]? {
        var text = text, base = base
        return text.withUTF8 { raw in base.withUTF8 { body in encode(raw, against: body) } }
    }

    static func encode(_ raw: UnsafeBufferPointer<UInt8>, against body: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard raw.count >= minimumMatch, body.count >= minimumMatch, body.count < Int(Int32.max) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count / 8 + 64)
        out.append(version)
        Varint.append(UInt64(raw.count), to: &out)
        let table = WindowTable(body)
        var literalStart = 0
        var j = 0
        var previousEnd = 0
        let lastWindow = raw.count - 8
        while j <= lastWindow {
            // Where the last copy ended comes first (a page's paragraphs are in the body in order),
            // then the table.
            guard let p = table.continues(raw, at: j, from: previousEnd) ? previousEnd : table.position(of: raw, at: j) else {
                j += 1
                continue
            }
            // Extend the 8-byte hit both ways (backwards only into the pending literal).
            var start = j, from = p
            while start > literalStart, from > 0, raw[start - 1] == body[from - 1] { start -= 1; from -= 1 }
            let length = (j - start) + 8 + commonPrefix(raw, j + 8, body, p + 8)
            guard length >= minimumMatch else { j += 1; continue }
            Varint.append(UInt64(start - literalStart), to: &out)
            out.append(contentsOf: raw[literalStart..<start])
            Varint.append(UInt64(length), to: &out)
            Varint.append(zigzag(from - previousEnd), to: &out)
            if out.count >= raw.count { return nil }
            previousEnd = from + length
            j = start + length
            literalStart = j
        }
        Varint.append(UInt64(raw.count - literalStart), to: &out)
        out.append(contentsOf: raw[literalStart..<raw.count])
        return out.count < raw.count ? out : nil
    }

    /// An `article_raw` row's raw text: `text` itself, or when `delta` is set, `delta` applied to the
    /// article's `body`; nil when the delta is damaged.
    static func stored(text: String, delta: Data?, body: String) -> String? {
        guard let delta else { return text }
        var body = body
        return body.withUTF8 { body in
            delta.withUnsafeBytes { decode($0.bindMemory(to: UInt8.self), against: body) }
        }
    }

    /// The text `delta` was made from, or nil when the delta is damaged or was not made against `base`.
    static func decode(_ delta: [UInt8], against base: String) -> String? {
        var base = base
        return base.withUTF8 { body in
            delta.withUnsafeBufferPointer { decode($0, against: body) }
        }
    }

    static func decode(_ delta: UnsafeBufferPointer<UInt8>, against body: UnsafeBufferPointer<UInt8>) -> String? {
        guard let format = delta.first, format == 1 || format == version else { return nil }
        var i = 1
        // The stated length bounds the output (a damaged delta cannot ask for more), and is itself at
        // most what the delta could make: its literal bytes plus one body per two bytes of copies.
        let most = UInt64(delta.count) + UInt64(delta.count / 2) * UInt64(body.count)
        let stated = format == 1 ? most : Varint.read(delta, at: &i)
        guard let total = stated, total <= most else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(min(Int(total), delta.count + body.count))
        var previousEnd = 0
        while true {
            guard let literal = Varint.read(delta, at: &i), literal <= UInt64(delta.count - i),
                  literal <= total - UInt64(out.count) else { return nil }
            out.append(contentsOf: delta[i..<(i + Int(literal))])
            i += Int(literal)
            if i == delta.count { break }
            guard let length = Varint.read(delta, at: &i), length > 0, length <= UInt64(body.count),
                  length <= total - UInt64(out.count), let shift = Varint.read(delta, at: &i) else { return nil }
            let (start, overflow) = previousEnd.addingReportingOverflow(unzigzag(shift))
            guard !overflow, start >= 0, start <= body.count - Int(length) else { return nil }
            out.append(contentsOf: body[start..<(start + Int(length))])
            previousEnd = start + Int(length)
        }
        guard format == 1 || out.count == Int(total) else { return nil }
        return String(validating: out, as: UTF8.self)
    }

    /// Number of equal bytes of `a` from `i` and `b` from `k`, eight at a time.
    private static func commonPrefix(_ a: UnsafeBufferPointer<UInt8>, _ i: Int, _ b: UnsafeBufferPointer<UInt8>, _ k: Int) -> Int {
        let limit = min(a.count - i, b.count - k)
        guard limit > 0 else { return 0 }
        let pa = UnsafeRawPointer(a.baseAddress! + i), pb = UnsafeRawPointer(b.baseAddress! + k)
        var n = 0
        while n + 8 <= limit {
            let x = pa.loadUnaligned(fromByteOffset: n, as: UInt64.self) ^ pb.loadUnaligned(fromByteOffset: n, as: UInt64.self)
            if x != 0 { return n + x.trailingZeroBitCount / 8 }
            n += 8
        }
        while n < limit, pa.load(fromByteOffset: n, as: UInt8.self) == pb.load(fromByteOffset: n, as: UInt8.self) { n += 1 }
        return n
    }

    private static func zigzag(_ n: Int) -> UInt64 { UInt64(bitPattern: Int64((n << 1) ^ (n >> 63))) }
    private static func unzigzag(_ n: UInt64) -> Int { Int(truncatingIfNeeded: (n >> 1) ^ (0 &- (n & 1))) }

    /// Body positions by the hash of the 8 bytes there, every `stride`-th position (the first position
    /// with a given hash is kept: in repetitive text it leaves the longest run to copy).
    private struct WindowTable {
        let body: UnsafeBufferPointer<UInt8>
        var slots: [Int32]
        let shift: UInt64

        init(_ body: UnsafeBufferPointer<UInt8>) {
            self.body = body
            let windows = (body.count - 8) / RawDelta.stride + 1
            var bits = 4
            while (1 << bits) < windows * 2 { bits += 1 }
            let shift = UInt64(64 - bits)
            self.shift = shift
            let base = UnsafeRawPointer(body.baseAddress!)
            slots = [Int32](unsafeUninitializedCapacity: 1 << bits) { table, count in
                table.initialize(repeating: -1)
                var p = 0
                while p + 8 <= body.count {
                    let slot = Int(Self.hash(base.loadUnaligned(fromByteOffset: p, as: UInt64.self), shift))
                    if table[slot] < 0 { table[slot] = Int32(p) }
                    p += RawDelta.stride
                }
                count = table.count
            }
        }

        static func hash(_ word: UInt64, _ shift: UInt64) -> UInt64 { (word &* 0x9E37_79B9_7F4A_7C15) >> shift }

        /// True when the 8 bytes of the body at `p` equal `raw`'s at `j`.
        func continues(_ raw: UnsafeBufferPointer<UInt8>, at j: Int, from p: Int) -> Bool {
            p + 8 <= body.count
                && UnsafeRawPointer(raw.baseAddress! + j).loadUnaligned(as: UInt64.self)
                == UnsafeRawPointer(body.baseAddress! + p).loadUnaligned(as: UInt64.self)
        }

        /// A body position whose 8 bytes equal `raw`'s at `j`, if one is indexed.
        func position(of raw: UnsafeBufferPointer<UInt8>, at j: Int) -> Int? {
            let word = UnsafeRawPointer(raw.baseAddress! + j).loadUnaligned(as: UInt64.self)
            let p = Int(slots[Int(Self.hash(word, shift))])
            guard p >= 0, UnsafeRawPointer(body.baseAddress! + p).loadUnaligned(as: UInt64.self) == word else { return nil }
            return p
        }
    }
}
