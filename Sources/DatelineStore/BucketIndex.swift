import Foundation
import GRDB
import GRDBSQLite

/// The committed LSH bucket rows (`lsh`) held in memory during a large ingest, so the near-duplicate
/// candidates of each new article come from sixteen binary searches instead of sixteen queries on the
/// writer thread. Gives exactly the rows the queries would (`lowest(under:limit:excluding:into:)`).
///
/// Loaded once from `lsh` (in bucket order, as stored), then kept in step by the owning `ArticleWriter`:
/// rows it flushes are added, articles it replaces or deletes are removed. Anything that may have been
/// rolled back makes the writer drop the index and query SQLite again.
///
/// An index made by `chained()` holds no stored rows (`holdsStoredRows` false): only the rows added
/// since, which are not in `lsh` yet; the writer queries `lsh` for the rest. That is how a run on a
/// corpus too large to load keeps its own rows out of `lsh` until its end, and how a very large run
/// bounds its memory: once the index holds more than its writer's limit of rows, the writer writes
/// them all to `lsh` and goes on with a fresh chained index.
final class BucketIndex {
    /// Whether the rows stored in `lsh` when the index was made are in it (`load`), or must be queried.
    let holdsStoredRows: Bool

    /// Rows loaded from `lsh`, sorted by bucket then article.
    private var buckets: [Int64] = []
    private var articles: [Int64] = []
    /// Articles whose loaded rows were deleted since loading.
    private var removed: Set<Int64> = []
    /// Rows written since loading, chained by bucket oldest first: each bucket's chain, and for each row
    /// its article (`dead` once removed) and the next row in the same bucket (-1: none). Flat arrays
    /// rather than an array per bucket: a 100k-article run adds 1.6M rows, and allocating (and
    /// releasing) a small array for nearly every one of them was a visible share of the writer's time.
    private var chains: [Int64: Chain] = [:]
    private var rows: [ChainRow] = []
    /// The rows each article added, as a range of row numbers (an article's rows are added together).
    private var rowsOfArticle: [Int64: Range<Int32>] = [:]
    private static let dead = Int64.min

    /// A row added since loading: its article and the next row of its bucket (one load per step of a walk).
    private struct ChainRow {
        var article: Int64
        var next: Int32
    }

    /// One bucket's rows added since loading. New articles get ever higher keys, so a chain is nearly
    /// always `ascending` and its lowest keys are its first live rows; an article stored again under
    /// its old key (a changed file) breaks that, and such a bucket is read in full and sorted.
    /// Sixteen bytes (a bucket of one row is the common case: a million-article run holds millions).
    private struct Chain {
        var first: Int32
        /// `last`, or -`last` - 1 once the chain is no longer ascending.
        private var lastAndOrder: Int32
        var lastArticle: Int64

        init(first: Int32, last: Int32, lastArticle: Int64) {
            self.first = first
            lastAndOrder = last
            self.lastArticle = lastArticle
        }

        var last: Int32 {
            get { lastAndOrder >= 0 ? lastAndOrder : -lastAndOrder - 1 }
            set { lastAndOrder = ascending ? newValue : -newValue - 1 }
        }

        var ascending: Bool {
            get { lastAndOrder >= 0 }
            set { if newValue != ascending { lastAndOrder = -lastAndOrder - 1 } }
        }
    }

    /// Bytes per band key holding rows added since loading (tests keep it at 16).
    static var chainBytes: Int { MemoryLayout<Chain>.stride }

    /// The default limit on the rows an index holds, loaded and added (`ArticleWriter`): about 16 a
    /// stored article, so a million articles' rows, ~46 bytes each with the bucket table.
    static let maximumRows = 16_000_000

    private init(holdsStoredRows: Bool) {
        self.holdsStoredRows = holdsStoredRows
    }

    /// An index of the rows added from now on; the rows stored in `lsh` are to be queried.
    static func chained() -> BucketIndex {
        BucketIndex(holdsStoredRows: false)
    }

    /// Rows held: loaded and added (removed ones included until the index is dropped).
    var heldRows: Int { buckets.count + rows.count }

