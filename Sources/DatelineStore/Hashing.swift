import Foundation

/// A fast 128-bit non-cryptographic hash of bytes, as 32 hex digits: identifies unchanged files and lines.
enum ContentHash {
    static func hex(_ data: Data) -> String {
        var h1: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let count = raw.count
            var i = 0
            while i + 8 <= count {
                let k = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                h1 = (h1 ^ mix(k)) &* 0x100_0000_01B3 &+ 0x5851_F42D_4C95_7F2D
                h2 = ((h2 &+ k) ^ (h2 >> 29)) &* 0xBF58_476D_1CE4_E5B9
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < count {
                tail |= UInt64(raw[i]) << shift
                shift += 8; i += 1
            }
            h1 = (h1 ^ mix(tail ^ UInt64(count))) &* 0x100_0000_01B3
            h2 = mix(h2 ^ tail ^ (UInt64(count) << 32))
        }
        return hex64(mix(h1)) + hex64(mix(h2 ^ h1))
    }

    static func hex(_ string: String) -> String { hex(Data(string.utf8)) }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func hex64(_ value: UInt64) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

/// MinHash signature of an article's word 5-shingles, with LSH band keys for finding near-duplicates
/// (the same wire story reprinted with small edits) without comparing every pair.
struct MinHash: Equatable {
    static let hashCount = 64
    static let bands = 16
    static let rowsPerBand = hashCount / bands
    static let shingleSize = 5
    /// Fewer shingles than this and the text is too short to compare reliably.
    static let minimumShingles = 20
    /// Estimated Jaccard similarity at or above which two articles are near-duplicates.
    static let threshold = 0.8

    private static let seeds: [(UInt64, UInt64)] = (0..<hashCount).map { i in
        (ContentHash.mix(UInt64(i) &* 0x1234_5678_9ABC_DEF1) | 1, ContentHash.mix(UInt64(i) ^ 0xDEAD_BEEF_CAFE_F00D))
    }

    var values: [UInt64]

    /// The signature of folded text's words, or nil when the text is too short.
    init?(words: [String]) {
        self.init(wordHashes: words.map { word -> UInt64 in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in word.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
            return h
        })
    }

    /// The signature of folded text (see `TextFold.key`), splitting words on the UTF-8 bytes directly:
    /// ASCII letters and digits and any non-ASCII byte are word characters. Same hashes as `init(words:)`
    /// for ASCII words, without allocating a string per word.
    init?(folded: String) {
        self.init(foldedParts: [folded])
    }

    /// The signature of the folded texts read as one text with a line break between them (the break
    /// ends a word, so this equals `init(folded: parts.joined(separator: "\n"))` without the copy).
    init?(foldedParts parts: [String]) {
        self.init(wordHashes: Self.wordHashes(parts))
    }

    /// FNV-1a of each word of the parts read as one text with a line break between them.
    static func wordHashes(_ parts: [String]) -> [UInt64] {
        // Room for every piece's region: n bytes hold at most (n + 1) / 2 words, and a piece writes one
        // slot past its last word.
        let capacity = parts.reduce(0) { $0 + $1.utf8.count } / 2 + 2 * WordStream.pieces * parts.count + 2
        return [UInt64](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            var count = 0
            for var part in parts {
                part.withUTF8 { bytes in count += WordStream.hash(bytes, into: base + count) }
            }
            initialized = count
        }
    }

    /// The FNV-1a hash of each word of a text (words: runs of ASCII letters and digits and non-ASCII
    /// bytes). The per-byte hash is one serial multiply chain per word, so a long text is cut at word
    /// breaks into three pieces hashed in one interleaved loop (three independent chains), and each
    /// byte is handled without branches (word breaks are unpredictable branches).
    private struct WordStream {
        static let pieces = 3
        static let basis: UInt64 = 0xCBF2_9CE4_8422_2325
        static let prime: UInt64 = 0x100_0000_01B3
        /// 1 for word bytes (ASCII letters and digits, every non-ASCII byte), 0 for the rest.
        static let wordByte: [UInt8] = (0..<256).map { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b >= 0x80 ? 1 : 0
        }

        var h = basis
        var inWord: UInt64 = 0
        /// Where the current word's hash goes (written on every byte, kept when the word ends).
        var out: UnsafeMutablePointer<UInt64>

        @inline(__always)
        mutating func step(_ b: UInt8, _ isWord: UnsafePointer<UInt8>) {
            let w = UInt64(isWord[Int(b)])
            out.pointee = h
            out += Int(truncatingIfNeeded: inWord & (w ^ 1))
            let keep = 0 &- w
            h = (((h ^ UInt64(b)) &* Self.prime) & keep) | (Self.basis & ~keep)
            inWord = w
        }

        @inline(__always)
        mutating func finish() {
            out.pointee = h
            out += Int(truncatingIfNeeded: inWord)
        }

