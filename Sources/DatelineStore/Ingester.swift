import DatelineCore
import Foundation
import GRDB

/// Counts reported at the end of an ingest or reparse.
public struct IngestSummary: Sendable, Equatable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    /// Exact duplicates of an article already stored from another path (not stored again).
    public var duplicate = 0
    public var failed = 0
    /// Of the added/updated articles, how many were linked as near-duplicates of an earlier copy.
    public var nearDuplicates = 0
    /// Bytes read from input files.
    public var bytes = 0
    /// One-line reasons for failures, "path: reason".
    public var failures: [String] = []
    /// Warnings about inputs that were stored ("path: warning", e.g. a Windows-1252 fallback).
    public var warnings: [String] = []

    public init() {}

    /// "added N, updated N, unchanged N, duplicate N, failed N".
    public var line: String {
        var text = "added \(added), updated \(updated), unchanged \(unchanged), duplicate \(duplicate), failed \(failed)"
        if nearDuplicates > 0 { text += " (\(nearDuplicates) linked as near-duplicates)" }
        return text
    }
}

/// Progress of a running ingest, for progress bars.
public struct IngestProgress: Sendable {
    /// Inputs (files or JSON Lines lines) handled so far.
    public var done: Int
    /// Inputs in total.
    public var total: Int
    public var bytes: Int
    public var elapsed: TimeInterval
}

/// Ingests files into a corpus: parses in parallel, writes from one writer in batched transactions
/// (each article with all its rows in the same transaction), skips unchanged files, updates changed
/// ones in place, links duplicates. Safe to interrupt at any point; re-running completes the work.
public final class Ingester {
    public let store: CorpusStore
    public var parser: ArticleParser
    /// Inputs per write transaction. Each commit rewrites every B-tree page the batch touched — on a
    /// large corpus most of the LSH bucket table, whose keys are random — so bigger batches cost less
    /// per article (100k corpus: 2.70 ms CPU per article at 500, 2.51 at 2,000); an interrupted ingest
    /// redoes at most one batch.
    public var batchSize = 2_000
    /// Called after each commit and every 250 inputs in between (from the calling thread).
    public var onProgress: ((IngestProgress) -> Void)?
    /// Called for each failure as it happens ("path: reason").
    public var onFailure: ((String) -> Void)?
    /// Called for each warning ("path: warning").
    public var onWarning: ((String) -> Void)?

    public init(store: CorpusStore, parser: ArticleParser = ArticleParser()) {
        self.store = store
        self.parser = parser
    }

    // MARK: - Work items

    struct Known {
        var hash: String
        var size: Int
        var mtime: Double
        var article: Int64?
    }

    enum Work {
        /// `mtime` nil: not read yet (the file is new to the corpus).
        case file(path: String, mtime: Double?)
        case line(key: String, number: Int, text: String, mtime: Double)
        /// Record a JSON Lines file as fully ingested (after its lines).
        case fileDone(path: String, hash: String, size: Int, mtime: Double)
        case failure(key: String, message: String)
    }

    enum Outcome {
        case unchanged(key: String, size: Int, mtime: Double)
        case ready(key: String, hash: String, size: Int, mtime: Double, PreparedArticle, warnings: [String])
        case failed(key: String, message: String)
        case fileDone(path: String, hash: String, size: Int, mtime: Double)
    }

    // MARK: - Running

