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
            guard code == SQLITE_ROW else { throw error(code, db) }
            let article = sqlite3_column_int64(handle, 0)
            guard let signature = signature(column: 1, of: handle) else { continue }
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
        // Thirty-two rows per statement: one statement's setup (transaction and schema checks, cursor
        // opening) for many rows; the rest one by one.
        let perStatement = 32
        let many = try RawStatement(db, "INSERT OR IGNORE INTO lsh (bucket, article) VALUES " +
                                        Array(repeating: "(?,?)", count: perStatement).joined(separator: ","))
        var i = 0
        while i + perStatement <= rows.count {
            for k in 0..<perStatement {
                many.bind(Int32(2 * k + 1), rows[i + k].bucket); many.bind(Int32(2 * k + 2), rows[i + k].article)
            }
            try many.run(db)
            i += perStatement
        }
        let one = try RawStatement(db, "INSERT OR IGNORE INTO lsh (bucket, article) VALUES (?,?)")
        while i < rows.count {
            one.bind(1, rows[i].bucket); one.bind(2, rows[i].article)
            try one.run(db)
            i += 1
        }
    }

    /// Deletes an article's rows, found from the signature it has in `minhash` (call before that row
    /// changes). Does nothing for an article without a signature.
    static func delete(article: Int64, _ db: Database) throws {
        let read = try db.cachedStatement(sql: "SELECT signature FROM minhash WHERE article = ?")
        let handle = read.sqliteStatement
        sqlite3_bind_int64(handle, 1, article)
        var stored: MinHash?
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { stored = signature(column: 0, of: handle) }
        sqlite3_reset(handle)
        guard code == SQLITE_ROW || code == SQLITE_DONE else { throw error(code, db) }
        guard let stored else { return }
        let delete = try RawStatement(db, "DELETE FROM lsh WHERE bucket = ? AND article = ?")
        for bucket in stored.bandKeys {
            delete.bind(1, bucket); delete.bind(2, article)
            try delete.run(db)
        }
    }

    private static func signature(column: Int32, of handle: OpaquePointer) -> MinHash? {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count == MinHash.hashCount * 8, let blob = sqlite3_column_blob(handle, column) else { return nil }
        return MinHash(blob: Data(bytes: blob, count: count))
    }

    private static func error(_ code: Int32, _ db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) })
    }
}
