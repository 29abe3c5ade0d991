@testable import DatelineStore
import DatelineTestSupport
import XCTest

final class BucketIndexTests: XCTestCase {
    /// Rows added, removed and added again (under old keys, as a changed file is) give, per bucket, the
    /// lowest keys a plain bucket -> articles map gives, for limits below and above the bucket sizes.
    func testLowestKeysFollowAddsAndRemoves() {
        var generator = SplitMix64(seed: 42)
        var reference: [Int64: [Int64]] = [:] // bucket -> articles, in order of adding
        var bucketsOf: [Int64: [Int64]] = [:]
        // Articles 1-150 were stored by an earlier run (rows loaded from `lsh`).
        var loaded: [(bucket: Int64, article: Int64)] = []
        for article in Int64(1)...150 {
            let buckets = (0..<16).map { _ in Int64(bitPattern: generator.next() % 600) - 300 }
            for bucket in buckets {
                loaded.append((bucket, article))
                reference[bucket, default: []].append(article)
            }
            bucketsOf[article] = buckets
        }
        let index = BucketIndex(loaded: loaded)
        // Mostly new articles (rising keys, the ingest's common case), some stored again under an old key.
        var newest: Int64 = 150
        for step in 0..<3_000 {
            let article: Int64
            if generator.next() % 10 == 0 { article = Int64(generator.next() % UInt64(newest)) + 1 } else { newest += 1; article = newest }
            if generator.next() % 5 == 0 || bucketsOf[article] != nil {
                // Remove (a replaced or deleted article), sometimes adding it back at once.
                index.remove(article)
                for bucket in bucketsOf[article] ?? [] { reference[bucket]?.removeAll { $0 == article } }
                bucketsOf[article] = nil
                if generator.next() % 2 == 0 { continue }
            }
            let buckets = (0..<16).map { _ in Int64(bitPattern: generator.next() % 600) - 300 }
            for bucket in buckets {
                index.add(bucket: bucket, article: article)
                reference[bucket, default: []].append(article)
            }
            bucketsOf[article] = buckets
            if step % 50 == 0 {
                for limit in [1, 3, 64, 1_000] {
                    for _ in 0..<16 {
                        let bucket = Int64(bitPattern: generator.next() % 600) - 300
                        let excluded = Int64(generator.next() % UInt64(newest)) + 1
                        var found: [Int64] = [7] // appended to, not replaced
                        index.lowest(under: bucket, limit: limit, excluding: excluded, into: &found)
                        let expected = [7] + (reference[bucket] ?? []).filter { $0 != excluded }.sorted().prefix(limit)
                        XCTAssertEqual(found, expected, "step \(step), bucket \(bucket), limit \(limit)")
                    }
                }
            }
        }
    }
}