    /// Ingests the given files (see `InputExpander`). Throws `StoreError` only for database faults
    /// (read-only, disk full); per-file problems are counted in the summary.
    public func run(_ files: [InputFile]) throws -> IngestSummary {
        let start = Date()
        var summary = IngestSummary()
        let (known, lineCounts, previouslyFailed) = try loadKnown()
        var work: [Work] = []
        work.reserveCapacity(files.count)
        let ownFiles = Set(["", "-wal", "-shm", "-journal"].map { InputExpander.absolute(store.path) + $0 })
        for file in files where !ownFiles.contains(file.path) {
            if !file.isJSONLines, known[file.path] == nil {
                // A new file: nothing to compare, so its size and time are read by the worker that
                // prepares it (about 15 µs per file off this thread, which the writer runs on).
                work.append(.file(path: file.path, mtime: nil))
                continue
            }
            let (size, mtime) = Self.sizeAndTime(file.path)
            if let k = known[file.path], k.size == size, k.mtime == mtime {
                summary.unchanged += file.isJSONLines ? max(1, lineCounts[file.path] ?? 0) : 1
                continue
            }
            if file.isJSONLines {
                planJSONLines(file.path, size: size, mtime: mtime, known: known, lineCounts: lineCounts, into: &work, summary: &summary)
            } else {
                work.append(.file(path: file.path, mtime: mtime))
            }
        }
        let total = work.count
        var bytes = 0
        let writer = ArticleWriter()
        try configure(writer, inputs: work.count)
        var sources = KnownSources(files: known, failed: previouslyFailed)
        // Parsing runs ahead of the writer on every core while the writer stores, in input order, what
        // is ready: batch N+1 is being parsed while batch N is written, with no gap between batches.
        let parser = self.parser
        let snapshot = known
        // A window of a few hundred articles: enough to cover the writer's commits, small enough that an
        // article is still in the CPU caches when the writer reaches it and that the writer's backlog,
        // which it finishes alone once the workers are done, stays short (10k, alternating runs: 1,024
        // -> 384 cut the median from 5.33 to 4.79 s).
        let pipeline = PreparePipeline(work, window: max(64, min(batchSize, 384))) { item in
            Self.prepareOne(item, parser: parser, known: snapshot)
        }
        pipeline.start(workers: ProcessInfo.processInfo.activeProcessorCount)
        defer { pipeline.cancel() }
        try bulkWriting {
            var index = 0
            // The last `finalBatchSize` inputs are a batch of their own (see there).
            let finalStart = work.count - finalBatchSize
            while index < work.count {
                var end = min(work.count, index + batchSize)
                if index < finalStart, end > finalStart { end = finalStart }
                var batch = IngestSummary()
                var batchBytes = 0
                // A batch is first written without a savepoint per article (see `write`); if one article
                // fails, the whole transaction is rolled back and the batch written again with savepoints,
                // its inputs prepared again, so the failure costs that article only.
                var savepoints = false
                var taken = index // inputs before this one were taken from the pipeline
                while true {
                    do {
                        try writeBatch { db in
                            batch = IngestSummary()
                            batchBytes = 0
                            // The LSH rows owed so far go first in the last batch, while the parsing
                            // threads still have its articles to do; only its own rows are left for
                            // its end.
                            if index == finalStart, index > 0 { try writer.finish(db) }
                            for i in index..<end {
                                let outcome: Outcome
                                if i < taken {
                                    outcome = Self.prepareOne(work[i], parser: parser, known: snapshot)
                                } else {
                                    outcome = pipeline.take(i)
                                    taken = i + 1
                                }
                                if case let .ready(_, _, size, _, _, _) = outcome { batchBytes += size }
                                try self.write(outcome, writer: writer, sources: &sources, summary: &batch, savepoint: savepoints, db)
                                try indexIfDue(writer, savepoints: savepoints, db)
                                if (i + 1 - index) % 250 == 0, i + 1 < end {
                                    onProgress?(IngestProgress(done: i + 1, total: total, bytes: bytes + batchBytes,
                                                               elapsed: Date().timeIntervalSince(start)))
                                }
                            }
                            try writer.flushIndex(db)
                            // The owed LSH rows go with the last batch: one commit and one
                            // checkpoint pass less at the end, when nothing runs beside them.
                            if end == work.count { try writer.finish(db) }
                        }
                    } catch is RetryWithSavepoints where !savepoints {
                        writer.reset()
                        sources.rollBack()
                        savepoints = true
                        continue
                    } catch {
                        writer.reset()
                        throw error
                    }
                    break
                }
                sources.commit()
                summary.merge(batch)
                bytes += batchBytes
                for failure in batch.failures { onFailure?(failure) }
                for warning in batch.warnings { onWarning?(warning) }
                onProgress?(IngestProgress(done: end, total: total, bytes: bytes, elapsed: Date().timeIntervalSince(start)))
                index = end
            }
            summary.bytes = bytes
            bucketIndexRestarts = writer.bucketIndexRestarts
            // The run's log line (and, for a run with nothing to write, the LSH rows an earlier run
            // owes; otherwise the last batch wrote them).
            try writeBatch { db in
                if work.isEmpty { try writer.finish(db) }
                try writer.log(file: "", outcome: "run", message: summary.line, db)
            }
        }
        return summary
    }

