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
    /// Rows written since loading, by bucket, and the buckets of each such article.
    private var added: [Int64: [Int64]] = [:]
    private var addedBuckets: [Int64: [Int64]] = [:]

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
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) })
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
        guard !added.isEmpty else { return }
        for bucket in bucketKeys {
            if let list = added[bucket] { candidates.append(contentsOf: list.lazy.filter { $0 != key }) }
        }
    }

    /// Records rows just written to `lsh`.
    func add(bucket: Int64, article: Int64) {
        added[bucket, default: []].append(article)
        addedBuckets[article, default: []].append(bucket)
    }

    /// Forgets an article's rows (deleted from `lsh`).
    func remove(_ article: Int64) {
        removed.insert(article)
        guard let list = addedBuckets.removeValue(forKey: article) else { return }
        for bucket in list {
            guard var articles = added[bucket] else { continue }
            articles.removeAll { $0 == article }
            added[bucket] = articles.isEmpty ? nil : articles
        }
    }
}
