@testable import DatelineStore
import DatelineTestSupport
import Foundation
import GRDB
import XCTest

final class WALCheckpointerTests: XCTestCase {
    /// With checkpoints beside the writer, the WAL is still rewound (its file stays near the limit
    /// instead of holding every page the ingest wrote), everything is stored and intact, and the
    /// writer connection gets its automatic checkpoint back afterwards.
    func testWALStaysBoundedAndAutomaticCheckpointsComeBack() throws {
        let folder = try TemporaryFolder()
        for i in 0..<450 { try folder.write("pages/p\(i).txt", Pages.article(seed: 2_000 + i, paragraphs: 6)) }
        let store = try makeStore(folder)
        let ingester = Ingester(store: store)
        ingester.batchSize = 10
        ingester.checkpointLimit = 64 // 256 KB of 4 KB pages
        XCTAssertEqual(try ingester.run(InputExpander.expand([folder.file("pages")]).files).added, 450)
        let wal = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: folder.file("corpus.sqlite-wal"))[.size] as? Int)
        let database = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: folder.file("corpus.sqlite"))[.size] as? Int)
        XCTAssertGreaterThan(database, 2_000_000, "the corpus should be several times the WAL limit")
        XCTAssertLessThan(wal, database / 3, "the WAL was never rewound (\(wal) bytes for a \(database)-byte database)")
        XCTAssertEqual(try store.count(), 450)
        XCTAssertEqual(try store.integrityCheck(), "ok")
        XCTAssertEqual(try store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") }, 1_000)
    }
}