    /// Sets up `writer` for a run of `inputs` inputs. The run's own LSH bucket rows are held in memory
    /// (`BucketIndex`) and written to `lsh` once, at its end, rather than at every commit. When the
    /// inputs are many compared with the corpus, the stored rows are loaded too (loading them costs
    /// about as much as the queries of one input in twenty); otherwise they are queried per article.
    func configure(_ writer: ArticleWriter, inputs: Int) throws {
        let use: ArticleWriter.BucketIndexUse
        if let forced = bucketIndexMode {
            use = forced
        } else {
            let stored = try store.read { db in try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM article") } ?? 0
            use = Int64(inputs) * 20 >= stored ? .loaded : .chained
        }
        writer.useBucketIndex(use, maximumRows: bucketIndexRows)
    }

    /// The most LSH bucket rows (about 16 per article) the run holds in memory to find near-duplicate
    /// candidates, ~46 bytes each; past that they are written to the database, looked up there, and
    /// the run's next rows held afresh. The default, 16 million, holds a million-article run's.
    public var bucketIndexRows = Ingester.defaultBucketIndexRows
    public static let defaultBucketIndexRows = BucketIndex.maximumRows

    /// How many times the last run's bucket index was full, written out and started again (see
    /// `bucketIndexRows`); each time costs a sorted write of the rows held and makes later lookups query
    /// the database.
    public private(set) var bucketIndexRestarts = 0

    /// Tests force one way of finding near-duplicate candidates (nil: chosen by `configure`).
    var bucketIndexMode: ArticleWriter.BucketIndexUse?

    /// Runs `body` with the writer connection set for a long run of large transactions: a bigger page
    /// cache (the B-trees an ingest updates at random — LSH buckets, the id index, mentions by entity —
    /// outgrow the default at 100k articles) and checkpoints by a `WALCheckpointer` beside the writer,
    /// which rewinds the WAL past 256 MB instead of 4 MB. Foreign keys are not enforced meanwhile: the
    /// writer inserts an article's rows right after the article and deletes them itself
    /// (`ArticleWriter.delete`), and each check was a B-tree seek (callgrind, 3,000 articles: the
    /// writer's instructions −4.5%). Durability and crash safety are unchanged: every batch is still
    /// one committed WAL transaction. Write each batch through `writeBatch`.
    func bulkWriting<T>(_ body: () throws -> T) throws -> T {
        let checkpointer: WALCheckpointer
        do {
            checkpointer = try WALCheckpointer(path: store.path, limit: checkpointLimit)
            try store.pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = \(Self.bulkCacheSize)")
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                checkpointer.attach(to: db)
            }
        } catch {
            throw StoreError.wrap(error, path: store.path)
        }
        self.checkpointer = checkpointer
        defer {
            try? store.pool.writeWithoutTransaction { db in
                checkpointer.detach(from: db)
                try db.execute(sql: "PRAGMA foreign_keys = ON")
                try db.execute(sql: "PRAGMA cache_size = \(CorpusStore.cacheSize)")
            }
            checkpointer.stop()
            self.checkpointer = nil
        }
        return try body()
    }

