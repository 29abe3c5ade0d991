@testable import DatelineLua
import Foundation
import XCTest

/// The article iterator's life cycle: errors in `where` predicates and loop bodies, `break`, early
/// close, repeated scans. A closed scan leaves no producer thread behind.
final class CorpusStreamTests: XCTestCase {
    var seeds: SeedCorpus!
    var engine: LuaEngine!

    override func setUpWithError() throws {
        seeds = try SeedCorpus()
        engine = try seeds.engine().0
    }

    override func tearDown() {
        engine = nil
        seeds = nil
    }

    private func eval(_ code: String) throws -> LuaValue { try engine.value(code) }

    func testErrorInWherePredicateIsClearAndEngineStaysUsable() throws {
        let error = engine.failure("""
        for a in corpus.articles{where = function(a) return a.no_field.x end} do end
        """)
        XCTAssertEqual(error?.kind, .script)
        XCTAssertEqual(error?.message, "(command line):1: attempt to index a nil value (field 'no_field')")
        XCTAssertTrue(error?.traceback?.contains("(command line):1:") ?? false, error?.traceback ?? "")
        XCTAssertEqual(ArticleStream.runningProducers, 0)
        XCTAssertEqual(try eval("return corpus.count()"), 5)
        // Also in Swift-side scans (count with a predicate).
        XCTAssertEqual(engine.failure("return corpus.count{where = function(a) error('bad predicate for ' .. a.lang) end}")?.message,
                       "(command line):1: bad predicate for en")
        XCTAssertEqual(try eval("local n = 0 for a in corpus.articles() do n = n + 1 end return n"), 5)
    }

    func testErrorInLoopBodyClosesTheScan() throws {
        let error = engine.failure("""
        local n = 0
        for a in corpus.articles() do
          n = n + 1
          if n == 2 then error("stopped at " .. n) end
        end
        """)
        XCTAssertEqual(error?.message, "(command line):4: stopped at 2")
        XCTAssertEqual(ArticleStream.runningProducers, 0)
        XCTAssertEqual(try eval("local n = 0 for a in corpus.articles() do n = n + 1 end return n"), 5)
    }

    func testProtectedErrorsInsideALoopKeepTheLoopGoing() throws {
        XCTAssertEqual(try eval("""
        local ok, failed = 0, 0
        for a in corpus.articles() do
          if pcall(function() return a.title:upper() end) then ok = ok + 1 else failed = failed + 1 end
        end
        return {ok, failed}
        """), .list([.int(try seeds.store.articles().filter { $0.title != nil }.count),
                      .int(try seeds.store.articles().filter { $0.title == nil }.count)]))
    }

    func testBreakAndEarlyCloseStopTheProducer() throws {
        try engine.run(code: "for a in corpus.articles() do break end")
        XCTAssertEqual(ArticleStream.runningProducers, 0)
        XCTAssertEqual(try eval("""
        local it = corpus.articles()
        local first = it()
        it:close()
        return {first ~= nil, it() == nil}
        """), [true, true])
        XCTAssertEqual(ArticleStream.runningProducers, 0)
    }

    func testIteratorOutsideForRunsToTheEnd() throws {
        XCTAssertEqual(try eval("""
        local it, n = corpus.articles{lang = 'en'}, 0
        while it() do n = n + 1 end
        return {n, it() == nil}
        """), [4, true])
    }

    func testNestedScans() throws {
        XCTAssertEqual(try eval("""
        local pairs_ = 0
        for a in corpus.articles() do
          for b in corpus.articles{where = function(b) return b.id ~= a.id end} do pairs_ = pairs_ + 1 end
        end
        return pairs_
        """), 20)
        XCTAssertEqual(ArticleStream.runningProducers, 0)
    }

    func testScanningTwiceGivesTheSameResults() throws {
        let scan = """
        local words, ids = 0, {}
        for a in corpus.articles() do
          for _ in a.body:gmatch("%S+") do words = words + 1 end
          ids[#ids + 1] = a.id .. ":" .. #a.mentions
        end
        return {words, table.concat(ids, ",")}
        """
        let first = try eval(scan)
        XCTAssertEqual(try eval(scan), first)
        let expectedWords = try seeds.store.articles().reduce(0) { $0 + $1.body.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count }
        XCTAssertEqual(first.listValue?.first, .int(expectedWords))
    }

    func testManyAbandonedScansAreCollected() throws {
        let (engine, _) = try seeds.engine { $0.unsafe = true }  // for collectgarbage
        try engine.run(code: """
        for i = 1, 50 do
          local it = corpus.articles()
          it()
        end
        collectgarbage()
        collectgarbage()
        """)
        XCTAssertEqual(ArticleStream.runningProducers, 0)
    }

    func testTimeLimitStopsALoop() throws {
        let (limited, _) = try seeds.engine { $0.timeout = 0.3 }
        let error = limited.failure("while true do for a in corpus.articles() do local _ = a.body end end")
        XCTAssertEqual(error?.kind, .timeout)
        XCTAssertEqual(ArticleStream.runningProducers, 0)
    }

