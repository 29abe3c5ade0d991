import DatelineTestSupport
import Foundation
import XCTest

/// What `dateline ingest` tells the user beyond the summary line.
final class IngestCommandTests: XCTestCase {
    /// A near-duplicate index that fills during the run is reported with the limit and how to raise
    /// it; with `--quiet`, or when the index never fills, only the summary is printed.
    func testAFullNearDuplicateIndexIsReported() throws {
        let executable = try DatelineExecutable.require()
        let folder = try TemporaryFolder()
        for i in 0..<40 {
            try folder.write("pages/page\(i).txt", Pages.article(seed: 30_000 + i, paragraphs: 4))
        }
        let small = try runProcess(executable, ["ingest", folder.file("pages"), "--db", folder.file("small.sqlite"),
                                                "--near-duplicate-rows", "100"], timeout: nil)
        XCTAssertEqual(small.status, 0, small.stderr)
        XCTAssertTrue(small.stderr.contains("added 40,"), small.stderr)
        // 16 rows an article: 100 rows fill after 7 articles, so about 5 times in 40 articles.
        let note = small.stderr.split(separator: "\n").first { $0.hasPrefix("near-duplicate index: full ") }
        XCTAssertNotNil(note, small.stderr)
        XCTAssertTrue(note?.contains("at 100 rows") ?? false, small.stderr)
        XCTAssertTrue(note?.contains("--near-duplicate-rows") ?? false, small.stderr)

        let quiet = try runProcess(executable, ["ingest", folder.file("pages"), "--db", folder.file("quiet.sqlite"), "--quiet",
                                                "--near-duplicate-rows", "100"], timeout: nil)
        XCTAssertEqual(quiet.status, 0, quiet.stderr)
        XCTAssertFalse(quiet.stderr.contains("near-duplicate index"), quiet.stderr)

        let roomy = try runProcess(executable, ["ingest", folder.file("pages"), "--db", folder.file("roomy.sqlite")], timeout: nil)
        XCTAssertEqual(roomy.status, 0, roomy.stderr)
        XCTAssertFalse(roomy.stderr.contains("near-duplicate index"), roomy.stderr)
    }
}
