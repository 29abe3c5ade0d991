@testable import DatelineStore
import DatelineTestSupport
import Foundation
import GRDB
import XCTest

final class MigrationTests: XCTestCase {
    func testFreshDatabaseIsMarkedAndCurrent() throws {
        let folder = try TemporaryFolder()
        let store = try makeStore(folder)
        try store.pool.read { db in
            XCTAssertEqual(try Int32.fetchOne(db, sql: "PRAGMA application_id"), Schema.applicationID)
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA user_version"), Schema.version)
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid"), Schema.migrationIdentifiers)
            XCTAssertTrue(try db.tableExists("lsh"))
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), "wal")
        }
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testOlderSchemaIsMigratedKeepingData() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("old.sqlite")
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator(upTo: "v1-articles").migrate(queue)
        try queue.write { db in
            try db.execute(sql: "PRAGMA user_version = 1")
            try db.execute(sql: """
                INSERT INTO article (id, title, body, parser_version, ingested_at, updated_at)
                VALUES ('old1', 'An old article', 'Body text.', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                """)
        }
        try queue.close()
        XCTAssertTrue(try CorpusStore.inspect(path: path), "v1 database should need migrating")

        let store = try CorpusStore(path: path)
        try store.pool.read { db in
            XCTAssertTrue(try db.tableExists("minhash"))
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA user_version"), Schema.version)
        }
        XCTAssertEqual(try store.row(id: "old1")?.title, "An old article")
        XCTAssertEqual(try store.count(), 1)
    }

    func testNewerDatabaseIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("new.sqlite")
        try makeStore(folder, name: "new.sqlite").close()
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
            try db.execute(sql: "PRAGMA user_version = 9")
        }
        try queue.close()
        XCTAssertThrowsError(try CorpusStore(path: path)) { error in
            guard case .newerSchema = (error as? StoreError)?.reason else { return XCTFail("unexpected \(error)") }
            XCTAssertTrue("\(error)".contains("newer Dateline"), "\(error)")
        }
    }

    func testNonSQLiteFileIsRefusedUnmodified() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("notes.sqlite", "These are my notes, not a database.\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try CorpusStore(path: path)) { error in
            XCTAssertEqual((error as? StoreError)?.reason, .notSQLite)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    func testForeignSQLiteDatabaseIsRefusedUnmodified() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("other.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('Ann')")
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try CorpusStore(path: path)) { error in
            XCTAssertEqual((error as? StoreError)?.reason, .notDateline)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }

    func testReadOnlyModeRefusesWrites() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ro.sqlite")
        try makeStore(folder, name: "ro.sqlite").close()
        let store = try CorpusStore(path: path, mode: .readOnly)
        XCTAssertTrue(store.isReadOnly)
        XCTAssertEqual(try store.count(), 0)
        XCTAssertThrowsError(try store.setTag(articleID: "x", key: "k", value: "v")) { error in
            XCTAssertEqual((error as? StoreError)?.reason, .readOnly)
        }
    }
}
