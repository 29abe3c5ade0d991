import Foundation
import GRDB

/// Why the store refused or failed an operation. `description` is the one-line message users see.
public struct StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        /// The file exists but is not an SQLite database.
        case notSQLite
        /// The file is an SQLite database made by something other than Dateline.
        case notDateline
        /// The database was written by a newer Dateline with schema changes this build does not know.
        case newerSchema(found: String, known: Int)
        /// The database (or its folder) cannot be written.
        case readOnly
        /// The disk is full.
        case diskFull
        /// The database is damaged.
        case corrupt
        /// The database file or its folder cannot be opened.
        case cannotOpen(String)
        /// No article matches an id, id prefix or path.
        case notFound(String)
        /// An id prefix matches more than one article.
        case ambiguous(String, [String])
        /// A search query the full-text engine rejected.
        case badQuery(String)
        /// Any other SQLite failure.
        case sqlite(String)
        /// The raw text kept for an article (by id) cannot be rebuilt from its stored delta and body.
        case damagedRawText(String)
    }

    /// The database file (or other thing) concerned.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .notSQLite:
            return "\(path): not an SQLite database (refusing to touch it)"
        case .notDateline:
            return "\(path): an SQLite database, but not a Dateline corpus (refusing to touch it)"
        case let .newerSchema(found, known):
            return "\(path): written by a newer Dateline (schema \(found); this build knows up to \(known)); upgrade Dateline to open it"
        case .readOnly:
            return "\(path): database is read-only (check file and folder permissions)"
        case .diskFull:
            return "\(path): disk full; nothing was lost, free some space and re-run"
        case .corrupt:
            return "\(path): database is damaged (SQLite reports corruption)"
        case let .cannotOpen(why):
            return "\(path): cannot open database: \(why)"
        case let .notFound(what):
            return "no article matches '\(what)' in \(path)"
        case let .ambiguous(what, ids):
            return "'\(what)' matches several articles in \(path): \(ids.prefix(5).joined(separator: ", "))\(ids.count > 5 ? ", …" : "")"
        case let .badQuery(why):
            return "invalid search query: \(why)"
        case let .sqlite(message):
            return "\(path): \(message)"
        case let .damagedRawText(id):
            return "\(path): the page text kept for article \(id) is damaged, so it cannot be re-parsed (the stored article is unchanged)"
        }
    }

    /// Maps any error thrown by GRDB/SQLite to a `StoreError` with a clear reason.
    public static func wrap(_ error: Error, path: String) -> Error {
        if error is StoreError { return error }
        guard let db = error as? DatabaseError else { return error }
        switch db.resultCode {
        case .SQLITE_READONLY: return StoreError(path: path, reason: .readOnly)
        case .SQLITE_FULL: return StoreError(path: path, reason: .diskFull)
        case .SQLITE_CORRUPT: return StoreError(path: path, reason: .corrupt)
        case .SQLITE_NOTADB: return StoreError(path: path, reason: .notSQLite)
        case .SQLITE_CANTOPEN: return StoreError(path: path, reason: .cannotOpen(db.message ?? "unable to open database file"))
        case .SQLITE_IOERR:
            // ENOSPC surfaces as an I/O error on some writes.
            if errno == ENOSPC { return StoreError(path: path, reason: .diskFull) }
            return StoreError(path: path, reason: .sqlite(db.message ?? "I/O error"))
        default: return StoreError(path: path, reason: .sqlite(db.message ?? "\(db.resultCode)"))
        }
    }
}
