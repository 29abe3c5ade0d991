import Foundation

/// Runs `transform` over `items` on worker threads, ahead of one consumer that takes the results in
/// input order. Workers stay at most `window` items ahead of the consumer (bounded memory); when the
/// item the consumer needs has not been started yet, the consumer transforms it itself instead of
/// waiting, so no core idles while there is work (and one core is enough).
///
/// Used by the ingest: parsing and preparing articles on every core while the single writer stores
/// earlier ones, so writing batch N overlaps parsing batch N+1 without a stop at batch boundaries.
final class PreparePipeline<Item, Output>: @unchecked Sendable {
    private let items: [Item]
    private let transform: (Item) -> Output
    private let window: Int
    private var results: [Output?]
    private let condition = NSCondition()
    /// The next item no one has claimed yet.
    private var nextClaim = 0
    /// Items before this index have been taken by the consumer.
    private var consumed = 0
    private var cancelled = false
    private var running = 0

    init(_ items: [Item], window: Int, transform: @escaping (Item) -> Output) {
        self.items = items
        self.transform = transform
        self.window = max(1, window)
        results = [Output?](repeating: nil, count: items.count)
    }

    /// Starts `workers` threads (they end when every item is claimed or on `cancel()`).
    func start(workers: Int) {
        guard !items.isEmpty else { return }
        for _ in 0..<max(1, min(workers, items.count)) {
            condition.lock()
            running += 1
            condition.unlock()
            let thread = Thread { [self] in work() }
            thread.name = "dateline.ingest.prepare"
            thread.start()
        }
    }

    private func work() {
        Self.yieldToConsumer()
        while let index = claim() {
            let output = transform(items[index])
            condition.lock()
            results[index] = output
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Lowers the calling worker thread's scheduling priority a little (nice +5; `DATELINE_WORKER_NICE` overrides, 0 turns it off), so that when
    /// workers and the consumer want more cores than there are, the kernel runs the consumer — the single
    /// writer that bounds the ingest — and workers share what is left instead of taking turns with it.
    private static func yieldToConsumer() {
        #if os(Linux)
        let nice = Int32(ProcessInfo.processInfo.environment["DATELINE_WORKER_NICE"] ?? "") ?? 5
        guard nice > 0 else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
        #endif
    }

    /// The next item a worker may start, waiting while it would run more than `window` ahead.
    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, nextClaim < items.count, nextClaim >= consumed + window {
            condition.wait()
        }
        guard !cancelled, nextClaim < items.count else { return nil }
        nextClaim += 1
        return nextClaim - 1
    }

    /// The result for item `index` (take each index once, in increasing order).
    func take(_ index: Int) -> Output {
        condition.lock()
        consumed = index
        if nextClaim == index {
            // Nobody has started it: do it here rather than wait.
            nextClaim += 1
            condition.broadcast()
            condition.unlock()
            let output = transform(items[index])
            condition.lock()
            consumed = index + 1
            condition.broadcast()
            condition.unlock()
            return output
        }
        while results[index] == nil { condition.wait() }
        let output = results[index]!
        results[index] = nil
        consumed = index + 1
        condition.broadcast()
        condition.unlock()
        return output
    }

    /// Stops the workers after their current item and waits for them to finish.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }
}