    /// Loads every row of `lsh`; nil when there are more than `maximumRows`.
    static func load(_ db: Database, maximumRows: Int = maximumRows) throws -> BucketIndex? {
        let index = BucketIndex(holdsStoredRows: true)
        let statement = try db.makeStatement(sql: "SELECT bucket, article FROM lsh ORDER BY bucket, article")
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw sqliteError(code, db)
            }
            if index.buckets.count >= maximumRows { return nil }
            index.buckets.append(sqlite3_column_int64(handle, 0))
            index.articles.append(sqlite3_column_int64(handle, 1))
        }
        return index
    }

    /// Appends the `limit` lowest article keys held under `bucket`, other than `key`, in ascending
    /// order, each once (all of them when there are fewer). For a loaded index that is exactly what
    /// `SELECT article FROM lsh WHERE bucket = ? AND article != ? ORDER BY article LIMIT ?` gives; for a
    /// chained one, the same among the rows added since it was made.
    func lowest(under bucket: Int64, limit: Int, excluding key: Int64, into candidates: inout [Int64]) {
        guard limit > 0 else { return }
        let start = candidates.count
        buckets.withUnsafeBufferPointer { buckets in
            articles.withUnsafeBufferPointer { articles in
                var low = 0, high = buckets.count
                while low < high {
                    let middle = (low + high) / 2
                    if buckets[middle] < bucket { low = middle + 1 } else { high = middle }
                }
                var taken = 0
                while low < buckets.count, buckets[low] == bucket, taken < limit {
                    let article = articles[low]
                    if article != key, removed.isEmpty || !removed.contains(article) {
                        candidates.append(article)
                        taken += 1
                    }
                    low += 1
                }
            }
        }
        guard let chain = chains[bucket] else { return }
        let loaded = candidates.count - start
        rows.withUnsafeBufferPointer { rows in
            var row = chain.first
            var taken = 0
            // An ascending chain yields its lowest keys first: `limit` of them are enough.
            while row >= 0, !chain.ascending || taken < limit {
                let article = rows[Int(row)].article
                if article != key && article != Self.dead {
                    candidates.append(article)
                    taken += 1
                }
                row = rows[Int(row)].next
            }
        }
        // Loaded rows and chained rows are each in order (or the chain is not), and may both hold an
        // article (one the run's first catch-up wrote to `lsh` while it was still queued).
        if candidates.count - start > loaded, loaded > 0 || !chain.ascending {
            Self.keepLowest(&candidates, from: start, limit: limit)
        }
    }

    /// Sorts `candidates[start...]`, drops repeated keys and keeps the lowest `limit`: one band key's
    /// share of the candidates when it comes from more than one place (loaded, chained, queued rows).
    static func keepLowest(_ candidates: inout [Int64], from start: Int, limit: Int) {
        guard candidates.count - start > 1 else { return }
        candidates[start...].sort()
        var write = start + 1
        for read in (start + 1)..<candidates.count where candidates[read] != candidates[write - 1] {
            candidates[write] = candidates[read]
            write += 1
        }
        candidates.removeSubrange(min(write, start + max(limit, 0))...)
    }

    /// Records rows just written to `lsh` (or owed to it, see `BandTable`).
    func add(bucket: Int64, article: Int64) {
        let row = Int32(rows.count)
        rows.append(ChainRow(article: article, next: -1))
        if let at = chains.index(forKey: bucket) {
            let last = chains.values[at].last
            rows[Int(last)].next = row
            chains.values[at].ascending = chains.values[at].ascending && article > chains.values[at].lastArticle
            chains.values[at].last = row
            chains.values[at].lastArticle = article
        } else {
            chains[bucket] = Chain(first: row, last: row, lastArticle: article)
        }
        if let rows = rowsOfArticle[article], rows.upperBound == row {
            rowsOfArticle[article] = rows.lowerBound..<(row + 1)
        } else {
            if let rows = rowsOfArticle[article] { kill(rows) } // added again: the earlier rows are stale
            rowsOfArticle[article] = row..<(row + 1)
        }
    }

    /// Forgets an article's rows (deleted from `lsh`).
    func remove(_ article: Int64) {
        removed.insert(article)
        if let rows = rowsOfArticle.removeValue(forKey: article) { kill(rows) }
    }

    private func kill(_ range: Range<Int32>) {
        for row in range { self.rows[Int(row)].article = Self.dead }
    }
}