        /// Writes the hashes of `bytes`' words to `out` in order (room for `bytes.count / 2 + 2 * pieces`
        /// values); returns how many.
        static func hash(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt64>) -> Int {
            guard let p = bytes.baseAddress else { return 0 }
            let n = bytes.count
            return wordByte.withUnsafeBufferPointer { table in
                let isWord = table.baseAddress!
                guard n >= 64 else {
                    var s = WordStream(out: out)
                    for i in 0..<n { s.step(p[i], isWord) }
                    s.finish()
                    return s.out - out
                }
                // Pieces [0, c1), [c1, c2), [c2, n), cut at non-word bytes (or the end) from a third and
                // two thirds on; a cut ends a word, as the whole text's scan would.
                func cut(_ from: Int) -> Int {
                    var i = from
                    while i < n && isWord[Int(p[i])] != 0 { i += 1 }
                    return i
                }
                let c1 = cut(n / 3), c2 = cut(Swift.max(c1, 2 * n / 3))
                let region1 = out + (c1 + 1) / 2 + 1, region2 = region1 + (c2 - c1 + 1) / 2 + 1
                var s0 = WordStream(out: out), s1 = WordStream(out: region1), s2 = WordStream(out: region2)
                let p1 = p + c1, p2 = p + c2
                let common = Swift.min(c1, c2 - c1, n - c2)
                for i in 0..<common {
                    s0.step(p[i], isWord)
                    s1.step(p1[i], isWord)
                    s2.step(p2[i], isWord)
                }
                for i in common..<c1 { s0.step(p[i], isWord) }
                for i in common..<(c2 - c1) { s1.step(p1[i], isWord) }
                for i in common..<(n - c2) { s2.step(p2[i], isWord) }
                s0.finish(); s1.finish(); s2.finish()
                // Close up the regions (moving down, in order).
                var end = s0.out
                let count1 = s1.out - region1, count2 = s2.out - region2
                end.update(from: region1, count: count1)
                end += count1
                end.update(from: region2, count: count2)
                end += count2
                return end - out
            }
        }
    }

    /// The signature of the word hashes' 5-shingles, or nil when there are too few shingles.
    init?(wordHashes: [UInt64]) {
        let k = Self.shingleSize
        let count = wordHashes.count - k + 1
        guard count >= Self.minimumShingles else { return nil }
        // Shingle hashes first (h = mix(h ^ word) over the window's words, from 0), then the minimum of
        // each hash function over all of them.
        let shingles = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            wordHashes.withUnsafeBufferPointer { words in
                guard let w = words.baseAddress, let out = buffer.baseAddress else { return }
                for start in 0..<count {
                    let p = w + start
                    var h = ContentHash.mix(p[0])
                    h = ContentHash.mix(h ^ p[1])
                    h = ContentHash.mix(h ^ p[2])
                    h = ContentHash.mix(h ^ p[3])
                    out[start] = ContentHash.mix(h ^ p[4])
                }
            }
            initialized = count
        }
        values = [UInt64](unsafeUninitializedCapacity: Self.hashCount) { mins, initialized in
            Self.multipliers.withUnsafeBufferPointer { a in
                Self.keys.withUnsafeBufferPointer { b in
                    shingles.withUnsafeBufferPointer { shingles in
                        guard let a = a.baseAddress, let b = b.baseAddress, let out = mins.baseAddress,
                              let first = shingles.baseAddress else { return }
                        var i = 0
                        while i < Self.hashCount {
                            Self.eightMinima(first, count, a + i, b + i, out + i)
                            i += 8
                        }
                    }
                }
            }
            initialized = Self.hashCount
        }
    }

    /// Multiplier and xor key of each hash function (`seeds` split in two flat arrays).
    private static let multipliers: [UInt64] = seeds.map(\.0)
    private static let keys: [UInt64] = seeds.map(\.1)

    /// The minima of eight hash functions `(h ^ b[j]) &* a[j]` over `count` shingle hashes, written to
    /// `out[0..<8]`: one pass for eight functions keeps the minima in registers and reads the seeds as
    /// memory operands, so the loop is bound by the multiplier (one per cycle), not by loads and stores.
    @inline(__always)
    private static func eightMinima(_ shingles: UnsafePointer<UInt64>, _ count: Int, _ a: UnsafePointer<UInt64>,
                                    _ b: UnsafePointer<UInt64>, _ out: UnsafeMutablePointer<UInt64>) {
        var m0 = UInt64.max, m1 = UInt64.max, m2 = UInt64.max, m3 = UInt64.max
        var m4 = UInt64.max, m5 = UInt64.max, m6 = UInt64.max, m7 = UInt64.max
        for s in 0..<count {
            let h = shingles[s]
            m0 = Swift.min(m0, (h ^ b[0]) &* a[0])
            m1 = Swift.min(m1, (h ^ b[1]) &* a[1])
            m2 = Swift.min(m2, (h ^ b[2]) &* a[2])
            m3 = Swift.min(m3, (h ^ b[3]) &* a[3])
            m4 = Swift.min(m4, (h ^ b[4]) &* a[4])
            m5 = Swift.min(m5, (h ^ b[5]) &* a[5])
            m6 = Swift.min(m6, (h ^ b[6]) &* a[6])
            m7 = Swift.min(m7, (h ^ b[7]) &* a[7])
        }
        out[0] = m0; out[1] = m1; out[2] = m2; out[3] = m3
        out[4] = m4; out[5] = m5; out[6] = m6; out[7] = m7
    }

    init?(blob: Data) {
        guard blob.count == Self.hashCount * 8 else { return nil }
        values = blob.withUnsafeBytes { raw in
            (0..<Self.hashCount).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) }
        }
    }

    var blob: Data {
        values.withUnsafeBytes { Data($0) }
    }

    /// One bucket key per band (band index mixed in, so equal rows in different bands never collide).
    var bandKeys: [Int64] {
        (0..<Self.bands).map { band in
            var h = UInt64(band) &+ 0x51_7CC1_B727_220A
            for r in 0..<Self.rowsPerBand { h = ContentHash.mix(h ^ values[band * Self.rowsPerBand + r]) }
            return Int64(bitPattern: h)
        }
    }

    /// `similarity` of two signatures given as their values.
    static func similarity(_ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>) -> Double {
        var equal = 0
        for i in 0..<hashCount where a[i] == b[i] { equal += 1 }
        return Double(equal) / Double(hashCount)
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    func similarity(_ other: MinHash) -> Double {
        var equal = 0
        for i in 0..<Self.hashCount where values[i] == other.values[i] { equal += 1 }
        return Double(equal) / Double(Self.hashCount)
    }
}
