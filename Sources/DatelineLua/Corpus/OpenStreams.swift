/// The article streams an engine has opened and not yet seen closed, each with the run that opened
/// it, so that a run that fails can stop the producers of the streams it left open before it returns.
///
/// A `for` loop closes its stream as a to-be-closed value, but a stream is not always in one: the run
/// may stop (time limit, interrupt, memory limit) after `corpus.articles()` returned and before the
/// `for` registered the value, or the script may keep the iterator in a local or a global. Without
/// this list such a stream's producer thread and read transaction would live until Lua collects the
/// userdata, or as long as the engine if it never does.
///
/// References are weak: a stream that Lua collects (its `deinit` closes it) drops out. Closing only
/// stops the Swift-side producer; no Lua code runs. Used only on the engine's thread.
struct OpenStreams {
    private struct Entry {
        weak var stream: ArticleStream?
        /// The run that opened the stream (nil: opened outside a run).
        let run: Int?
    }

    private var entries: [Entry] = []
    /// The list is pruned of closed and collected streams when it reaches this size.
    private var pruneAt = 32

    /// Streams still tracked (open, or closed but not yet pruned); for tests.
    var count: Int { entries.count }

    mutating func add(_ stream: ArticleStream, run: Int?) {
        if entries.count >= pruneAt {
            entries.removeAll { $0.stream?.isClosed ?? true }
            pruneAt = max(32, entries.count * 2)
        }
        entries.append(Entry(stream: stream, run: run))
    }

    /// Closes the streams opened by `run` that are still open, and forgets them.
    mutating func close(openedBy run: Int) {
        var kept: [Entry] = []
        for entry in entries {
            guard let stream = entry.stream, !stream.isClosed else { continue }
            if entry.run == run {
                stream.close()
            } else {
                kept.append(entry)
            }
        }
        entries = kept
    }

    /// Closes every stream still open (the engine is going away).
    mutating func closeAll() {
        for entry in entries { entry.stream?.close() }
        entries = []
    }
}
