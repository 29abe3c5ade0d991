import DatelineLua
import DatelineStore
import DatelineTestSupport
import Foundation
import XCTest

/// The bundled seeds ingested into a fresh temporary corpus, and engines reading it.
final class SeedCorpus {
    let directory: URL
    let store: CorpusStore

    /// The repository's `seeds/` folder.
    static var seedsFolder: String { repositoryRoot.appendingPathComponent("seeds").path }

    /// The repository's `Scripts/` folder.
    static var scriptsFolder: String { repositoryRoot.appendingPathComponent("Scripts").path }

    init() throws {
        directory = try makeTemporaryDirectory("dateline-lua")
        store = try CorpusStore(path: directory.appendingPathComponent("seeds.sqlite").path)
        let summary = try Ingester(store: store).run(InputExpander.expand([Self.seedsFolder]).files)
        guard summary.failed == 0, summary.added > 0 else {
            throw CorpusOpenError(message: "seeds did not ingest: \(summary.line)")
        }
    }

    /// An engine whose `corpus` is this store; prints go to the capture.
    func engine(_ configure: (inout LuaEngineOptions) -> Void = { _ in }) throws -> (LuaEngine, OutputCapture) {
        let (engine, output) = try makeEngine(configure)
        CorpusProvider.attach(CorpusProvider(store: store), to: engine)
        return (engine, output)
    }

    deinit {
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The fixture itself: the seeds ingest and the engine sees them.
final class CorpusFixtureTests: XCTestCase {
    func testSeedsIngestAndAreVisible() throws {
        let seeds = try SeedCorpus()
        let (engine, _) = try seeds.engine()
        XCTAssertEqual(try engine.value("return corpus.count()"), .int(try seeds.store.count()))
        XCTAssertGreaterThan(try seeds.store.count(), 0)
    }

    func testNoCorpusIsAClearError() throws {
        let (engine, _) = try makeEngine()
        let error = engine.failure("return corpus.count()")
        XCTAssertEqual(error?.message, "(command line):1: corpus.count: no corpus is open (run the script with `dateline run --db FILE`)")
    }

    func testMissingDatabaseSettingIsAClearError() throws {
        let (engine, _) = try makeEngine { $0.settings["db"] = "/nonexistent/x.sqlite" }
        let error = engine.failure("return corpus.count()")
        XCTAssertEqual(error?.message, "(command line):1: corpus.count: cannot open the corpus: no corpus database at /nonexistent/x.sqlite")
    }
}
