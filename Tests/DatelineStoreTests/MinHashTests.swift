@testable import DatelineStore
import XCTest

/// The faster `MinHash` gives exactly the signatures and band keys of its previous definition (kept
/// below as `ReferenceMinHash`): signatures are stored and compared with new ones across runs.
final class MinHashTests: XCTestCase {
    /// SplitMix64, so every run checks the same texts.
    private struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    private static let asciiWords = ["the", "minister", "met", "delegation", "2024", "Hanoi", "a", "x9", "ASEAN",
                                     "cooperation", "on", "trade", "and", "investment", "billion", "USD", "Q3"]
    private static let vietnameseWords = ["Tô", "Lâm", "Nguyễn", "Phú", "Trọng", "đường", "sắt", "tốc", "độ", "cao",
                                          "chuyển", "đổi", "số", "Đà", "Nẵng", "e\u{301}", "thủ", "tướng"]
    private static let otherWords = ["北京", "中国", "🇻🇳", "😀x", "ไทย", "한국", "Ωμέγα", "Москва"]
    private static let separators = [" ", " ", " ", "  ", ", ", ". ", "\n", "\n\n", " — ", "-", "'", "\t", "/", "(", ") ", "\u{1}", "\u{7F}"]

    /// Random text of `words` words from the given vocabularies with random separators.
    private func text(_ rng: inout Rng, words: Int, vocabulary: [[String]]) -> String {
        var s = rng.below(4) == 0 ? rng.pick(Self.separators) : ""
        for i in 0..<words {
            s += rng.pick(rng.pick(vocabulary))
            if i + 1 < words || rng.below(3) == 0 { s += rng.pick(Self.separators) }
        }
        return s
    }

    private func assertSame(_ parts: [String], file: StaticString = #filePath, line: UInt = #line) {
        let expected = ReferenceMinHash.values(foldedParts: parts)
        let signature = MinHash(foldedParts: parts)
        XCTAssertEqual(signature?.values, expected, "\(parts.map(\.utf8.count)) bytes", file: file, line: line)
        XCTAssertEqual(signature?.bandKeys, expected.map(ReferenceMinHash.bandKeys), file: file, line: line)
        XCTAssertEqual(MinHash.wordHashes(parts), ReferenceMinHash.wordHashes(parts), file: file, line: line)
        if parts.count == 1 { XCTAssertEqual(MinHash(folded: parts[0])?.values, expected, file: file, line: line) }
    }

    func testMatchesPreviousDefinitionOnRandomTexts() {
        var rng = Rng(state: 0x5EED)
        let vocabularies: [[[String]]] = [[Self.asciiWords], [Self.vietnameseWords], [Self.asciiWords, Self.vietnameseWords, Self.otherWords]]
        for round in 0..<300 {
            let vocabulary = vocabularies[round % vocabularies.count]
            // Short texts around the minimum (20 shingles = 24 words), medium and long ones.
            let words = round % 3 == 0 ? 18 + rng.below(12) : round % 3 == 1 ? 30 + rng.below(400) : 1_000 + rng.below(3_000)
            let raw = text(&rng, words: words, vocabulary: vocabulary)
            let folded = SearchFold.index(raw)
            assertSame([folded])
            assertSame([raw])
            assertSame([SearchFold.index(text(&rng, words: rng.below(30), vocabulary: vocabulary)), folded])
        }
    }

    func testMatchesPreviousDefinitionOnEdgeCases() {
        let long = String(repeating: "a", count: 5_000)
        let cases: [[String]] = [
            [], [""], ["", ""], ["\n\n\n"], [long], [long + " " + long], [String(repeating: "ab ", count: 2_000)],
            [String(repeating: "x ", count: 23)], [String(repeating: "x ", count: 24)], [String(repeating: "x ", count: 25)],
            [String(repeating: "w", count: 63) + " " + String(repeating: "v ", count: 40)],
            [String(repeating: ". ", count: 100) + String(repeating: "word ", count: 30)],
            [String(repeating: "đ", count: 100) + String(repeating: " ổ", count: 60)],
            [String(repeating: "🇻🇳 ", count: 200)], ["a", String(repeating: "b c ", count: 40)],
            [String(repeating: "tô lâm ", count: 11), String(repeating: " x", count: 3)],
        ]
        for parts in cases { assertSame(parts) }
        XCTAssertNil(MinHash(folded: "too short to compare"))
    }
}


/// `MinHash` as it was before the faster version (commit 1677da9), kept verbatim as the reference the
/// new code must match value for value: signatures are stored and compared across runs.
private enum ReferenceMinHash {
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
