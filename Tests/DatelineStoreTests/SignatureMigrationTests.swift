@testable import DatelineStore
import DatelineTestSupport
import Foundation
import GRDB
import XCTest

/// Migration v8 recomputes every stored near-duplicate signature by one-permutation hashing and
/// rebuilds the band rows: a v7 database ends up with the signatures and rows a fresh ingest writes.
final class SignatureMigrationTests: XCTestCase {
    /// The 64-function MinHash that v7 and earlier stored: each function `(h ^ b) &* a` keeps its minimum
    /// over the shingle hashes `mix(...mix(mix(w0) ^ w1)... ^ w4)`.
    private func oldSignature(_ parts: [String]) -> [UInt64]? {
        let words = MinHash.wordHashes(parts)
        guard words.count - 4 >= MinHash.minimumShingles else { return nil }
        let seeds = (0..<64).map { i in
            (ContentHash.mix(UInt64(i) &* 0x1234_5678_9ABC_DEF1) | 1, ContentHash.mix(UInt64(i) ^ 0xDEAD_BEEF_CAFE_F00D))
        }
        var mins = [UInt64](repeating: .max, count: 64)
        for start in 0...(words.count - 5) {
            var s: UInt64 = 0
            for j in 0..<5 { s = ContentHash.mix(s ^ words[start + j]) }
            for i in 0..<64 { mins[i] = min(mins[i], (s ^ seeds[i].1) &* seeds[i].0) }
        }
        return mins
    }

    private func reprint(_ text: String, _ n: Int) -> String {
        let cut = text.index(text.endIndex, offsetBy: -50)
        return "Reprint \(n): " + String(text[..<cut]) + " (edited \(n))\n"
    }

    /// Signature blob by article id.
    private func signatures(_ db: Database) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT a.id, m.signature FROM minhash m JOIN article a ON a.rowid = m.article") {
            result[row[0]] = row[1]
        }
        return result
    }

    /// `lsh` rows as (band key, article id).
    private func bandRows(_ db: Database) throws -> Set<String> {
        Set(try Row.fetchAll(db, sql: "SELECT l.bucket, a.id FROM lsh l JOIN article a ON a.rowid = l.article").map { "\($0[0] as Int64) \($0[1] as String)" })
    }

    /// Near-duplicate links as id -> original's id.
    private func links(_ db: Database) throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT a.id, o.id FROM article a JOIN article o ON o.rowid = a.duplicate_of") {
            result[row[0]] = row[1]
        }
        return result
    }

    func testV7SignaturesAreRecomputedAndBandsRebuilt() throws {
        let folder = try TemporaryFolder()
        let originals = (0..<8).map { Pages.article(seed: 700 + $0, paragraphs: 6) }
        for (i, text) in originals.enumerated() { try folder.write("pages/o\(i).txt", text) }
        try folder.write("pages/r0.txt", reprint(originals[0], 0))
        try folder.write("pages/r1.txt", reprint(originals[1], 1))
        try folder.write("pages/tiny.txt", "A headline\n\nToo short to compare.\n")

        // A fresh ingest with the current scheme: the expected result.
        let fresh = try makeStore(folder, name: "fresh.sqlite")
        XCTAssertEqual(try ingest(fresh, [folder.file("pages")]).nearDuplicates, 2)
        let (expectedSignatures, expectedRows, expectedLinks) = try fresh.pool.read { db in
            (try signatures(db), try bandRows(db), try links(db))
        }
        XCTAssertEqual(expectedSignatures.count, 10, "every page but the tiny one has a signature")

        // The same pages in a database as v7 left it: old-scheme signatures and their band rows, plus an
        // article without a lede and a stale signature row of an article too short for one.
        let path = folder.file("old.sqlite")
        let old = try CorpusStore(path: path)
        try ingest(old, [folder.file("pages")])
        try old.close()
        let body = Pages.article(seed: 799, paragraphs: 5)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO article (id, title, lede, body, parser_version, ingested_at, updated_at) VALUES
                    ('no-lede', 'No lede', NULL, ?, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
                    ('short', 'Short', 'A lede', 'Too short.', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                """, arguments: [body])
            let short = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO minhash (article, signature) VALUES (?, ?)", arguments: [short, Data(repeating: 7, count: 512)])
            try db.execute(sql: "INSERT INTO minhash (article, signature) VALUES (?, zeroblob(512))", arguments: [short - 1])
            try db.execute(sql: "DELETE FROM lsh")
            for row in try Row.fetchAll(db, sql: "SELECT m.article, a.lede, a.body FROM minhash m JOIN article a ON a.rowid = m.article") {
                let key: Int64 = row[0]
                let values = oldSignature([SearchFold.index(row[1] as String?), SearchFold.index(row[2] as String)])
                    ?? [UInt64](repeating: 7, count: 64)
                let signature = try XCTUnwrap(MinHash(blob: values.withUnsafeBytes { Data($0) }))
                try db.execute(sql: "UPDATE minhash SET signature = ? WHERE article = ?", arguments: [signature.blob, key])
                for bucket in signature.bandKeys {
                    try db.execute(sql: "INSERT INTO lsh (bucket, article) VALUES (?, ?)", arguments: [bucket, key])
                }
            }
            try BandTable.setWatermark(short, db)
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v8-oph-signatures'")
            try db.execute(sql: "PRAGMA user_version = 7")
            // The old-scheme signatures really differ from the new ones.
            XCTAssertTrue(try signatures(db).allSatisfy { id, blob in expectedSignatures[id].map { $0 != blob } ?? true })
        }
        let linksBefore = try queue.read { db in try links(db) }
        XCTAssertEqual(linksBefore, expectedLinks)
        try queue.close()

        XCTAssertTrue(try CorpusStore.inspect(path: path), "a v7 database needs migrating")
        let store = try CorpusStore(path: path)
        try store.pool.read { db in
            var migrated = try signatures(db)
            let noLede = try XCTUnwrap(MinHash(foldedParts: ["", SearchFold.index(body)]))
            XCTAssertEqual(migrated.removeValue(forKey: "no-lede"), noLede.blob, "a NULL lede reads as an empty one, as at ingest")
            XCTAssertEqual(migrated, expectedSignatures, "the signatures a fresh ingest writes; the too-short article's row is gone")
            var rows = try bandRows(db)
            for bucket in noLede.bandKeys { XCTAssertNotNil(rows.remove("\(bucket) no-lede")) }
            XCTAssertEqual(rows, expectedRows)
            XCTAssertEqual(try BandTable.watermark(db), try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM article"))
            XCTAssertEqual(try links(db), linksBefore, "existing links stay")
        }
        XCTAssertEqual(try store.integrityCheck(), "ok")

        // New reprints are found against the migrated signatures.
        try folder.write("more/r2.txt", reprint(originals[2], 2))
        XCTAssertEqual(try ingest(store, [folder.file("more/r2.txt")]).nearDuplicates, 1)
        try store.pool.read { db in XCTAssertEqual(try links(db).count, expectedLinks.count + 1) }
    }
}
