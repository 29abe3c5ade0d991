import Foundation
import GRDB
import GRDBSQLite

/// The `lsh` table: one row per (LSH band key, article) of every stored signature, so the articles
/// sharing a band with a new one are a few index seeks away.
///
/// Its keys are random, so every row written lands on a different B-tree page: writing an article's
/// sixteen rows with it, batch after batch, rewrote most of the table at every commit and cost the
/// ingest writer more than full-text indexing. Rows may therefore lag behind `minhash`: the watermark
/// `meta.lsh_through` is an article key such that every article at or below it has all its rows and
/// those above it may have none. `catchUp` indexes what lies above it in one sorted pass (a large
/// ingest does this once, at its end, while it finds candidates in memory through `BucketIndex`);
/// anything that queries the table catches up first, so an interrupted ingest costs nothing but the
/// catch-up of the next run. The rows of one article are found from its signature (`MinHash.bandKeys`)
/// rather than through a second index by article.
enum BandTable {
    static let watermarkKey = "lsh_through"

    /// The watermark: articles with a key at or below it have all their rows in `lsh`.
    static func watermark(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?"),
                           arguments: [watermarkKey]) ?? 0
    }

    static func setWatermark(_ value: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .execute(arguments: [watermarkKey, String(value)])
    }

    /// Writes the rows of every signature above the watermark, sorted by band key (neighbouring keys share
    /// pages), and moves the watermark to the newest article. Returns the new watermark.
    @discardableResult
    static func catchUp(_ db: Database) throws -> Int64 {
        let from = try watermark(db)
        var rows: [(bucket: Int64, article: Int64)] = []
        let read = try db.makeStatement(sql: "SELECT article, signature FROM minhash WHERE article > ? ORDER BY article")
        let handle = read.sqliteStatement
        sqlite3_bind_int64(handle, 1, from)
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw sqliteError(code, db) }
            let article = sqlite3_column_int64(handle, 0)
            guard let signature = signatureValues(column: 1, of: handle).flatMap(MinHash.init(values:)) else { continue }
            for bucket in signature.bandKeys { rows.append((bucket, article)) }
        }
        try insert(&rows, db)
        let newest = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(rowid) FROM article")) ?? 0
        let through = max(from, newest)
        if through != from { try setWatermark(through, db) }
        return through
    }

    /// Inserts rows (sorted here by band key, then article); rows already present are kept.
    static func insert(_ rows: inout [(bucket: Int64, article: Int64)], _ db: Database) throws {
        guard !rows.isEmpty else { return }
        rows.sort { $0.bucket != $1.bucket ? $0.bucket < $1.bucket : $0.article < $1.article }
        try RawStatement.insertRows(db, "INSERT OR IGNORE INTO lsh (bucket, article) VALUES ", columns: 2, perStatement: 32,
                                    count: rows.count) { statement, first, row in
            statement.bind(first, rows[row].bucket); statement.bind(first + 1, rows[row].article)
        }
    }

    /// Deletes an article's rows, found from the signature it has in `minhash` (call before that row
    /// changes). Does nothing for an article without a signature.
    static func delete(article: Int64, _ db: Database) throws {
        guard let stored = try storedSignature(of: article, db).flatMap(MinHash.init(values:)) else { return }
        let delete = try RawStatement(db, "DELETE FROM lsh WHERE bucket = ? AND article = ?")
        for bucket in stored.bandKeys {
            delete.bind(1, bucket); delete.bind(2, article)
            try delete.run(db)
        }
    }

    /// An article's signature values as stored in `minhash` (nil when it has none).
    static func storedSignature(of article: Int64, _ db: Database) throws -> [UInt64]? {
        let read = try db.cachedStatement(sql: "SELECT signature FROM minhash WHERE article = ?")
        let handle = read.sqliteStatement
        sqlite3_bind_int64(handle, 1, article)
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw sqliteError(code, db) }
        return signatureValues(column: 0, of: handle)
    }

    /// The values of a `minhash.signature` column of the current row (nil when it is not a signature).
    private static func signatureValues(column: Int32, of handle: OpaquePointer) -> [UInt64]? {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count == MinHash.hashCount * 8, let blob = sqlite3_column_blob(handle, column) else { return nil }
        return MinHash.values(of: UnsafeRawBufferPointer(start: blob, count: count))
    }
}
