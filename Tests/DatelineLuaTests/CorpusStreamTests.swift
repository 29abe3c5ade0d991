import DatelineLua
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
