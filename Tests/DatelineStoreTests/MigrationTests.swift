@testable import DatelineStore
import DatelineTestSupport
import Foundation
import DatelineCore
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
            // Counts by source and duplicate link are answered from the covering index, not the rows.
            let plan = try queryPlan(db, """
                SELECT count(*) FROM article a WHERE instr('|' || lower(a.sources) || '|', '|vna|') > 0 AND a.duplicate_of IS NULL
                """)
            XCTAssertTrue(plan.contains("COVERING INDEX article_facets"), plan)
            // Scans read keys chunk by chunk, each chunk seeking to where the last one ended in its own
            // order: within one date by rowid, then the later dates, or by rowid alone.
            for (condition, order, seek) in [("a.duplicate_of IS NULL AND coalesce(a.date, '') = '' AND a.rowid > 5", "a.rowid", "<expr>=? AND rowid>?"),
                                             ("a.duplicate_of IS NULL AND coalesce(a.date, '') > '2025'", "coalesce(a.date, ''), a.rowid", "<expr>>?"),
                                             ("a.duplicate_of IS NULL AND a.rowid > 5", "a.rowid", "rowid>?"),
                                             ("a.lang = 'en' AND a.duplicate_of IS NULL AND a.rowid > 5", "a.rowid", "rowid>?")] {
                let scan = try queryPlan(db, "SELECT coalesce(a.date, ''), a.rowid FROM article a WHERE \(condition) ORDER BY \(order) LIMIT 256")
                XCTAssertFalse(scan.contains("TEMP B-TREE"), "\(condition): \(scan)")
                XCTAssertTrue(scan.contains(seek), "\(condition): \(scan)")
            }
        }
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    /// A database migrated only up to `migration`, marked with the version that build wrote.
    private func olderDatabase(_ folder: TemporaryFolder, upTo migration: String) throws -> (path: String, queue: DatabaseQueue) {
        let path = folder.file("\(migration).sqlite")
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator(upTo: migration).migrate(queue)
        let version = try XCTUnwrap(Schema.migrationIdentifiers.firstIndex(of: migration)) + 1
        try queue.write { db in try db.execute(sql: "PRAGMA user_version = \(version)") }
        return (path, queue)
    }

    /// SQLite's plan for `sql`, its steps joined with spaces.
    private func queryPlan(_ db: Database, _ sql: String) throws -> String {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String? ?? "" }.joined(separator: " ")
    }

    /// The surface forms of `forEachArticleMentions`, one list per article.
    private func mentionGroups(_ store: CorpusStore, kind: EntityKind?, query: ArticleQuery = ArticleQuery()) throws -> [[String]] {
        var groups: [[String]] = []
        try store.forEachArticleMentions(query, kind: kind) { groups.append($0.map(\.text)); return true }
        return groups
    }

    func testOlderSchemaIsMigratedKeepingData() throws {
        let folder = try TemporaryFolder()
        let (path, queue) = try olderDatabase(folder, upTo: "v1-articles")
        try queue.write { db in
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
            // The index's stored setting (v10).
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT v FROM article_fts_config WHERE k = 'hashsize'"), Schema.fullTextPendingBytes)
        }
        XCTAssertEqual(try store.row(id: "old1")?.title, "An old article")
        XCTAssertEqual(try store.count(), 1)
    }

    /// v5 turns per-mention rows into one list per article plus entity/article counts; an older
    /// database keeps its mentions (order, names, counts) and can still be read before it migrates.
    func testMentionRowsMigrateToLists() throws {
        let folder = try TemporaryFolder()
        let (path, queue) = try olderDatabase(folder, upTo: "v4-entity-by-key")
        try queue.write { db in
            for (id, title) in [("a1", "First"), ("a2", "Second")] {
                try db.execute(sql: """
                    INSERT INTO article (id, title, body, parser_version, ingested_at, updated_at)
                    VALUES (?, ?, 'Tô Lâm met Saysomphone in Vientiane.', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                    """, arguments: [id, title])
            }
            try db.execute(sql: """
                INSERT INTO entity (id, name, kind, key) VALUES (1, 'Tô Lâm', 'person', 'to lam'), (2, 'Saysomphone', 'person', 'saysomphone'),
                    (3, 'Vientiane', 'place', 'vientiane');
                INSERT INTO mention (article, seq, entity, text, paragraph, offset) VALUES
                    (1, 0, 1, 'Tô Lâm', 0, 0), (1, 1, 2, 'Saysomphone', 0, 11), (1, 2, 3, 'Vientiane', 0, 26), (1, 3, 1, 'To Lam', 1, 4),
                    (2, 0, 3, 'Vientiane', 0, 26);
                """)
        }
        try queue.close()

        // Read-only: the old layout is read as it is.
        let old = try CorpusStore(path: path, mode: .readOnly)
        XCTAssertEqual(try old.mentions(articleID: "a1").map(\.text), ["Tô Lâm", "Saysomphone", "Vientiane", "To Lam"])
        XCTAssertEqual(try old.articleIDs(mentioning: "to lam"), ["a1"])
        XCTAssertEqual(try mentionGroups(old, kind: nil), [["Tô Lâm", "Saysomphone", "Vientiane", "To Lam"], ["Vientiane"]])
        XCTAssertEqual(try mentionGroups(old, kind: .person), [["Tô Lâm", "Saysomphone", "To Lam"]])
        try old.close()

        var notices: [String] = []
        CorpusStore.upgradeNotice = { notices.append($0) }
        defer { CorpusStore.upgradeNotice = nil }
        let store = try CorpusStore(path: path)
        XCTAssertEqual(notices, [path], "the user is told before an older database is upgraded")
        _ = try CorpusStore(path: path)
        XCTAssertEqual(notices, [path], "a current database is opened without a notice")
        try store.pool.read { db in
            XCTAssertFalse(try db.tableExists("mention"))
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM mention_list"), 2)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT mentions FROM entity_article WHERE article = 1 AND entity = 1"), 2)
        }
        let mentions = try store.mentions(articleID: "a1")
        XCTAssertEqual(mentions.map(\.name), ["Tô Lâm", "Saysomphone", "Vientiane", "Tô Lâm"])
        XCTAssertEqual(mentions.map(\.text), ["Tô Lâm", "Saysomphone", "Vientiane", "To Lam"])
        XCTAssertEqual(mentions.map(\.paragraph), [0, 0, 0, 1])
        XCTAssertEqual(mentions.map(\.offset), [0, 11, 26, 4])
        XCTAssertEqual(mentions.map(\.kind), [.person, .person, .place, .person])
        XCTAssertEqual(try store.mentions(articleID: "a2").map(\.text), ["Vientiane"])
        XCTAssertEqual(try store.articleIDs(mentioning: "to lam"), ["a1"])
        XCTAssertEqual(try store.articleIDs(mentioning: "Vientiane"), ["a1", "a2"])
        XCTAssertEqual(try store.count(ArticleQuery(mentions: "vientiane")), 2)
        let people = try store.entities(kind: .person)
        XCTAssertEqual(people.first?.name, "Tô Lâm")
        XCTAssertEqual(people.first?.articleCount, 1)
        XCTAssertEqual(people.first?.mentionCount, 2)
        XCTAssertEqual(try store.entities(kind: .place).first?.articleCount, 2)
        XCTAssertEqual(try store.integrityCheck(), "ok")
        // The bulk reader of mention lists gives the same groups as the old rows did.
        XCTAssertEqual(try mentionGroups(store, kind: nil), [["Tô Lâm", "Saysomphone", "Vientiane", "To Lam"], ["Vientiane"]])
        XCTAssertEqual(try mentionGroups(store, kind: .person), [["Tô Lâm", "Saysomphone", "To Lam"]])
        XCTAssertEqual(try mentionGroups(store, kind: .place, query: ArticleQuery(mentions: "to lam")), [["Vientiane"]])
    }

    func testMentionListRoundTrip() {
        let entries = [
            MentionList.Entry(entity: 1, text: "Tô Lâm", paragraph: 0, offset: 0),
            MentionList.Entry(entity: 300_000, text: "", paragraph: 200, offset: 70_000),
            MentionList.Entry(entity: 7, text: "Đà Nẵng 😀", paragraph: 3, offset: 127),
        ]
        XCTAssertEqual(MentionList.decode(MentionList.encode(entries)), entries)
        XCTAssertEqual(MentionList.decode(MentionList.encode([])), [])
        XCTAssertEqual(MentionList.decode(Data()), [])
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
