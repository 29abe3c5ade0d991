@testable import DatelineStore
import DatelineTestSupport
import XCTest

/// `MinHash` by one-permutation hashing with densification: the fast code equals a spelled-out
/// definition, every bin is filled, word order matters, and the fraction of equal values estimates the
/// Jaccard similarity of the shingle sets (checked statistically on pairs of known similarity).
final class MinHashTests: XCTestCase {
    private static let asciiWords = ["the", "minister", "met", "delegation", "2024", "Hanoi", "a", "x9", "ASEAN",
                                     "cooperation", "on", "trade", "and", "investment", "billion", "USD", "Q3"]
    private static let vietnameseWords = ["Tô", "Lâm", "Nguyễn", "Phú", "Trọng", "đường", "sắt", "tốc", "độ", "cao",
                                          "chuyển", "đổi", "số", "Đà", "Nẵng", "e\u{301}", "thủ", "tướng"]
    private static let otherWords = ["北京", "中国", "🇻🇳", "😀x", "ไทย", "한국", "Ωμέγα", "Москва"]
    private static let separators = [" ", " ", " ", "  ", ", ", ". ", "\n", "\n\n", " — ", "-", "'", "\t", "/", "(", ") ", "\u{1}", "\u{7F}"]

    /// Random text of `words` words from the given vocabularies with random separators.
    private func text(_ rng: inout SplitMix64, words: Int, vocabulary: [[String]]) -> String {
        var s = rng.below(4) == 0 ? rng.pick(Self.separators) : ""
        for i in 0..<words {
            s += rng.pick(rng.pick(vocabulary))
            if i + 1 < words || rng.below(3) == 0 { s += rng.pick(Self.separators) }
        }
        return s
    }

    /// `n` words no other call returns (a counter in base 36 and a random tail), so their shingles are
    /// distinct from every other text's.
    private func uniqueWords(_ rng: inout SplitMix64, _ n: Int, counter: inout Int) -> [String] {
        (0..<n).map { _ in
            counter += 1
            return String(counter, radix: 36) + "Z" + String(rng.next() % 1_000_000, radix: 36)
        }
    }

    private func check(_ parts: [String], file: StaticString = #filePath, line: UInt = #line) {
        let expected = SpelledOutMinHash.values(foldedParts: parts)
        let signature = MinHash(foldedParts: parts)
        XCTAssertEqual(signature?.values, expected, "\(parts.map(\.utf8.count)) bytes", file: file, line: line)
        XCTAssertEqual(MinHash.wordHashes(parts), SpelledOutMinHash.wordHashes(parts), file: file, line: line)
        XCTAssertEqual(MinHash(folded: parts.joined(separator: "\n"))?.values, expected, "parts read as one text with a line break",
                       file: file, line: line)
        XCTAssertEqual(MinHash(foldedParts: parts), MinHash(foldedParts: parts), "same text, same signature", file: file, line: line)
        if let signature {
            XCTAssertFalse(signature.values.contains(.max), "every bin filled", file: file, line: line)
            XCTAssertEqual(MinHash(blob: signature.blob), signature, file: file, line: line)
        }
    }

    func testEqualsSpelledOutDefinitionOnRandomTexts() {
        var rng = SplitMix64(seed: 0x5EED)
        let vocabularies: [[[String]]] = [[Self.asciiWords], [Self.vietnameseWords], [Self.asciiWords, Self.vietnameseWords, Self.otherWords]]
        for round in 0..<300 {
            let vocabulary = vocabularies[round % vocabularies.count]
            // Short texts around the minimum (20 shingles = 24 words), medium and long ones.
            let words = round % 3 == 0 ? 18 + rng.below(12) : round % 3 == 1 ? 30 + rng.below(400) : 1_000 + rng.below(3_000)
            let raw = text(&rng, words: words, vocabulary: vocabulary)
            let folded = SearchFold.index(raw)
            check([folded])
            check([raw])
            check([SearchFold.index(text(&rng, words: rng.below(30), vocabulary: vocabulary)), folded])
        }
    }

