@testable import DatelineStore
import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

final class PreparePipelineTests: XCTestCase {
    /// Every item comes back, in input order, whoever transformed it (workers or the consumer itself).
    func testResultsInOrderWhoeverTransforms() {
        let items = Array(0..<5_000)
        // Results wait in a ring of `window` slots: small windows make every slot turn over often.
        for (window, workers) in [1, 3, 64].flatMap({ w in [1, 2, 4].map { (w, $0) } }) {
            let pipeline = PreparePipeline(items, window: window) { $0 &* 3 }
            pipeline.start(workers: workers)
            var taken: [Int] = []
            for i in items.indices { taken.append(pipeline.take(i)) }
            XCTAssertEqual(taken, items.map { $0 &* 3 }, "window: \(window), workers: \(workers)")
        }
    }

    /// Workers never run more than `window` items ahead of the consumer, and `cancel` stops them
    /// (waiting ones included) so that nothing is transformed afterwards.
    func testWorkersStayWithinTheWindowAndStopOnCancel() {
        let lock = NSLock()
        var transformed = Set<Int>()
        let pipeline = PreparePipeline(Array(0..<1_000), window: 16) { item -> Int in
            lock.lock(); transformed.insert(item); lock.unlock()
            return item
        }
        pipeline.start(workers: 3)
        for i in 0..<10 { XCTAssertEqual(pipeline.take(i), i) }
        usleep(100_000) // time for workers to run as far ahead as they may
        lock.lock()
        let ahead = transformed.max() ?? 0
        lock.unlock()
        XCTAssertLessThan(ahead, 10 + 16, "a worker ran past the window")
        XCTAssertGreaterThanOrEqual(ahead, 10, "workers did not run ahead at all")
        pipeline.cancel()
        lock.lock()
        let atCancel = transformed.count
        lock.unlock()
        usleep(50_000)
        lock.lock()
        XCTAssertEqual(transformed.count, atCancel, "an item was transformed after cancel returned")
        lock.unlock()
    }

    /// While the item it needs is still being transformed by a worker, the consumer does later
    /// items itself instead of idling; each item is still transformed once and taken in order.
    func testConsumerWorksInsteadOfWaitingForABusyWorker() {
        let lock = NSLock()
        var counts = [Int](repeating: 0, count: 200)
        var byConsumer = Set<Int>()
        let consumer = Thread.current
        let started = DispatchSemaphore(value: 0)
        let pipeline = PreparePipeline(Array(0..<200), window: 64) { item -> Int in
            let mine = Thread.current.isEqual(consumer)
            if item == 0 && !mine {
                started.signal()
                usleep(300_000) // a slow page on the worker
            }
            lock.lock(); counts[item] += 1; if mine { byConsumer.insert(item) }; lock.unlock()
            return item &* 7
        }
        pipeline.start(workers: 1)
        started.wait() // the worker holds item 0 (and the rest of its claim)
        var taken: [Int] = []
        for i in 0..<200 { taken.append(pipeline.take(i)) }
        XCTAssertEqual(taken, (0..<200).map { $0 &* 7 })
        XCTAssertEqual(counts, [Int](repeating: 1, count: 200), "an item was transformed twice or never")
        XCTAssertTrue(byConsumer.contains { $0 >= 4 && $0 < 64 },
                      "the consumer waited for item 0 instead of doing later items: \(byConsumer.sorted().prefix(10))")
    }

    #if os(Linux)
    /// Workers run at a lower priority than the consumer (the single writer that bounds an ingest), and
    /// lowering it touches only the worker threads: the caller's own priority is unchanged afterwards.
    func testWorkersYieldToTheConsumerWithoutRenicingIt() throws {
        let before = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        try XCTSkipIf(before >= 15, "the test process already runs at nice \(before)")
        let lock = NSLock()
        var workerNice: [Int32] = []
        let consumer = Thread.current
        let pipeline = PreparePipeline(Array(0..<2_000), window: 256) { item -> Int in
            if !Thread.current.isEqual(consumer) {
                let nice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
                lock.lock(); workerNice.append(nice); lock.unlock()
            }
            usleep(50)
            return item
        }
        pipeline.start(workers: 2)
        for i in 0..<2_000 { _ = pipeline.take(i) }
        XCTAssertEqual(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0), before, "the consumer thread was reniced")
        XCTAssertFalse(workerNice.isEmpty, "no item was transformed by a worker")
        XCTAssertTrue(workerNice.allSatisfy { $0 > before }, "worker priorities: \(Set(workerNice)) (caller \(before))")
    }
    #endif
}