    /// The inputs at the end of a run written as a batch of their own. Once the parsing threads are
    /// done, the writer works alone: on the rest of its backlog (about a hundred articles at 10k), the
    /// last commit and the checkpoint of that commit. A short last batch keeps the last two small;
    /// the commit before it happens while the parsing threads still have work, and so does the
    /// catch-up of the LSH rows owed so far, which the last batch starts with. (10k, phase timings:
    /// from the parsing threads' end to the run's end ~250 → ~200 ms with the batch, → ~165 ms with
    /// the catch-up at its start; 20 alternating runs: median wall 0.966 of the run without the
    /// batch, `bench/ab_ingest.sh`.)
    var finalBatchSize = 512

    /// Articles whose full-text changes are handed to FTS5 together within a batch: half the parsing
    /// window, so the parsing threads have room to work while the writer indexes (10k, 6 alternating
    /// runs: median 3.96 s indexing once per 2,000-article batch, 3.60 s every 192 articles). FTS5 only
    /// gathers the terms in memory here; it writes them out as one segment at the batch's commit
    /// (`Schema.v10`).
    var fullTextChunk = 192

    /// Hands the queued full-text changes to FTS5 once `fullTextChunk` have gathered (not while each
    /// article has a savepoint of its own: flushed changes would outlive a rolled-back savepoint).
    func indexIfDue(_ writer: ArticleWriter, savepoints: Bool, _ db: Database) throws {
        if !savepoints, writer.pendingFullText >= fullTextChunk { try writer.flushFullText(db) }
    }

    /// The writer's page cache during `bulkWriting` (`PRAGMA cache_size`; negative: KiB). 64 MB holds the
    /// B-trees an ingest updates at random (id, path and date indexes, mentions by entity: ~25 MB at
    /// 100k articles); at 128 MB most of the cache held body pages written once, and every page of it
    /// was a fresh page fault (10k, 6 alternating runs with freed memory kept: median 3.17 s at 128 MB,
    /// 2.79 s at 32 MB; 100k, 2 rounds: 36.9/33.2 s at 128 MB, 34.9/27.6 s at 64 MB).
    static let bulkCacheSize = -65_536

    /// Checkpoints during `bulkWriting`.
    private var checkpointer: WALCheckpointer?
    /// WAL frames (pages) past which a batch waits for the checkpoint to finish, so that the WAL is
    /// rewound (tests make it small). 256 MB: each wait is for the last batch's copy and two syncs,
    /// about 0.3 s on this machine; at 64 MB a 100k-article ingest sampled the writer idle behind
    /// them in 33 of 276 quarter-seconds, at 256 MB in 12 of 271.
    var checkpointLimit = 65_536

    /// One batch's transaction: inside `bulkWriting`, started once the WAL can be rewound; its commit
    /// queues a checkpoint beside the next batch (see `WALCheckpointer`).
    func writeBatch(_ body: (Database) throws -> Void) throws {
        checkpointer?.settle()
        try store.write(body)
    }

