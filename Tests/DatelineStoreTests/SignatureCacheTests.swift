@testable import DatelineStore
import DatelineTestSupport
import Foundation
import GRDB
import XCTest

final class SignatureCacheTests: XCTestCase {
    private func signature(_ seed: UInt64) -> [UInt64] { (0..<UInt64(MinHash.hashCount)).map { $0 &* 31 &+ seed } }

    /// Signatures come back by key (near, far beyond the direct array, negative), replaced and removed ones
    /// as they now are, and ones not held are read from `minhash` (only when there is room are they kept).
    func testSignaturesByKeyWithFallbackToTheDatabase() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE minhash (article INTEGER PRIMARY KEY, signature BLOB NOT NULL)")
            for key in [9, 12] as [Int64] {
                let blob = signature(UInt64(key) * 1000).withUnsafeBytes { Data($0) }
                try db.execute(sql: "INSERT INTO minhash VALUES (?, ?)", arguments: [key, blob])
            }
        }
        let cache = SignatureCache(capacity: 5)
        let far = SignatureCache.directKeys + 17
        for key in [1, 5, far, -7] { cache.set(key, signature(UInt64(bitPattern: key))) }
        cache.set(1, signature(100)) // replaced in place
        cache.remove(5)
        func seen(_ keys: [Int64]) throws -> [Int64: [UInt64]] {
            var result: [Int64: [UInt64]] = [:]
            var order: [Int64] = []
            try queue.read { db in
                try cache.forEach(distinct: keys, db) { key, values in
                    order.append(key)
                    result[key] = Array(values)
                }
            }
            XCTAssertEqual(order, Array(Set(order)).sorted(), "each key once, in order")
            return result
        }
        let first = try seen([-7, 1, 1, 5, 9, 12, far])
        XCTAssertEqual(Set(first.keys), [-7, 1, 9, 12, far])
        XCTAssertEqual(first[1], signature(100))
        XCTAssertEqual(first[-7], signature(UInt64(bitPattern: -7)))
        XCTAssertEqual(first[far], signature(UInt64(bitPattern: far)))
        XCTAssertEqual(first[9], signature(9000))
        XCTAssertEqual(first[12], signature(12_000))
        // Key 9 was kept (room for five), key 12 was not: still read from the table each time.
        try queue.write { db in try db.execute(sql: "DELETE FROM minhash") }
        let second = try seen([9, 12])
        XCTAssertEqual(second[9], signature(9000))
        XCTAssertNil(second[12])
        cache.removeAll()
        XCTAssertTrue(try seen([1, -7, far]).isEmpty)
    }

    /// `forEachSimilar` calls back exactly the candidates `forEach` would give at or above the threshold,
    /// with their similarity: the fingerprint prefilter only ever skips signatures that cannot reach it,
    /// including ones whose values agree in the low byte only, and ones exactly at the threshold; and
    /// signatures the full cache did not keep are read back only when their short print allows a match.
    func testSimilarCandidatesAreExactlyThoseAtTheThreshold() throws {
        var random = SplitMix64(seed: 42)
        let queue = try DatabaseQueue()
        try queue.write { db in try db.execute(sql: "CREATE TABLE minhash (article INTEGER PRIMARY KEY, signature BLOB NOT NULL)") }
        var readBack = 0, shouldRead = 0, unheldCandidates = 0
        for round in 0..<40 {
            var mayMatch: [Int64: Bool] = [:]  // keys beyond the capacity: read back or not
            let mine = (0..<MinHash.hashCount).map { _ in random.next() }
            let cache = SignatureCache(capacity: 150)
            var keys: [Int64] = []
            for key in 1...200 as ClosedRange<Int64> {
                // Shares `same` values with `mine`; of the rest, `lowOnly` differ only above the low byte.
                let same = random.pick([0, 20, 48, 51, 52, 53, 60, 64])
                let lowOnly = random.below(MinHash.hashCount - same + 1)
                var theirs = mine
                let positions = (0..<MinHash.hashCount).shuffled(using: &random)
                for (n, i) in positions.enumerated() where n >= same {
                    theirs[i] = n < same + lowOnly ? mine[i] ^ (random.next() | 0x100) & ~0xFF : random.next()
                    if theirs[i] == mine[i] { theirs[i] ^= 0x100 }
                }
                if key <= 150 {
                    cache.set(key, theirs)
                } else {
                    // Beyond the capacity: read from the table. Two in three were set (the cache keeps their
                    // short print only); the others come from an earlier run (nothing known of them).
                    let blob = theirs.withUnsafeBytes { Data($0) }
                    try queue.write { db in try db.execute(sql: "INSERT OR REPLACE INTO minhash VALUES (?, ?)", arguments: [key, blob]) }
                    if key % 3 != 0 { cache.set(key, theirs) }
                    // Read unless never set, or unless under 4 of the first 16 values share their low byte.
                    let sharedLow = (0..<16).filter { theirs[$0] & 0xFF == mine[$0] & 0xFF }.count
                    mayMatch[key] = key % 3 == 0 || sharedLow >= 4
                }
                if random.below(3) > 0 { keys.append(key) }
            }
            keys.append(contentsOf: keys.prefix(20))
            keys.sort()
            var expected: [Int64: Double] = [:]
            var found: [(Int64, Double)] = []
            try queue.read { db in
                try mine.withUnsafeBufferPointer { mine in
                    // First (reading back those never set, which then have a short print too).
                    let before = cache.reads
                    try cache.forEachSimilar(distinct: keys, to: mine, atLeast: MinHash.threshold, db) { found.append(($0, $1)) }
                    readBack += cache.reads - before
                    try cache.forEach(distinct: keys, db) { key, theirs in
                        let similarity = MinHash.similarity(mine, theirs)
                        if similarity >= MinHash.threshold { expected[key] = similarity }
                    }
                }
            }
            let unheld = Set(keys.filter { $0 > 150 })
            unheldCandidates += unheld.count
            shouldRead += unheld.filter { mayMatch[$0] == true }.count
            XCTAssertEqual(found.map(\.0), expected.keys.sorted(), "round \(round)")
            for (key, similarity) in found { XCTAssertEqual(similarity, expected[key], "round \(round), key \(key)") }
            XCTAssertFalse(expected.isEmpty, "round \(round) should have candidates above the threshold")
        }
        // Of the candidates not held, those never set (a third) are read every time they come up; of the
        // others, only those whose short print may match (the values here often share low bytes).
        XCTAssertEqual(readBack, shouldRead)
        XCTAssertLessThan(readBack, unheldCandidates, "some reads spared")
    }

    /// The shared-byte count of two fingerprints is the number of equal bytes, for any words.
    func testSharedBytesCountsEqualBytes() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            var a = (0..<SignatureCache.fingerprintWords).map { _ in random.next() }
            let b = (0..<SignatureCache.fingerprintWords).map { _ in random.next() }
            // Make some bytes equal, including 0x00 and 0x80 ones (the carry-prone values).
            for i in 0..<a.count {
                for byte in 0..<8 where random.below(2) == 0 {
                    let shift = UInt64(byte * 8)
                    let value: UInt64 = random.pick([0, 0x80, 0x7F, 0xFF, (b[i] >> shift) & 0xFF])
                    a[i] = a[i] & ~(0xFF << shift) | value << shift
                }
            }
            var naive = 0
            for i in 0..<a.count { for byte in 0..<8 where (a[i] >> UInt64(byte * 8)) & 0xFF == (b[i] >> UInt64(byte * 8)) & 0xFF { naive += 1 } }
            XCTAssertEqual(a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in SignatureCache.sharedBytes(x.baseAddress!, y.baseAddress!) } }, naive)
        }
    }
}
