@testable import DatelineStore
import DatelineTestSupport
import Foundation
import GRDB
import XCTest

/// `entity_article` (written eight rows per statement) holds, for every article, each entity of its
/// mention list once with the number of its mentions.
final class EntityArticleRowsTests: XCTestCase {
    func testRowsCountTheMentionLists() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seeds").path
        let folder = try TemporaryFolder()
        let store = try makeStore(folder)
        try ingest(store, [seeds])
        try store.pool.read { db in
            var checked = 0
            for row in try Row.fetchAll(db, sql: "SELECT article, data FROM mention_list") {
                let article: Int64 = row[0]
                var expected: [Int64: Int] = [:]
                for entry in MentionList.decode(row[1]) { expected[entry.entity, default: 0] += 1 }
                var stored: [Int64: Int] = [:]
                for pair in try Row.fetchAll(db, sql: "SELECT entity, mentions FROM entity_article WHERE article = ?", arguments: [article]) {
                    stored[pair[0]] = pair[1]
                }
                XCTAssertEqual(stored, expected, "article \(article)")
                if expected.count > 8 { checked += 1 }
            }
            XCTAssertGreaterThan(checked, 2, "the seeds should have articles naming more than eight entities")
        }
    }
}
