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
        var hashes: [UInt64] = []
        hashes.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count } / 5 + 1)
        for part in parts { appendWordHashes(part, to: &hashes) }
        return hashes
    }

    /// Which bytes are word characters (ASCII letters and digits, every non-ASCII byte).
    private static let wordByte: [Bool] = (0..<256).map { b in
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b >= 0x80
    }

    /// FNV-1a of each word of `text`, appended in order.
    private static func appendWordHashes(_ text: String, to hashes: inout [UInt64]) {
        var text = text
        wordByte.withUnsafeBufferPointer { isWordByte in
            text.withUTF8 { bytes in
                var h: UInt64 = 0xCBF2_9CE4_8422_2325
                var inWord = false
                for b in bytes {
                    if isWordByte[Int(b)] {
                        h = (h ^ UInt64(b)) &* 0x100_0000_01B3
                        inWord = true
                    } else if inWord {
                        hashes.append(h)
                        h = 0xCBF2_9CE4_8422_2325
                        inWord = false
                    }
                }
                if inWord { hashes.append(h) }
            }
        }
    }

    private init?(wordHashes: [UInt64]) {
        let k = Self.shingleSize
        let count = wordHashes.count - k + 1
        guard count >= Self.minimumShingles else { return nil }
        // Shingle hashes first, then the minimum of each hash function over all of them, four functions
        // per pass with the minima in registers (the same values as one pass over shingles updating
        // all 64 minima in memory, at about a third of the cost).
        let shingles = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            wordHashes.withUnsafeBufferPointer { words in
                for start in 0..<count {
                    var h: UInt64 = 0
                    for j in 0..<k { h = ContentHash.mix(h ^ words[start + j]) }
                    buffer[start] = h
                }
            }
            initialized = count
        }
        let seeds = Self.seeds
        values = [UInt64](unsafeUninitializedCapacity: Self.hashCount) { mins, initialized in
            seeds.withUnsafeBufferPointer { seeds in
                shingles.withUnsafeBufferPointer { shingles in
                    var i = 0
                    while i < Self.hashCount {
                        let (a0, b0) = seeds[i], (a1, b1) = seeds[i + 1], (a2, b2) = seeds[i + 2], (a3, b3) = seeds[i + 3]
                        var m0 = UInt64.max, m1 = UInt64.max, m2 = UInt64.max, m3 = UInt64.max
                        for h in shingles {
                            m0 = Swift.min(m0, (h ^ b0) &* a0)
                            m1 = Swift.min(m1, (h ^ b1) &* a1)
                            m2 = Swift.min(m2, (h ^ b2) &* a2)
                            m3 = Swift.min(m3, (h ^ b3) &* a3)
                        }
                        mins[i] = m0; mins[i + 1] = m1; mins[i + 2] = m2; mins[i + 3] = m3
                        i += 4
                    }
                }
            }
            initialized = Self.hashCount
        }
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
