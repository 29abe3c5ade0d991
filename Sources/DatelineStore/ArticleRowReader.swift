import DatelineCore
import GRDB
import GRDBSQLite

/// Reads `ArticleRow`s straight from SQLite's result columns (the C API on a statement GRDB
/// prepared and owns), for full scans of the corpus.
///
/// A scan reads every article's row, body included; going through GRDB's `Row` copied each value
/// into a boxed `DatabaseValue` and decoded it again through generic code, which cost more CPU
/// than SQLite's own work. Each text column here is decoded once into a `String`, except the body,
/// which is kept as its bytes (`ArticleRow.bodyUTF8`).
enum ArticleRowReader {
    /// The rows `sql` (selecting `ArticleRow.columns`) returns with `arguments`.
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments) throws -> [ArticleRow] {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var rows: [ArticleRow] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_ROW {
                rows.append(ArticleRow(columnsOf: handle))
            } else if code == SQLITE_DONE {
                return rows
            } else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
            }
        }
    }
}

extension ArticleRow {
    /// The current result row of `handle`, whose columns are `ArticleRow.columns`.
    init(columnsOf handle: OpaquePointer) {
        func text(_ column: Int32) -> String? {
            guard sqlite3_column_type(handle, column) != SQLITE_NULL, let bytes = sqlite3_column_text(handle, column) else {
                return nil
            }
            let count = Int(sqlite3_column_bytes(handle, column))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
        func bytes(_ column: Int32) -> [UInt8] {
            guard let bytes = sqlite3_column_blob(handle, column) else { return [] }
            return Array(UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))))
        }
        func integer(_ column: Int32) -> Int64? {
            sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
        }
        key = integer(0) ?? 0
        id = text(1) ?? ""
        path = text(2)
        lang = text(3)
        title = text(4)
        section = text(5)
        author = text(6)
        sources = SourceList.decode(text(7))
        dateline = text(8)
        date = text(9)
        datetime = text(10)
        dateConfidence = DateConfidence(rawValue: text(11) ?? "none") ?? .none
        dateText = text(12)
        lede = text(13)
        bodyUTF8 = bytes(14)  // written from a Swift String: valid UTF-8
        wordCount = Int(integer(15) ?? 0)
        duplicateOf = text(16)
        parserVersion = Int(integer(17) ?? 0)
        ingestedAt = text(18) ?? ""
    }
}
