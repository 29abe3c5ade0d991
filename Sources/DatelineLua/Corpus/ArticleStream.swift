import DatelineStore
import Foundation

/// Streams the rows of an `ArticleQuery` to a consumer that pulls them one at a time (a Lua `for`
/// loop), in constant memory.
///
/// The store's scan (`CorpusStore.forEachArticle`) pushes rows into a closure, so it runs on a
/// producer thread that hands over pages of up to 256 rows through a queue of at most two pages; it
/// holds no read transaction while it waits. The consumer decodes nothing: it takes ready rows, so
/// reading the database overlaps with the script's work. `close()` (also run by `deinit`) stops the
/// producer and waits for it, so a loop left by `break` or an error never leaks the cursor.
public final class ArticleStream {
    private let channel: PageChannel
    private var page: [ArticleRow] = []
    private var position = 0
    /// Whether `close()` has run (the consumer reached the end, or the scan was stopped).
    private(set) var isClosed = false

    private static let counterLock = NSLock()
    nonisolated(unsafe) private static var running = 0

    /// How many producer threads are running (for tests: a closed stream has none left).
    public static var runningProducers: Int {
        counterLock.lock()
        defer { counterLock.unlock() }
        return running
    }

    private static func adjustRunning(_ delta: Int) {
        counterLock.lock()
        running += delta
        counterLock.unlock()
    }

    /// Starts the producer for `query` on `store`.
    public init(store: CorpusStore, query: ArticleQuery, pageSize: Int = 256) {
        let channel = PageChannel(capacity: 2)
        self.channel = channel
        let size = max(1, pageSize)
        Self.adjustRunning(1)
        let thread = Thread {
            var buffer: [ArticleRow] = []
            buffer.reserveCapacity(size)
            do {
                try store.forEachArticle(query) { row in
                    buffer.append(row)
                    guard buffer.count >= size else { return true }
                    defer { buffer = []; buffer.reserveCapacity(size) }
                    return channel.put(buffer)
                }
                if !buffer.isEmpty { _ = channel.put(buffer) }
                Self.adjustRunning(-1)
                channel.finish(error: nil)
            } catch {
                Self.adjustRunning(-1)
                channel.finish(error: error)
            }
        }
        thread.name = "dateline.corpus.scan"
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit {
        close()
    }

    /// The next row, nil at the end (and after `close()`). Rethrows the store's error.
    public func next() throws -> ArticleRow? {
        if position < page.count {
            defer { position += 1 }
            return page[position]
        }
        guard !isClosed else { return nil }
        page = []
        position = 0
        guard let next = try channel.take() else {
            close()
            return nil
        }
        page = next
        position = 1
        return page.first
    }

    /// Stops the producer and waits for its thread to end (idempotent).
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        page = []
        position = 0
        channel.cancelAndWait()
    }
}

/// A bounded queue of row pages between one producer and one consumer.
private final class PageChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var pages: [[ArticleRow]] = []
    private let capacity: Int
    private var finished = false
    private var cancelled = false
    private var failure: Error?

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Queues a page, waiting while the queue is full; false when the consumer cancelled.
    func put(_ page: [ArticleRow]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while pages.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        pages.append(page)
        condition.broadcast()
        return true
    }

    /// The producer is done (with the error that stopped it, if any).
    func finish(error: Error?) {
        condition.lock()
        if !finished { failure = error }
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next page, waiting for the producer; nil at the end.
    func take() throws -> [ArticleRow]? {
        condition.lock()
        defer { condition.unlock() }
        while pages.isEmpty && !finished && !cancelled { condition.wait() }
        if !pages.isEmpty {
            let page = pages.removeFirst()
            condition.broadcast()
            return page
        }
        if let failure, !cancelled { throw failure }
        return nil
    }

    /// Tells the producer to stop and waits until it has.
    func cancelAndWait() {
        condition.lock()
        cancelled = true
        pages = []
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
