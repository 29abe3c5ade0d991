@testable import DatelineStore
import DatelineTestSupport
import XCTest

final class BucketIndexTests: XCTestCase {
    /// Rows added, removed and added again give the candidates a plain bucket -> articles map gives.
    func testCandidatesFollowAddsAndRemoves() {
        var generator = SplitMix64(seed: 42)
        let index = BucketIndex()
        var reference: [Int64: [Int64]] = [:] // bucket -> articles, in order of adding
        var bucketsOf: [Int64: [Int64]] = [:]
        for step in 0..<3_000 {
            let article = Int64(generator.next() % 400) + 1
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
                let keys = (0..<16).map { _ in Int64(bitPattern: generator.next() % 600) - 300 }
                let excluded = Int64(generator.next() % 400) + 1
                var found: [Int64] = []
                index.candidates(keys, excluding: excluded, into: &found)
                let expected = keys.flatMap { reference[$0] ?? [] }.filter { $0 != excluded }
                XCTAssertEqual(found.sorted(), expected.sorted(), "step \(step)")
            }
        }
    }
}
