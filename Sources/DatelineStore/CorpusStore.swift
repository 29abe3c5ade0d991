import CSQLiteConfig
import Foundation
import GRDB

/// A Dateline corpus database: articles, their parts, entities, tags and the full-text index.
///
/// Open one with `CorpusStore(path:)`; it checks the file is a Dateline corpus (without modifying
/// anything that is not), migrates older schemas, and refuses databases from a newer Dateline.
/// Reads go through the WAL pool's readers, so they never block on (or get "locked" by) an ingest.
/// All methods are safe to call from any thread.
public final class CorpusStore: @unchecked Sendable {
    /// The database file.
    public let path: String
    /// The GRDB pool; exposed for tools and tests that need raw SQL.
    public let pool: DatabasePool
    /// True when the database was opened read-only (the file or its folder is not writable).
    public let isReadOnly: Bool
    /// Every connection's page cache (`PRAGMA cache_size`; negative: KiB), restored after a bulk ingest.
    static let cacheSize = -32_000

    /// Called with the path before an existing database is upgraded to the current schema, which
    /// rewrites tables and builds indexes and can take a while on a large corpus; the command line
    /// sets it to tell the user why the first command after an upgrade is slow. Set it once, early.
    nonisolated(unsafe) public static var upgradeNotice: ((String) -> Void)?

    /// Process-wide SQLite settings for a command that will use the store: turns off SQLite's memory
    /// statistics, which take a global mutex on every SQLite allocation and free (callgrind, 3,000-article
    /// ingest: 0.9% fewer instructions, all on the writer thread). Call it first thing in `main`, before
    /// any database is opened and while no other thread uses SQLite (`sqlite3_config` is not thread-safe);
    /// later it does nothing. Returns whether the setting took.
    @discardableResult
    public static func configureProcess() -> Bool {
        dateline_sqlite_disable_memstatus() == 0
    }

    /// How to open the database.
    public enum Mode: Sendable {
        /// Create the file if missing and migrate it to the current schema.
        case readWrite
        /// Never create or modify the file (the schema must already be current or older-but-readable).
        case readOnly
    }

    /// Opens (creating if needed, in `.readWrite` mode) the corpus at `path`.
    /// Throws `StoreError` for a non-SQLite file, a foreign SQLite database, or a newer schema.
    public init(path: String, mode: Mode = .readWrite) throws {
        self.path = path
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: path)
        if !exists, mode == .readOnly {
            throw StoreError(path: path, reason: .cannotOpen("no such file"))
        }
        var needsMigration = true
        if exists {
            needsMigration = try Self.inspect(path: path)
        }
        let writable = mode == .readWrite && (!exists || fm.isWritableFile(atPath: path))
            && fm.isWritableFile(atPath: (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent)
        if needsMigration && !writable {
            if mode == .readOnly && exists {
                // An older schema can still be read when nothing is missing for reads; otherwise refuse.
            } else {
                throw StoreError(path: path, reason: .readOnly)
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.readonly = !writable
        config.maximumReaderCount = 4
        config.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // SQLite's own default. Debian builds it with SECURE_DELETE, which zeroes every freed
                // page and writes it out: when FTS5 merges index segments during a 100k-article ingest
                // that nearly doubled the kernel time (2 alternating rounds: sys 12.9 -> 7.5 s, wall
                // 32.5 -> 28.4 s). Deleted text may stay in free pages until they are reused (`VACUUM`
                // rewrites the file without them).
                try db.execute(sql: "PRAGMA secure_delete = OFF")
                if TokenReplay.isEnabled { try TokenReplay.install(on: db) }
            }
            try db.execute(sql: "PRAGMA cache_size = \(CorpusStore.cacheSize)")
            SearchRank.register(db)
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            if writable {
                if exists && needsMigration { Self.upgradeNotice?(path) }
                try Schema.migrator().migrate(pool)
                try pool.write { db in
                    try db.execute(sql: "PRAGMA user_version = \(Schema.version)")
                }
            }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
        isReadOnly = !writable
    }

    /// Checks an existing file before anything writes to it. Returns whether migrations are pending.
    /// Uses a plain read-only connection so a foreign file is never modified.
    static func inspect(path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(path: path, reason: .cannotOpen("permission denied"))
        }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        try? handle.close()
        if header.isEmpty { return true } // an empty file: SQLite treats it as a new database
        guard header.count >= 16, header.prefix(16) == Data("SQLite format 3\0".utf8) else {
            throw StoreError(path: path, reason: .notSQLite)
        }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            return try queue.read { db -> Bool in
                let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if appID != Schema.applicationID {
                    let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                    if appID != 0 || tables > 0 {
                        throw StoreError(path: path, reason: .notDateline)
                    }
                    return true
                }
                let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                var applied: [String] = []
                if try db.tableExists("grdb_migrations") {
                    applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                }
                let unknown = applied.filter { !Schema.migrationIdentifiers.contains($0) }
                if userVersion > Schema.version || !unknown.isEmpty {
                    let found = unknown.isEmpty ? "\(userVersion)" : "\(max(userVersion, applied.count)) (\(unknown.joined(separator: ", ")))"
                    throw StoreError(path: path, reason: .newerSchema(found: found, known: Schema.version))
                }
                return applied.count < Schema.version
            }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// Runs `body` in a read transaction, mapping SQLite errors to `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw StoreError.wrap(error, path: path) }
    }

    /// Runs `body` in a write transaction, mapping SQLite errors to `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        if isReadOnly { throw StoreError(path: path, reason: .readOnly) }
        do { return try pool.write(body) } catch { throw StoreError.wrap(error, path: path) }
    }

    /// Runs SQLite's `PRAGMA integrity_check`; returns "ok" for a healthy database.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    /// Closes the pool's connections (optional; deinit also closes).
    public func close() throws {
        try pool.close()
    }
}
