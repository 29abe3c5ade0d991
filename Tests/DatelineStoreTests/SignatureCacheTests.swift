@testable import DatelineStore
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
}