    private func planJSONLines(_ path: String, size: Int, mtime: Double, known: [String: Known], lineCounts: [String: Int],
                               into work: inout [Work], summary: inout IngestSummary) {
        guard let data = FileManager.default.contents(atPath: path) else {
            work.append(.failure(key: path, message: "\(path): cannot read"))
            return
        }
        let hash = ContentHash.hex(data)
        if let k = known[path], k.hash == hash {
            summary.unchanged += max(1, lineCounts[path] ?? 0)
            work.append(.fileDone(path: path, hash: hash, size: size, mtime: mtime))
            return
        }
        guard let text = String(data: data, encoding: .utf8) else {
            work.append(.failure(key: path, message: "\(path): not UTF-8 text (JSON Lines must be UTF-8)"))
            return
        }
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            work.append(.line(key: "\(path):\(number)", number: number, text: trimmed, mtime: mtime))
        }
        work.append(.fileDone(path: path, hash: hash, size: size, mtime: mtime))
    }

    /// A file's size and modification time as recorded in `source_file` (0 when unreadable).
    static func sizeAndTime(_ path: String) -> (size: Int, mtime: Double) {
        let known = PageFile.sizeAndTime(path)
        return (known?.size ?? 0, known?.modified ?? 0)
    }

    static func prepareOne(_ item: Work, parser: ArticleParser, known: [String: Known]) -> Outcome {
        switch item {
        case let .failure(key, message):
            return .failed(key: key, message: message)
        case let .fileDone(path, hash, size, mtime):
            return .fileDone(path: path, hash: hash, size: size, mtime: mtime)
        case let .file(path, knownTime):
            let file: PageFile
            do {
                file = try PageFile.read(path)
            } catch {
                let why = switch error {
                case let .unreadable(reason): reason
                case let .tooLarge(bytes): "\(bytes) bytes"
                }
                return .failed(key: path, message: "\(path): cannot read: \(why)")
            }
            let data = file.data
            let mtime = knownTime ?? file.modified
            let hash = ContentHash.hex(data)
            if let k = known[path], k.hash == hash, k.article != nil {
                return .unchanged(key: path, size: data.count, mtime: mtime)
            }
            do {
                let page = try parser.parse(data: data, path: path)
                let prepared = PreparedArticle(article: page.article, rawText: page.text, parserVersion: ArticleParser.version)
                return .ready(key: path, hash: hash, size: data.count, mtime: mtime, prepared, warnings: page.warnings)
            } catch let error as ParseError {
                return .failed(key: path, message: error.description)
            } catch {
                return .failed(key: path, message: "\(path): \(error)")
            }
        case let .line(key, number, text, mtime):
            let hash = ContentHash.hex(text)
            if let k = known[key], k.hash == hash, k.article != nil {
                return .unchanged(key: key, size: text.utf8.count, mtime: mtime)
            }
            let record: JSONLine
            do {
                record = try JSONLine.decode(text)
            } catch {
                return .failed(key: key, message: "\(key): bad JSON Lines record: \(error)")
            }
            _ = number
            let page = parser.parse(text: record.text, path: record.url ?? key, hints: record.hints)
            var article = page.article
            if article.id.isEmpty { article.id = ContentHash.hex(record.text) }
            let prepared = PreparedArticle(article: article, rawText: page.text, parserVersion: ArticleParser.version, hints: record.hints)
            return .ready(key: key, hash: hash, size: text.utf8.count, mtime: mtime, prepared, warnings: page.warnings)
        }
    }

    // MARK: - Writing

    /// Stores one prepared input inside the caller's transaction (with `savepoint`, each article in its
    /// own savepoint, so a constraint failure costs that article only; without, such a failure throws
    /// `RetryWithSavepoints` and the caller rolls back and writes the batch again with savepoints: a
    /// savepoint copies every page the article touches to a sub-journal, ~10% of the writer's time).
    /// Its full-text index change stays queued in `writer` until `writer.flushIndex(db)`.
    func write(_ outcome: Outcome, writer: ArticleWriter, sources: inout KnownSources, summary: inout IngestSummary,
               savepoint: Bool = true, _ db: Database) throws {
        switch outcome {
        case let .unchanged(key, size, mtime):
            summary.unchanged += 1
            try db.cachedStatement(sql: "UPDATE source_file SET size = ?, mtime = ? WHERE path = ?").execute(arguments: [size, mtime, key])
        case let .failed(key, message):
            summary.failed += 1
            summary.failures.append(message)
            try writer.log(file: key, outcome: "failed", message: message, db)
            sources.markFailed(key)
        case let .fileDone(path, hash, size, mtime):
            try recordSource(path: path, article: nil, hash: hash, size: size, mtime: mtime, writer: writer, db)
            sources.record(Known(hash: hash, size: size, mtime: mtime, article: nil), for: path)
        case let .ready(key, hash, size, mtime, prepared, warnings):
            // Reported once the batch commits: a batch written again with savepoints must not repeat them.
            summary.warnings += warnings.map { "\(key): \($0)" }
            if !savepoint {
                let article: Int64
                do {
                    article = try store(prepared, key: key, known: sources[key], writer: writer, summary: &summary, db)
                    try recordSource(path: key, article: article, hash: hash, size: size, mtime: mtime, writer: writer, db)
                    if sources.hasFailed(key) {
                        try db.execute(sql: "DELETE FROM ingest_log WHERE file = ? AND outcome = 'failed'", arguments: [key])
                    }
                } catch let error as DatabaseError where ![.SQLITE_FULL, .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_CORRUPT].contains(error.resultCode) {
                    throw RetryWithSavepoints()
                }
                sources.record(Known(hash: hash, size: size, mtime: mtime, article: article), for: key)
                sources.clearFailed(key)
                return
            }
            let mark = writer.indexMark
            let before = summary
            do {
                // The article's savepoint, through cached statements (GRDB's inSavepoint prepares its
                // SAVEPOINT/RELEASE statements on every call).
                let begin = try RawStatement(db, "SAVEPOINT dateline_article")
                try begin.run(db)
                do {
                    let article = try store(prepared, key: key, known: sources[key], writer: writer, summary: &summary, db)
                    try recordSource(path: key, article: article, hash: hash, size: size, mtime: mtime, writer: writer, db)
                    if sources.hasFailed(key) {
                        try db.execute(sql: "DELETE FROM ingest_log WHERE file = ? AND outcome = 'failed'", arguments: [key])
                    }
                    try RawStatement(db, "RELEASE SAVEPOINT dateline_article").run(db)
                    sources.record(Known(hash: hash, size: size, mtime: mtime, article: article), for: key)
                    sources.clearFailed(key)
                } catch {
                    try? RawStatement(db, "ROLLBACK TO SAVEPOINT dateline_article").run(db)
                    try? RawStatement(db, "RELEASE SAVEPOINT dateline_article").run(db)
                    throw error
                }
            } catch let error as DatabaseError where ![.SQLITE_FULL, .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_CORRUPT].contains(error.resultCode) {
                summary = before
                writer.rollbackIndex(to: mark)
                writer.resetCaches()
                let message = "\(key): cannot store: \(error.message ?? "\(error.resultCode)")"
                summary.failed += 1
                summary.failures.append(message)
                try writer.log(file: key, outcome: "failed", message: message, db)
            }
        }
    }

    /// Stores one parsed article; returns the key of the article the source now points at.
    private func store(_ p: PreparedArticle, key: String, known: Known?, writer: ArticleWriter,
                       summary: inout IngestSummary, _ db: Database) throws -> Int64 {
        let lookup = try RawStatement(db, "SELECT rowid FROM article WHERE id = ?")
        lookup.bind(1, p.article.id)
        let sameContent = try lookup.int64(db)
        if let old = known?.article {
            if sameContent == nil || sameContent == old {
                // The file changed: update its article in place.
                try writer.replace(key: old, with: p, db)
                if let signature = p.signature,
                   try writer.linkNearDuplicate(key: old, signature: signature, bandKeys: p.bandKeys, date: p.article.date, db) != nil {
                    summary.nearDuplicates += 1
                }
                summary.updated += 1
                try writer.log(file: key, outcome: "updated", message: "article \(p.article.id)", db)
                return old
            }
            // The file now holds a copy of another stored article.
            let other = sameContent!
            summary.duplicate += 1
            try writer.log(file: key, outcome: "duplicate", message: "now the same as article \(p.article.id)", db)
            let users = try Int.fetchOne(db, sql: "SELECT count(*) FROM source_file WHERE article = ? AND path != ?", arguments: [old, key]) ?? 0
            if users == 0 { try writer.delete(key: old, db) }
            return other
        }
        if let other = sameContent {
            summary.duplicate += 1
            let firstPath = try String.fetchOne(db, sql: "SELECT path FROM article WHERE rowid = ?", arguments: [other]) ?? "?"
            try writer.log(file: key, outcome: "duplicate", message: "same content as \(p.article.id) (\(firstPath))", db)
            return other
        }
        let new = try writer.insert(p, db)
        if let signature = p.signature,
           let original = try writer.linkNearDuplicate(key: new, signature: signature, bandKeys: p.bandKeys, date: p.article.date, db) {
            summary.nearDuplicates += 1
            try writer.log(file: key, outcome: "near-duplicate", message: "article \(p.article.id) is a near-duplicate of \(original)", db)
        }
        summary.added += 1
        return new
    }

    private func recordSource(path: String, article: Int64?, hash: String, size: Int, mtime: Double, writer: ArticleWriter, _ db: Database) throws {
        let statement = try RawStatement(db, """
        INSERT INTO source_file (path, article, hash, size, mtime, ingested_at) VALUES (?,?,?,?,?,?)
        ON CONFLICT (path) DO UPDATE SET article = excluded.article, hash = excluded.hash, size = excluded.size,
            mtime = excluded.mtime, ingested_at = excluded.ingested_at
        """)
        statement.bind(1, path)
        statement.bind(2, article)
        statement.bind(3, hash)
        statement.bind(4, size)
        statement.bind(5, mtime)
        statement.bind(6, writer.timestamp)
        try statement.run(db)
    }

    private func loadKnown() throws -> ([String: Known], [String: Int], Set<String>) {
        try store.read { db in
            var known: [String: Known] = [:]
            var lineCounts: [String: Int] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT path, hash, size, mtime, article FROM source_file")
            while let row = try cursor.next() {
                let path: String = row[0]
                known[path] = Known(hash: row[1], size: row[2], mtime: row[3], article: row[4])
                if let colon = path.lastIndex(of: ":"), path[path.index(after: colon)...].allSatisfy(\.isNumber),
                   path.index(after: colon) < path.endIndex {
                    lineCounts[String(path[..<colon]), default: 0] += 1
                }
            }
            let failed = try String.fetchSet(db, sql: "SELECT DISTINCT file FROM ingest_log WHERE outcome = 'failed'")
            return (known, lineCounts, failed)
        }
    }
}

