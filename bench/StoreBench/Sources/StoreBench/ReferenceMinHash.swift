@testable import DatelineStore

/// `MinHash` as it was before one-permutation hashing (main at 66946c8): 64 hash functions
/// `(h ^ b) &* a`, each keeping its minimum over the shingle hashes `mix(...mix(mix(w0) ^ w1)... ^ w4)`.
/// Kept, in the fast form it had then (eight functions per pass), as the timing baseline and to compare
/// near-duplicate decisions of the two schemes. Word hashes are `MinHash.wordHashes`, unchanged.
enum ReferenceMinHash {
    static let hashCount = 64
    static let bands = 16
    static let rowsPerBand = hashCount / bands
    static let shingleSize = 5
    static let minimumShingles = 20

    static let seeds: [(UInt64, UInt64)] = (0..<hashCount).map { i in
        (ContentHash.mix(UInt64(i) &* 0x1234_5678_9ABC_DEF1) | 1, ContentHash.mix(UInt64(i) ^ 0xDEAD_BEEF_CAFE_F00D))
    }
    static let multipliers: [UInt64] = seeds.map(\.0)
    static let keys: [UInt64] = seeds.map(\.1)

    static func values(foldedParts parts: [String]) -> [UInt64]? {
        values(wordHashes: MinHash.wordHashes(parts))
    }

    /// The old scheme's shingle hashes (also used as the shingles' identities for true Jaccard).
    static func shingles(_ wordHashes: [UInt64]) -> [UInt64] {
        let count = wordHashes.count - shingleSize + 1
        guard count > 0 else { return [] }
        return (0..<count).map { start in
            var h = ContentHash.mix(wordHashes[start])
            for j in 1..<shingleSize { h = ContentHash.mix(h ^ wordHashes[start + j]) }
            return h
        }
    }

    static func values(wordHashes: [UInt64]) -> [UInt64]? {
        let count = wordHashes.count - shingleSize + 1
        guard count >= minimumShingles else { return nil }
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
        return [UInt64](unsafeUninitializedCapacity: hashCount) { mins, initialized in
            multipliers.withUnsafeBufferPointer { a in
                keys.withUnsafeBufferPointer { b in
                    shingles.withUnsafeBufferPointer { shingles in
                        guard let a = a.baseAddress, let b = b.baseAddress, let out = mins.baseAddress,
                              let first = shingles.baseAddress else { return }
                        var i = 0
                        while i < hashCount {
                            eightMinima(first, count, a + i, b + i, out + i)
                            i += 8
                        }
                    }
                }
            }
            initialized = hashCount
        }
    }

    @inline(__always)
    static func eightMinima(_ shingles: UnsafePointer<UInt64>, _ count: Int, _ a: UnsafePointer<UInt64>,
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

    static func bandKeys(_ values: [UInt64]) -> [Int64] {
        (0..<bands).map { band in
            var h = UInt64(band) &+ 0x51_7CC1_B727_220A
            for r in 0..<rowsPerBand { h = ContentHash.mix(h ^ values[band * rowsPerBand + r]) }
            return Int64(bitPattern: h)
        }
    }
}