    func testEdgeCases() {
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
        for parts in cases { check(parts) }
        XCTAssertNil(MinHash(folded: "too short to compare"))
        // 24 words make 20 shingles, the minimum; 23 are too few.
        let words = (0..<24).map { "w\($0)" }
        XCTAssertNotNil(MinHash(folded: words.joined(separator: " ")))
        XCTAssertNil(MinHash(folded: words.dropLast().joined(separator: " ")))
        XCTAssertEqual(MinHash(words: words), MinHash(folded: words.joined(separator: " ")))
        // One shingle repeated: one occupied bin, copied to all others.
        let same = MinHash(folded: String(repeating: "x ", count: 30))
        XCTAssertEqual(Set(same?.values ?? []).count, 1)
    }

    /// Short texts leave most bins without a shingle; densification fills each from an occupied bin, and
    /// every occupied bin keeps its own least shingle (its value's top bits are its index).
    func testEveryBinFilledForShortTexts() throws {
        var rng = SplitMix64(seed: 0xB175)
        var counter = 0
        for _ in 0..<200 {
            let words = uniqueWords(&rng, 24 + rng.below(60), counter: &counter)
            let signature = try XCTUnwrap(MinHash(words: words))
            XCTAssertFalse(signature.values.contains(.max))
            let sources = Set(signature.values.map { Int($0 >> 58) })
            let own = signature.values.indices.filter { Int(signature.values[$0] >> 58) == $0 }
            XCTAssertEqual(Set(own), sources, "every copied value comes from a bin holding it as its own")
            XCTAssertLessThan(own.count, MinHash.hashCount, "short texts do leave bins empty before densification")
            // Shingles are all distinct here: no two occupied bins hold the same value.
            XCTAssertEqual(Set(own.map { signature.values[$0] }).count, own.count)
        }
    }

    func testWordOrderMatters() throws {
        var rng = SplitMix64(seed: 0x0DE2)
        var counter = 0
        for _ in 0..<50 {
            let words = uniqueWords(&rng, 30 + rng.below(300), counter: &counter)
            let forward = try XCTUnwrap(MinHash(words: words))
            // Reversed: the same words, no shingle in common.
            XCTAssertLessThanOrEqual(forward.similarity(try XCTUnwrap(MinHash(words: words.reversed()))), 0.1)
            // Every window's words shuffled in place by swapping neighbours pairwise: no shingle in common.
            var swapped = words
            for i in stride(from: 0, to: swapped.count - 1, by: 2) { swapped.swapAt(i, i + 1) }
            XCTAssertLessThanOrEqual(forward.similarity(try XCTUnwrap(MinHash(words: swapped))), 0.1)
        }
        // The five words of one window in all 120 orders: 120 different shingle hashes (by the definition
        // the code is checked against above), also when words repeat in the window.
        for window in [["a", "b", "c", "d", "e"], ["a", "b", "a", "b", "c"], ["a", "a", "b", "b", "b"]] {
            var seen = Set<UInt64>(), orders = Set<[String]>()
            func permute(_ prefix: [String], _ rest: [String]) {
                guard !rest.isEmpty else {
                    if orders.insert(prefix).inserted { seen.insert(SpelledOutMinHash.shingleHash(prefix.map { SpelledOutMinHash.fnv($0.utf8) })) }
                    return
                }
                for i in rest.indices {
                    var remaining = rest
                    let word = remaining.remove(at: i)
                    permute(prefix + [word], remaining)
                }
            }
            permute([], window)
            XCTAssertEqual(seen.count, orders.count, "every order of \(window) hashes differently")
        }
    }

