@testable import DatelineStore
import DatelineTestSupport
import GRDB
import XCTest

final class BucketIndexTests: XCTestCase {
    /// Per band key, the index gives exactly the lowest keys the `lsh` query gives, as rows are loaded,
    /// added (rising keys, the ingest's common case), removed, stored again under an old key, and added
    /// again without being removed (an article the run's first catch-up wrote while it was still queued),
    /// for limits below and above the band keys' sizes.
    func testLowestKeysAreWhatTheQueryGives() throws {
        var generator = SplitMix64(seed: 42)
        func bandKeys() -> [Int64] {
            var keys: [Int64] = []
            while keys.count < 16 {
                let key = Int64(bitPattern: generator.next() % 600) - 300
                if !keys.contains(key) { keys.append(key) }
            }
            return keys
        }
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE lsh (bucket INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (bucket, article)) WITHOUT ROWID
                """)
            var bucketsOf: [Int64: [Int64]] = [:]
            func store(_ article: Int64, _ keys: [Int64], index: BucketIndex?) throws {
                for key in keys {
                    index?.add(bucket: key, article: article)
                    try db.execute(sql: "INSERT OR IGNORE INTO lsh (bucket, article) VALUES (?, ?)", arguments: [key, article])
                }
                bucketsOf[article] = keys
            }
            // Articles 1-150 were stored by an earlier run.
            for article in Int64(1)...150 { try store(article, bandKeys(), index: nil) }
            let index = try XCTUnwrap(BucketIndex.load(db))
            var newest: Int64 = 150
            for step in 0..<3_000 {
                let roll = generator.next() % 20
                let old = Int64(generator.next() % UInt64(newest)) + 1
                if roll == 0, let keys = bucketsOf[old] {
                    try store(old, keys, index: index)
                } else if roll < 3 {
                    index.remove(old)
                    for key in bucketsOf[old] ?? [] {
                        try db.execute(sql: "DELETE FROM lsh WHERE bucket = ? AND article = ?", arguments: [key, old])
                    }
                    bucketsOf[old] = nil
                    if roll == 1 { try store(old, bandKeys(), index: index) }
                } else {
                    newest += 1
                    try store(newest, bandKeys(), index: index)
                }
                guard step % 50 == 0 else { continue }
                for limit in [1, 3, 64, 1_000] {
                    for _ in 0..<16 {
                        let bucket = Int64(bitPattern: generator.next() % 600) - 300
                        let excluded = Int64(generator.next() % UInt64(newest)) + 1
                        var found: [Int64] = [7] // appended to, not replaced
                        index.lowest(under: bucket, limit: limit, excluding: excluded, into: &found)
                        let expected = try Int64.fetchAll(db, sql: """
                            SELECT article FROM lsh WHERE bucket = ? AND article != ? ORDER BY article LIMIT ?
                            """, arguments: [bucket, excluded, limit])
                        XCTAssertEqual(found, [7] + expected, "step \(step), bucket \(bucket), limit \(limit)")
                    }
                }
            }
        }
    }

    /// One band key's share from several places: sorted, each key once, the lowest `limit` kept, and
    /// what came before `start` left alone.
    func testKeepLowestSortsDropsRepeatsAndTrims() {
        var candidates: [Int64] = [9, 1, 40, 7, 3, 7, 12, 3]
        BucketIndex.keepLowest(&candidates, from: 2, limit: 3)
        XCTAssertEqual(candidates, [9, 1, 3, 7, 12])
        candidates = [5, 5, 5]
        BucketIndex.keepLowest(&candidates, from: 0, limit: 64)
        XCTAssertEqual(candidates, [5])
    }

    /// A run of a million articles holds millions of band keys with rows added since loading.
    func testChainRecordStaysSmall() {
        XCTAssertEqual(BucketIndex.chainBytes, 16)
    }
}
