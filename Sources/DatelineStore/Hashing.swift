import Foundation

/// A fast 128-bit non-cryptographic hash of bytes, as 32 hex digits: identifies unchanged files and lines.
enum ContentHash {
    static func hex(_ data: Data) -> String {
        let (h1, h2) = data.withUnsafeBytes { lanes($0) }
        return hex64(mix(h1)) + hex64(mix(h2 ^ h1))
    }

    /// The hash's two 64-bit lanes over `raw`, eight bytes at a time, before the final mixing.
    static func lanes(_ raw: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        var h1: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
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
        return (h1, h2)
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
///
/// Computed by one-permutation hashing (OPH, Li, Owen & Zhang 2012) with optimal densification
/// (Shrivastava 2017): each shingle gets one well-mixed 64-bit hash; its top 6 bits pick one of 64 bins
/// and each bin keeps the least hash that falls into it. Two texts' bins hold the same value with
/// probability equal to the Jaccard similarity of their shingle sets, as the 64 independent hash
/// functions of classic MinHash did, at the cost of one hash per shingle instead of 64.
struct MinHash: Equatable {
    static let hashCount = 64
    static let bands = 16
    static let rowsPerBand = hashCount / bands
    static let shingleSize = 5
    /// Fewer shingles than this and the text is too short to compare reliably.
    static let minimumShingles = 20
    /// Estimated Jaccard similarity at or above which two articles are near-duplicates.
    static let threshold = 0.8
    /// log2(hashCount): a shingle hash's top `binBits` bits are its bin.
    static let binBits = 6
    /// Of the stored articles sharing one band key with a new article, the lowest keys (the earliest
    /// stored) that are compared with it. A band key shared by hundreds of articles (long texts built
    /// from the same stock sentences, daily templated notices) is not evidence of a copy, and without
    /// a bound the candidates per article grow with the corpus (synthetic corpus: 27 at 10k articles,
    /// 250 at 100k, most of them from 262 such band keys). A copy shares several band keys with its
    /// original (about 10 of 16 at similarity 0.9), each of which finds it unless that key is crowded
    /// by more than this many older articles.
    /// (A variable only so that tests can crowd band keys with a handful of articles.)
    nonisolated(unsafe) static var candidatesPerBand = 64

    /// Each bin's value: the full 64-bit hash of the least shingle in it (its top bits are the bin it
    /// came from), or, for a bin no shingle fell into, a value copied by densification (see `densify`).
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
        let count = wordHashes.count - Self.shingleSize + 1
        guard count >= Self.minimumShingles else { return nil }
        values = [UInt64](unsafeUninitializedCapacity: Self.hashCount) { bins, initialized in
            guard let out = bins.baseAddress else { return }
            out.initialize(repeating: Self.emptyBin, count: Self.hashCount)
            wordHashes.withUnsafeBufferPointer { words in
                guard let w = words.baseAddress else { return }
                Self.fillBins(w, count, out)
            }
            Self.densify(out)
            initialized = Self.hashCount
        }
    }

    /// Marks a bin no shingle fell into (a shingle hash equal to it is dropped: chance 2^-64).
    private static let emptyBin = UInt64.max

    /// The hash of the 5-word window starting at each of `count` positions, each kept in its bin if it is
    /// the least there so far. Every word hash is mixed once (FNV-1a's high bits depend weakly on the
    /// last bytes) and a window xors its five mixed words rotated by 0, 13, 26, 39 and 52 bits, so the
    /// same words in another order give another value (the xor is linear in the mixed words, and no
    /// reordering makes it vanish except with chance about 2^-60), then one more mix spreads that over all
    /// 64 bits: two mixes per shingle instead of five.
    @inline(__always)
    private static func fillBins(_ words: UnsafePointer<UInt64>, _ count: Int, _ bins: UnsafeMutablePointer<UInt64>) {
        // The window's mixed words, oldest first, rolled along in registers.
        var m0 = ContentHash.mix(words[0]), m1 = ContentHash.mix(words[1])
        var m2 = ContentHash.mix(words[2]), m3 = ContentHash.mix(words[3])
        for start in 0..<count {
            let m4 = ContentHash.mix(words[start + 4])
            let combined = m0 ^ rotate(m1, 13) ^ rotate(m2, 26) ^ rotate(m3, 39) ^ rotate(m4, 52)
            let h = ContentHash.mix(combined)
            let bin = Int(truncatingIfNeeded: h >> UInt64(64 - binBits))
            bins[bin] = Swift.min(bins[bin], h)
            m0 = m1; m1 = m2; m2 = m3; m3 = m4
        }
    }

    @inline(__always)
    private static func rotate(_ x: UInt64, _ bits: UInt64) -> UInt64 { x << bits | x >> (64 - bits) }

    /// Fills every empty bin by optimal densification (Shrivastava 2017): empty bin `i` probes bins
    /// `probe(i, 1)`, `probe(i, 2)`, ... (a fixed pseudo-random sequence, the same for every text) and
    /// copies the first non-empty bin's value. For two texts and a bin empty in both, both walk the same
    /// sequence; the first bin of it that is non-empty in either text decides: if non-empty in both, the
    /// copies are equal exactly when that bin's least shingle is shared, which happens with probability
    /// equal to the Jaccard similarity; if non-empty in only one, the other text walks on and copies
    /// another bin's value, which differs. So each bin still matches with probability equal to the
    /// Jaccard similarity. No offset by `i` is added to copies (as rotation densification needed): a
    /// value carries its source bin in its top bits, so a copy never equals a value a bin holds of its
    /// own, and two copies are equal only if they are the same shingle's hash.
    private static func densify(_ bins: UnsafeMutablePointer<UInt64>) {
        // Which bins shingles fell into, taken before any copy (a filled bin is never a source).
        var occupied: UInt64 = 0
        for i in 0..<hashCount where bins[i] != emptyBin { occupied |= 1 << UInt64(i) }
        guard occupied != 0, occupied != .max else { return }
        for i in 0..<hashCount where occupied & (1 << UInt64(i)) == 0 {
            // At least one bin is occupied; the sequence reaches one in 64 / (occupied bins) probes on
            // average. After 4,096 probes (a chance below 1e-28 even with one occupied bin) the next
            // occupied bin in order is taken instead.
            var attempt: UInt64 = 1
            var source = probe(i, attempt)
            while occupied & (1 << UInt64(source)) == 0 {
                if attempt == 4_096 {
                    source = (i + 1) % hashCount
                    while occupied & (1 << UInt64(source)) == 0 { source = (source + 1) % hashCount }
                    break
                }
                attempt += 1
                source = probe(i, attempt)
            }
            bins[i] = bins[source]
        }
    }

    /// The bin that empty bin `bin` probes at its `attempt`-th try: a fixed hash of both.
    @inline(__always)
    static func probe(_ bin: Int, _ attempt: UInt64) -> Int {
        let key = (UInt64(bin) << 32 | attempt) ^ 0x6F70_685F_6465_6E73
        return Int(truncatingIfNeeded: ContentHash.mix(key) >> UInt64(64 - binBits))
    }

    init?(blob: Data) {
        guard blob.count == Self.hashCount * 8 else { return nil }
        self.init(values: blob.withUnsafeBytes { Self.values(of: $0) })
    }

    /// A signature from its values as stored (nil unless there are `hashCount` of them).
    init?(values: [UInt64]) {
        guard values.count == Self.hashCount else { return nil }
        self.values = values
    }

    /// The values of a stored signature's bytes (`hashCount` × 8 of them, as `blob` writes them).
    static func values(of raw: UnsafeRawBufferPointer) -> [UInt64] {
        (0..<hashCount).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) }
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
        // Counted without branches: whether two values match is a coin toss the predictor cannot learn,
        // and this runs for every near-duplicate candidate (about a hundred per new article at 100k).
        guard let x = a.baseAddress, let y = b.baseAddress else { return 0 }
        var equal = 0
        for i in 0..<hashCount { equal &+= x[i] == y[i] ? 1 : 0 }
        return Double(equal) / Double(hashCount)
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    func similarity(_ other: MinHash) -> Double {
        values.withUnsafeBufferPointer { a in other.values.withUnsafeBufferPointer { b in Self.similarity(a, b) } }
    }
}