    /// Pairs of texts made of a shared run of words plus words of their own, so their shingle sets have
    /// a known Jaccard similarity: the mean estimate over many pairs is close to it, and the 0.8 threshold
    /// separates them as it should. Long (about 1,500 words) and short (25-60 shingles) texts.
    func testSimilarityEstimatesJaccard() {
        var rng = SplitMix64(seed: 0x7AC)
        var counter = 0
        for (long, pairs) in [(true, 80), (false, 300)] {
            for target in [0.2, 0.5, 0.8, 0.9, 0.95] {
                var estimates: [Double] = [], exact: [Double] = []
                for _ in 0..<pairs {
                    let shingles = long ? 1_496 : 25 + rng.below(36)
                    // s shared shingles and u of each text's own: J = s / (s + 2u).
                    let shared = Int((2 * Double(shingles) * target / (1 + target)).rounded())
                    let own = shingles - shared
                    let middle = uniqueWords(&rng, shared + 4, counter: &counter)
                    let headA = rng.below(own + 1), headB = rng.below(own + 1)
                    let a = uniqueWords(&rng, headA, counter: &counter) + middle + uniqueWords(&rng, own - headA, counter: &counter)
                    let b = uniqueWords(&rng, headB, counter: &counter) + middle + uniqueWords(&rng, own - headB, counter: &counter)
                    guard let sa = MinHash(folded: a.joined(separator: " ")), let sb = MinHash(folded: b.joined(separator: " ")) else {
                        return XCTFail("no signature")
                    }
                    estimates.append(sa.similarity(sb))
                    exact.append(Double(shared) / Double(shared + 2 * own))
                }
                let n = Double(pairs)
                let meanEstimate = estimates.reduce(0, +) / n, meanExact = exact.reduce(0, +) / n
                let crossing = Double(estimates.filter { $0 >= MinHash.threshold }.count) / n
                let context = "\(long ? "long" : "short") texts, J ≈ \(target): mean estimate \(meanEstimate), exact \(meanExact), ≥ 0.8: \(crossing)"
                XCTAssertEqual(meanEstimate, meanExact, accuracy: 0.02, context)
                switch target {
                case 0.95: XCTAssertGreaterThanOrEqual(crossing, long ? 0.99 : 0.97, context)
                case 0.9: XCTAssertGreaterThanOrEqual(crossing, long ? 0.98 : 0.9, context)
                case 0.8: XCTAssertTrue((0.2...0.8).contains(crossing), context)
                case 0.5: XCTAssertLessThanOrEqual(crossing, 0.01, context)
                default: XCTAssertEqual(crossing, 0, context)
                }
            }
        }
    }
}

/// One-permutation MinHash with optimal densification written out the plain way (word by word, shingle
/// by shingle, bin by bin), the definition `MinHash` must equal value for value.
private enum SpelledOutMinHash {
    static func fnv(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b >= 0x80
    }

    /// FNV-1a of each word of the parts joined by line breaks.
    static func wordHashes(_ parts: [String]) -> [UInt64] {
        Array(parts.joined(separator: "\n").utf8).split(whereSeparator: { !isWordByte($0) }).map { fnv($0) }
    }

    static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { r == 0 ? x : x << r | x >> (64 - r) }

    /// The hash of a window of five word hashes: each mixed, rotated by 13 bits per position, xored, mixed.
    static func shingleHash(_ window: [UInt64], mixed: Bool = false) -> UInt64 {
        var combined: UInt64 = 0
        for j in 0..<5 { combined ^= rotate(mixed ? window[j] : ContentHash.mix(window[j]), UInt64(13 * j)) }
        return ContentHash.mix(combined)
    }

    static func values(foldedParts parts: [String]) -> [UInt64]? {
        let words = wordHashes(parts).map(ContentHash.mix)
        guard words.count - 4 >= 20 else { return nil }
        var bins = [UInt64?](repeating: nil, count: 64)
        for start in 0...(words.count - 5) {
            let h = shingleHash(Array(words[start..<(start + 5)]), mixed: true)
            let bin = Int(h >> 58)
            bins[bin] = min(bins[bin] ?? .max, h)
        }
        return (0..<64).map { i in
            if let own = bins[i] { return own }
            var attempt: UInt64 = 1
            while bins[MinHash.probe(i, attempt)] == nil { attempt += 1 }
            return bins[MinHash.probe(i, attempt)]!
        }
    }
}
