@testable import DatelineStore

/// `MinHash` as it was before the faster version (commit 1677da9), kept verbatim as the reference the
/// new code must match value for value: signatures are stored and compared across runs.
enum ReferenceMinHash {
    static let hashCount = 64
    static let bands = 16
    static let rowsPerBand = hashCount / bands
    static let shingleSize = 5
    static let minimumShingles = 20

    static let seeds: [(UInt64, UInt64)] = (0..<hashCount).map { i in
        (ContentHash.mix(UInt64(i) &* 0x1234_5678_9ABC_DEF1) | 1, ContentHash.mix(UInt64(i) ^ 0xDEAD_BEEF_CAFE_F00D))
    }

    static let wordByte: [Bool] = (0..<256).map { b in
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b >= 0x80
    }

    static func values(foldedParts parts: [String]) -> [UInt64]? {
        values(wordHashes: wordHashes(parts))
    }

    static func wordHashes(_ parts: [String]) -> [UInt64] {
        var hashes: [UInt64] = []
        hashes.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count } / 5 + 1)
        for part in parts { appendWordHashes(part, to: &hashes) }
        return hashes
    }

    static func appendWordHashes(_ text: String, to hashes: inout [UInt64]) {
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

    static func values(wordHashes: [UInt64]) -> [UInt64]? {
        let k = shingleSize
        let count = wordHashes.count - k + 1
        guard count >= minimumShingles else { return nil }
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
        return [UInt64](unsafeUninitializedCapacity: hashCount) { mins, initialized in
            seeds.withUnsafeBufferPointer { seeds in
                shingles.withUnsafeBufferPointer { shingles in
                    var i = 0
                    while i < hashCount {
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
            initialized = hashCount
        }
    }

    static func bandKeys(_ values: [UInt64]) -> [Int64] {
        (0..<bands).map { band in
            var h = UInt64(band) &+ 0x51_7CC1_B727_220A
            for r in 0..<rowsPerBand { h = ContentHash.mix(h ^ values[band * rowsPerBand + r]) }
            return Int64(bitPattern: h)
        }
    }
}