    // A stream that is not (yet) the to-be-closed variable of a `for` when a run fails: the run may
    // stop between `corpus.articles()` and the loop (the window behind testTimeLimitStopsALoop's rare
    // failures), or the script keeps the iterator in locals. The engine closes it before returning.
    // One row per page keeps the producer waiting on its full queue until the stream is closed, and
    // the collector is stopped, so nothing but the engine can end the producer.

    /// Runs `script` (after the collector is stopped) on an engine configured by `configure`, with
    /// one-row pages; returns the failure and how many producers run right after it.
    private func failedRunLeavingAStream(_ script: String, _ configure: (inout LuaEngineOptions) -> Void = { _ in },
                                         during: ((LuaEngine) -> Void)? = nil) throws -> (LuaError?, Int) {
        StreamObject.pageSize = 1
        defer { StreamObject.pageSize = 256 }
        let (engine, _) = try seeds.engine { $0.unsafe = true; configure(&$0) }  // unsafe: collectgarbage
        during?(engine)
        let error = engine.failure("collectgarbage('stop')\n" + script)
        let running = ArticleStream.runningProducers
        XCTAssertEqual(try engine.value("collectgarbage('restart') collectgarbage() return corpus.count()"), 5)
        return (error, running)
    }

    func testFailedRunClosesTheStreamItHeldOutsideAFor() throws {
        let (error, running) = try failedRunLeavingAStream("""
        local it, _, _, closing = corpus.articles()
        local first = it()
        error("stopped after " .. (first and "one article" or "nothing"))
        """)
        XCTAssertEqual(error?.message, "(command line):4: stopped after one article")
        XCTAssertEqual(running, 0)
    }

    func testTimeLimitBeforeTheLoopClosesTheStream() throws {
        let (error, running) = try failedRunLeavingAStream("""
        local it, _, _, closing = corpus.articles()
        it()
        while true do end
        """, { $0.timeout = 0.2 })
        XCTAssertEqual(error?.kind, .timeout)
        XCTAssertEqual(running, 0)
    }

    func testInterruptAndMemoryLimitCloseTheStream() throws {
        let (interrupted, runningAfterInterrupt) = try failedRunLeavingAStream("""
        local it = corpus.articles()
        it()
        while true do end
        """, during: { engine in
            Thread { [weak engine] in Thread.sleep(forTimeInterval: 0.2); engine?.interrupt() }.start()
        })
        XCTAssertEqual(interrupted?.kind, .interrupted)
        XCTAssertEqual(runningAfterInterrupt, 0)

        let (exhausted, runningAfterMemory) = try failedRunLeavingAStream("""
        local it = corpus.articles()
        it()
        local t = {}
        while true do t[#t + 1] = tostring(#t) end
        """, { $0.maxMemory = 16 * 1_048_576 })
        XCTAssertEqual(exhausted?.kind, .memory)
        XCTAssertEqual(runningAfterMemory, 0)
    }

    /// A successful run (a REPL line) keeps its streams, which later lines may still read; a failed
    /// line closes only the streams it opened; the engine going away closes the rest.
    func testOnlyAFailedRunClosesItsStreams() throws {
        StreamObject.pageSize = 1
        defer { StreamObject.pageSize = 256 }
        var (engine, _) = try seeds.engine { $0.unsafe = true }
        try engine.run(code: "collectgarbage('stop')")
        XCTAssertEqual(try engine.evaluate(line: "kept = corpus.articles()"), .values([]))
        XCTAssertEqual(try engine.evaluate(line: "kept() ~= nil"), .values(["true"]))
        XCTAssertEqual(ArticleStream.runningProducers, 1)
        XCTAssertThrowsError(try engine.evaluate(line: "lost = corpus.articles(); lost(); error('x')"))
        XCTAssertEqual(ArticleStream.runningProducers, 1)
        XCTAssertEqual(try engine.evaluate(line: "kept() ~= nil, lost() == nil"), .values(["true", "true"]))
        XCTAssertEqual(ArticleStream.runningProducers, 1)
        withExtendedLifetime(engine) {}
        (engine, _) = try seeds.engine()
        XCTAssertEqual(ArticleStream.runningProducers, 0)
    }

    func testClosedStreamsAreForgotten() throws {
        try engine.run(code: """
        for i = 1, 500 do
          local it = corpus.articles()
          it()
          it:close()
          for a in corpus.articles() do end
        end
        """)
        XCTAssertLessThanOrEqual(engine.trackedStreamCount, 32)
        XCTAssertEqual(ArticleStream.runningProducers, 0)
    }

    func testStreamOverManyPages() throws {
        // More rows than one page: the producer hands over several pages in order.
        let store = seeds.store
        let stream = ArticleStream(store: store, query: .init(includeDuplicates: true, order: .ingest), pageSize: 2)
        var ids: [String] = []
        while let row = try stream.next() { ids.append(row.id) }
        XCTAssertEqual(ids, try store.articles(.init(includeDuplicates: true, order: .ingest)).map(\.id))
        XCTAssertNil(try stream.next())
        XCTAssertEqual(ArticleStream.runningProducers, 0)
    }
}
