import Foundation

/// Runs `transform` over `items` on worker threads, ahead of one consumer that takes the results in
/// input order. Workers stay at most `window` items ahead of the consumer (bounded memory); when the
/// item the consumer needs has not been started yet, the consumer transforms it itself instead of
/// waiting, and while a worker is still on it, the consumer does later unclaimed items; so no core
/// idles while there is work (and one core is enough).
///
/// Used by the ingest: parsing and preparing articles on every core while the single writer stores
/// earlier ones, so writing batch N overlaps parsing batch N+1 without a stop at batch boundaries.
final class PreparePipeline<Item, Output>: @unchecked Sendable {
    private let items: [Item]
    private let transform: (Item) -> Output
    private let window: Int
    /// Finished results not yet taken, in a ring of `window` slots: every item started and not yet taken
    /// lies in `consumed ..< consumed + window`, so item `i` has slot `i % window` to itself (a slot
    /// per item held a million empty slots for a million-article ingest).
    private var results: [Output?]
    /// One mutex, two conditions: the consumer waits for one result, workers wait for room in the
    /// window, and each side is woken only when the other has what it waits for. (One condition
    /// broadcast at every result woke every waiting thread: a 10k-article ingest made ~20k context
    /// switches, half of them threads queueing on the mutex.)
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let resultReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let roomFree = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// The next item no one has claimed yet.
    private var nextClaim = 0
    /// Items before this index have been taken by the consumer.
    private var consumed = 0
    /// The item the consumer is waiting for (-1: not waiting).
    private var awaited = -1
    /// Workers waiting for room in the window.
    private var workersWaiting = 0
    private var cancelled = false
    private var running = 0
    /// Items a worker claims at a time (fewer lock round trips; the consumer still gets them in order).
    private let chunk = 4

    init(_ items: [Item], window: Int, transform: @escaping (Item) -> Output) {
        self.items = items
        self.transform = transform
        self.window = max(1, window)
        results = [Output?](repeating: nil, count: min(self.window, max(1, items.count)))
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(resultReady, nil)
        pthread_cond_init(roomFree, nil)
    }

    deinit {
        pthread_cond_destroy(roomFree)
        pthread_cond_destroy(resultReady)
        pthread_mutex_destroy(mutex)
        roomFree.deallocate()
        resultReady.deallocate()
        mutex.deallocate()
    }

    /// Starts `workers` threads (they end when every item is claimed or on `cancel()`).
    func start(workers: Int) {
        guard !items.isEmpty else { return }
        for _ in 0..<max(1, min(workers, items.count)) {
            pthread_mutex_lock(mutex)
            running += 1
            pthread_mutex_unlock(mutex)
            let thread = Thread { [self] in work() }
            thread.name = "dateline.ingest.prepare"
            thread.start()
        }
    }

    private func work() {
        Self.yieldToConsumer()
        while let claimed = claim() {
            for index in claimed {
                let output = transform(items[index])
                pthread_mutex_lock(mutex)
                results[index % results.count] = output
                if awaited == index { pthread_cond_signal(resultReady) }
                pthread_mutex_unlock(mutex)
            }
        }
        pthread_mutex_lock(mutex)
        running -= 1
        if running == 0 { pthread_cond_broadcast(roomFree) } // `cancel` waits for this
        pthread_mutex_unlock(mutex)
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

    /// The next items a worker may start (up to `chunk`), waiting while they would run more than
    /// `window` ahead of the consumer; nil when there are none left or on `cancel()`.
    private func claim() -> Range<Int>? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !cancelled, nextClaim < items.count, nextClaim >= consumed + window {
            workersWaiting += 1
            pthread_cond_wait(roomFree, mutex)
            workersWaiting -= 1
        }
        guard !cancelled, nextClaim < items.count else { return nil }
        let first = nextClaim
        nextClaim = min(items.count, first + chunk, consumed + window)
        return first..<nextClaim
    }

    /// The result for item `index` (take each index once, in increasing order).
    func take(_ index: Int) -> Output {
        pthread_mutex_lock(mutex)
        consumed = index
        if nextClaim == index {
            // Nobody has started it: do it here rather than wait.
            nextClaim += 1
            pthread_mutex_unlock(mutex)
            let output = transform(items[index])
            pthread_mutex_lock(mutex)
            consumed = index + 1
            if workersWaiting > 0 { pthread_cond_broadcast(roomFree) }
            pthread_mutex_unlock(mutex)
            return output
        }
        let slot = index % results.count
        while results[slot] == nil {
            // A worker has it but is not done: rather than idle, do the next unclaimed item (the
            // consumer is one of the threads the work is shared by; waiting left a core part idle).
            if nextClaim < items.count, nextClaim < index + window {
                let other = nextClaim
                nextClaim += 1
                pthread_mutex_unlock(mutex)
                let output = transform(items[other])
                pthread_mutex_lock(mutex)
                results[other % results.count] = output
                continue
            }
            awaited = index
            pthread_cond_wait(resultReady, mutex)
        }
        awaited = -1
        let output = results[slot]!
        results[slot] = nil
        consumed = index + 1
        if workersWaiting > 0, nextClaim < consumed + window { pthread_cond_broadcast(roomFree) }
        pthread_mutex_unlock(mutex)
        return output
    }

    /// Stops the workers after their current items and waits for them to finish.
    func cancel() {
        pthread_mutex_lock(mutex)
        cancelled = true
        pthread_cond_broadcast(roomFree)
        while running > 0 { pthread_cond_wait(roomFree, mutex) }
        pthread_mutex_unlock(mutex)
    }
}
