import Foundation
import GRDB
import GRDBSQLite

/// The committed LSH bucket rows (`lsh`) held in memory during a large ingest, so the near-duplicate
/// candidates of each new article come from sixteen binary searches instead of a sixteen-seek query
/// on the writer thread. Gives exactly the rows `SELECT article FROM lsh WHERE bucket IN (...)` would.
///
/// Loaded once from `lsh` (in bucket order, as stored), then kept in step by the owning `ArticleWriter`:
/// rows it flushes are added, articles it replaces or deletes are removed. Anything that may have been
/// rolled back makes the writer drop the index and query SQLite again.
final class BucketIndex {
    /// Rows loaded from `lsh`, sorted by bucket then article.
    private var buckets: [Int64] = []
    private var articles: [Int64] = []
    /// Articles whose loaded rows were deleted since loading.
    private var removed: Set<Int64> = []
    /// Rows written since loading, chained by bucket: the newest row of each bucket, and for each row its
    /// article (`dead` once removed) and the row before it in the same bucket (-1: none). Flat arrays
    /// rather than an array per bucket: a 100k-article run adds 1.6M rows, and allocating (and
    /// releasing) a small array for nearly every one of them was a visible share of the writer's time.
    private var newestRow: [Int64: Int32] = [:]
    private var rowArticle: [Int64] = []
    private var previousRow: [Int32] = []
    /// The rows each article added, as a range of row numbers (an article's rows are added together).
    private var rowsOfArticle: [Int64: Range<Int32>] = [:]
    private static let dead = Int64.min

    /// The most rows worth holding in memory (16 bytes each: 128 MB, a corpus of about 500k articles).
    static let maximumRows = 8_000_000

    /// Loads every row of `lsh`; nil when there are more than `maximumRows`.
    static func load(_ db: Database) throws -> BucketIndex? {
        let index = BucketIndex()
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

    /// Appends the articles stored under each of `bucketKeys`, except `key`, to `candidates`
    /// (in no particular order, an article once per shared bucket, as the query gives them).
    func candidates(_ bucketKeys: [Int64], excluding key: Int64, into candidates: inout [Int64]) {
        buckets.withUnsafeBufferPointer { buckets in
            articles.withUnsafeBufferPointer { articles in
                for bucket in bucketKeys {
                    var low = 0, high = buckets.count
                    while low < high {
                        let middle = (low + high) / 2
                        if buckets[middle] < bucket { low = middle + 1 } else { high = middle }
                    }
                    while low < buckets.count, buckets[low] == bucket {
                        let article = articles[low]
                        if article != key, removed.isEmpty || !removed.contains(article) { candidates.append(article) }
                        low += 1
                    }
                }
            }
        }
        guard !newestRow.isEmpty else { return }
        rowArticle.withUnsafeBufferPointer { articles in
            previousRow.withUnsafeBufferPointer { previous in
                for bucket in bucketKeys {
                    var row = newestRow[bucket] ?? -1
                    while row >= 0 {
                        let article = articles[Int(row)]
                        if article != key && article != Self.dead { candidates.append(article) }
                        row = previous[Int(row)]
                    }
                }
            }
        }
    }

    /// Records rows just written to `lsh` (or owed to it, see `BandTable`).
    func add(bucket: Int64, article: Int64) {
        let row = Int32(rowArticle.count)
        rowArticle.append(article)
        previousRow.append(newestRow.updateValue(row, forKey: bucket) ?? -1)
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

    private func kill(_ rows: Range<Int32>) {
        for row in rows { rowArticle[Int(row)] = Self.dead }
    }
}
