import Foundation
import GRDB
import GRDBSQLite

/// A statement from GRDB's per-connection cache, bound and stepped through the SQLite C API.
///
/// The ingest writer runs about a hundred small statements per article (mentions, LSH buckets, …);
/// going through `StatementArguments` (an array of boxed values per call, validation, observation
/// hooks) cost more CPU than SQLite's own work for those rows. Only for statements that return no
/// rows and that only this code steps; GRDB still owns (and finalizes) the statement.
struct RawStatement {
    let handle: OpaquePointer
    let sql: String

    init(_ db: Database, _ sql: String) throws {
        handle = try db.cachedStatement(sql: sql).sqliteStatement
        self.sql = sql
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: Int) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: Double) {
        sqlite3_bind_double(handle, index, value)
    }

    /// Binds text (an empty string stays an empty string, not NULL); SQLite copies the bytes.
    @inline(__always)
    func bind(_ index: Int32, _ value: String?) {
        guard var value else { sqlite3_bind_null(handle, index); return }
        _ = value.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), sqliteTransient)
            } else {
                sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
            }
        }
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: Data) {
        value.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), sqliteTransient)
        }
    }

    /// Binds bytes as a blob (nil binds NULL; so does an empty array).
    @inline(__always)
    func bind(_ index: Int32, _ value: [UInt8]?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        value.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), sqliteTransient)
        }
    }

    /// The first column of the first row as an integer (nil when there is no row or it is NULL); resets.
    func int64(_ db: Database) throws -> Int64? {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW {
            let value: Int64? = sqlite3_column_type(handle, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 0)
            sqlite3_reset(handle)
            return value
        }
        if code == SQLITE_DONE {
            sqlite3_reset(handle)
            return nil
        }
        let extended = db.sqliteConnection.map { sqlite3_extended_errcode($0) } ?? code
        let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
        sqlite3_reset(handle)
        throw DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: sql)
    }

    /// Runs the statement to completion and resets it; throws `DatabaseError` like GRDB would.
    func run(_ db: Database) throws {
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE || code == SQLITE_ROW {
            sqlite3_reset(handle)
            return
        }
        let extended = db.sqliteConnection.map { sqlite3_extended_errcode($0) } ?? code
        let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
        sqlite3_reset(handle)
        throw DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: sql)
    }
}

/// SQLite's SQLITE_TRANSIENT: the library copies bound bytes before the call returns.
let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

extension RawStatement {
    /// Inserts `count` rows through `insert` (an `INSERT … VALUES ` prefix), `columns` values a row:
    /// `perStatement` rows per statement (one statement's setup — transaction and schema checks, cursor
    /// opening — for many rows), the rest one by one. `bind` binds row `row` from parameter `first` on.
    static func insertRows(_ db: Database, _ insert: String, columns: Int, perStatement: Int, count: Int,
                           bind: (_ statement: RawStatement, _ first: Int32, _ row: Int) -> Void) throws {
        let tuple = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        var row = 0
        if count >= perStatement {
            let many = try RawStatement(db, insert + Array(repeating: tuple, count: perStatement).joined(separator: ","))
            while row + perStatement <= count {
                for k in 0..<perStatement { bind(many, Int32(k * columns + 1), row + k) }
                try many.run(db)
                row += perStatement
            }
        }
        guard row < count else { return }
        let one = try RawStatement(db, insert + tuple)
        while row < count {
            bind(one, 1, row)
            try one.run(db)
            row += 1
        }
    }
}

/// The error SQLite reported for `code` on `db`'s connection, as GRDB would throw it.
func sqliteError(_ code: Int32, _ db: Database) -> DatabaseError {
    DatabaseError(resultCode: ResultCode(rawValue: code), message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) })
}
