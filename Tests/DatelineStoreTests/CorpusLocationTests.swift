@testable import DatelineStore
import DatelineTestSupport
import Foundation
import XCTest

final class CorpusLocationTests: XCTestCase {
    func testOptionBeatsEnvironmentBeatsDefault() {
        let env = ["DATELINE_DB": "/tmp/env.sqlite"]
        XCTAssertEqual(CorpusLocation.resolve(db: "/tmp/opt.sqlite", forReading: false, environment: env),
                       CorpusLocation(path: "/tmp/opt.sqlite", origin: .option))
        XCTAssertEqual(CorpusLocation.resolve(db: nil, forReading: true, environment: env),
                       CorpusLocation(path: "/tmp/env.sqlite", origin: .environment))
        XCTAssertEqual(CorpusLocation.resolve(db: nil, forReading: false, environment: [:]),
                       CorpusLocation(path: "dateline.sqlite", origin: .defaultFile))
    }

    func testReadingFallsBackToCachedSeeds() throws {
        let folder = try TemporaryFolder()
        try folder.write("seeds/a.txt", Pages.toLam)
        try folder.write("seeds/b.txt", Pages.article(seed: 3))
        let env = ["DATELINE_SEEDS": folder.file("seeds"), "XDG_CACHE_HOME": folder.file("cache")]
        let cwd = FileManager.default.currentDirectoryPath
        defer { FileManager.default.changeCurrentDirectoryPath(cwd) }
        FileManager.default.changeCurrentDirectoryPath(folder.path) // no ./dateline.sqlite here
        let location = CorpusLocation.resolve(db: nil, forReading: true, environment: env)
        guard case let .seeds(seeds) = location.origin else { return XCTFail("expected the seeds fallback, got \(location)") }
        XCTAssertEqual(seeds, folder.file("seeds"))
        XCTAssertTrue(location.path.hasPrefix(folder.file("cache") + "/dateline/seeds-"), location.path)
        XCTAssertNotNil(location.note)
        let store = try location.open()
        XCTAssertTrue(store.isReadOnly)
        XCTAssertEqual(try store.count(), 2)
        XCTAssertEqual(try store.search("tô lâm").count, 1)
        // Writers never fall back to the seeds.
        XCTAssertEqual(CorpusLocation.resolve(db: nil, forReading: false, environment: env).origin, .defaultFile)
        // A changed seed gives a different cache.
        try folder.write("seeds/c.txt", Pages.article(seed: 4))
        XCTAssertNotEqual(try CorpusLocation.seedsCachePath(seeds: folder.file("seeds"), environment: env), location.path)
    }
}
