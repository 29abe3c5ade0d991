@testable import DatelineStore
import XCTest

/// A batch that rolls back must see the sources exactly as they were at its start; a committed
/// batch's changes must survive a later rollback.
final class KnownSourcesTests: XCTestCase {
    private func known(_ hash: String, article: Int64?) -> Ingester.Known {
        Ingester.Known(hash: hash, size: hash.count, mtime: 1, article: article)
    }

    func testRollBackRestoresTheStateAtTheLastCommit() {
        var sources = Ingester.KnownSources(files: ["a": known("a1", article: 1), "b": known("b1", article: 2)],
                                            failed: ["c", "d"])
        sources.record(known("e1", article: 5), for: "e")
        sources.clearFailed("d")
        sources.commit()

        // A batch that changes an entry twice, adds one, and moves keys in and out of `failed`.
        sources.record(known("a2", article: 1), for: "a")
        sources.record(known("a3", article: 7), for: "a")
        sources.record(known("f1", article: nil), for: "f")
        sources.clearFailed("c")
        sources.markFailed("b")
        sources.markFailed("g")
        sources.clearFailed("g")
        sources.markFailed("c")
        sources.clearFailed("c")
        XCTAssertEqual(sources["a"]?.article, 7)
        XCTAssertFalse(sources.hasFailed("c"))
        sources.rollBack()

        XCTAssertEqual(sources.files.mapValues(\.hash), ["a": "a1", "b": "b1", "e": "e1"])
        XCTAssertEqual(sources["a"]?.article, 1)
        XCTAssertNil(sources["f"])
        XCTAssertEqual(sources.failed, ["c"])

        // The batch written again, then committed: a later rollback keeps it.
        sources.record(known("f1", article: 9), for: "f")
        sources.clearFailed("c")
        sources.commit()
        sources.record(known("a9", article: 1), for: "a")
        sources.rollBack()
        XCTAssertEqual(sources.files.mapValues(\.hash), ["a": "a1", "b": "b1", "e": "e1", "f": "f1"])
        XCTAssertEqual(sources["f"]?.article, 9)
        XCTAssertEqual(sources.failed, [])
    }
}
