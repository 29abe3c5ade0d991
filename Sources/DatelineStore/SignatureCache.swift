import Foundation
import GRDB
import GRDBSQLite

/// The near-duplicate signatures (`minhash.signature`) the writer compares against, kept in memory by
/// article key: on 100k synthetic articles a new article shares an LSH band with about a hundred stored
/// ones, and reading each candidate's signature back from SQLite was the writer's largest cost.
/// Filled as signatures are written and, for articles stored by earlier runs, on first use.
/// Owned by one `ArticleWriter` (one thread); clear it whenever rows may have been rolled back.
final class SignatureCache {
    /// At most this many signatures (512 bytes each: 128 MB); beyond it, misses are read every time.
    let capacity: Int
    private var values: [UInt64] = []
    private var slots: [Int64: Int32] = [:]

    init(capacity: Int = 262_144) {
        self.capacity = capacity
    }

    func removeAll() {
        values.removeAll(keepingCapacity: true)
        slots.removeAll(keepingCapacity: true)
    }

    /// Records (or replaces) an article's signature.
    func set(_ key: Int64, _ signature: [UInt64]) {
        guard signature.count == MinHash.hashCount else { return }
        if let slot = slots[key] {
            let base = Int(slot) * MinHash.hashCount
            values.replaceSubrange(base..<(base + MinHash.hashCount), with: signature)
        } else if values.count / MinHash.hashCount < capacity {
            slots[key] = Int32(values.count / MinHash.hashCount)
            values.append(contentsOf: signature)
        }
    }

    /// Forgets an article (replaced without a signature, or deleted).
    func remove(_ key: Int64) {
        guard let slot = slots.removeValue(forKey: key) else { return }
        // The slot stays allocated but unreachable (slots are never renumbered).
        let base = Int(slot) * MinHash.hashCount
        for i in base..<(base + MinHash.hashCount) { values[i] = 0 }
    }

    /// Calls `body` with the stored signature of `key` (from memory, else from `minhash`), or not at all
    /// when the article has none.
    func withSignature(_ key: Int64, _ db: Database, _ body: (UnsafeBufferPointer<UInt64>) -> Void) throws {
        if let slot = slots[key] {
            values.withUnsafeBufferPointer { all in
                body(UnsafeBufferPointer(rebasing: all[(Int(slot) * MinHash.hashCount)..<((Int(slot) + 1) * MinHash.hashCount)]))
            }
            return
        }
        let load = try db.cachedStatement(sql: "SELECT signature FROM minhash WHERE article = ?")
        let handle = load.sqliteStatement
        sqlite3_bind_int64(handle, 1, key)
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return }
        guard code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) })
        }
        guard sqlite3_column_bytes(handle, 0) == Int32(MinHash.hashCount * 8), let blob = sqlite3_column_blob(handle, 0) else { return }
        let signature = (0..<MinHash.hashCount).map { UnsafeRawPointer(blob).loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) }
        set(key, signature)
        signature.withUnsafeBufferPointer(body)
    }
}