/// Thrown when an article fails outside a savepoint: roll the batch back and write it with savepoints.
struct RetryWithSavepoints: Error {}

extension IngestSummary {
    mutating func merge(_ other: IngestSummary) {
        added += other.added; updated += other.updated; unchanged += other.unchanged
        duplicate += other.duplicate; failed += other.failed; nearDuplicates += other.nearDuplicates
        failures += other.failures
        warnings += other.warnings
    }
}

/// One JSON Lines record: the page text plus what the scraper already knew.
struct JSONLine: Decodable {
    var text: String
    var title: String?
    var date: String?
    var url: String?
    var source: String?
    var lang: String?

    var hints: PageHints { PageHints(title: title, date: date, url: url, source: source, lang: lang) }

    static func decode(_ line: String) throws -> JSONLine {
        do {
            let record = try JSONDecoder().decode(JSONLine.self, from: Data(line.utf8))
            if record.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw Message("empty \"text\"") }
            return record
        } catch let error as Message {
            throw error
        } catch DecodingError.keyNotFound(let key, _) {
            throw Message("missing \"\(key.stringValue)\"")
        } catch DecodingError.typeMismatch(_, let context) {
            throw Message("wrong type for \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\"")
        } catch {
            throw Message("not a JSON object")
        }
    }

    struct Message: Error, CustomStringConvertible {
        var description: String
        init(_ text: String) { description = text }
    }
}
