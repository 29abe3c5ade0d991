import DatelineCore
import Foundation
import GRDB

/// How an article's entity mentions are stored (schema v5): the ordered list as one compact blob per
/// article (`mention_list`), plus one `entity_article` row per distinct entity and article with its
/// mention count, which is what entity filters and counts read.
///
/// Before v5 every mention was a row of `mention` (about 48 per article on the synthetic corpus, each
/// with two index entries and two foreign-key checks): a quarter of the ingest writer's time. Readers
/// of a database not yet migrated (opened read-only) still get the old table (`isList(db)` false).
enum MentionList {
    struct Entry: Equatable {
        var entity: Int64
        var text: String
        var paragraph: Int
        var offset: Int
    }

    static let format: UInt8 = 1

    /// True when the database has the v5 layout.
    static func isList(_ db: Database) throws -> Bool {
        try db.tableExists("mention_list")
    }

    /// `[format][entity, paragraph, offset, text length: unsigned LEB128][text UTF-8]...`
    static func encode(_ entries: [Entry]) -> Data {
        var bytes: [UInt8] = [format]
        bytes.reserveCapacity(1 + entries.count * 16)
        for entry in entries {
            Varint.append(UInt64(bitPattern: entry.entity), to: &bytes)
            Varint.append(UInt64(max(0, entry.paragraph)), to: &bytes)
            Varint.append(UInt64(max(0, entry.offset)), to: &bytes)
            Varint.append(UInt64(entry.text.utf8.count), to: &bytes)
            bytes.append(contentsOf: entry.text.utf8) // no intermediate array per mention
        }
        return Data(bytes)
    }

    /// The entries of a blob written by `encode` (an unknown format or a damaged blob gives what could be read).
    static func decode(_ data: Data) -> [Entry] {
        data.withUnsafeBytes { raw -> [Entry] in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let first = bytes.first, first == format else { return [] }
            var entries: [Entry] = []
            var i = 1
            func next() -> UInt64? { Varint.read(bytes, at: &i) }
            while i < bytes.count {
                guard let entity = next(), let paragraph = next(), let offset = next(), let length = next(),
                      length <= UInt64(bytes.count - i) else { break }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(i + Int(length))]), as: UTF8.self)
                i += Int(length)
                entries.append(Entry(entity: Int64(bitPattern: entity), text: text, paragraph: Int(paragraph), offset: Int(offset)))
            }
            return entries
        }
    }

    /// The mentions of one article, in order, with entity names and kinds (either layout).
    static func mentions(_ key: Int64, _ db: Database) throws -> [Mention] {
        guard try isList(db) else {
            return try Row.fetchAll(db, sql: """
                SELECT e.name, e.kind, m.text, m.paragraph, m.offset FROM mention m JOIN entity e ON e.id = m.entity
                WHERE m.article = ? ORDER BY m.seq
                """, arguments: [key]).compactMap { row in
                guard let kind = EntityKind(rawValue: row[1]) else { return nil }
                return Mention(name: row[0], kind: kind, text: row[2], paragraph: row[3], offset: row[4])
            }
        }
        guard let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT data FROM mention_list WHERE article = ?"), arguments: [key]) else {
            return []
        }
        let entries = decode(data)
        var entities: [Int64: (name: String, kind: EntityKind)?] = [:]
        let lookup = try db.cachedStatement(sql: "SELECT name, kind FROM entity WHERE id = ?")
        return try entries.compactMap { entry in
            if entities[entry.entity] == nil {
                let row = try Row.fetchOne(lookup, arguments: [entry.entity])
                entities[entry.entity] = row.flatMap { row in EntityKind(rawValue: row[1]).map { (row[0], $0) } }
            }
            guard let entity = entities[entry.entity] ?? nil else { return nil }
            return Mention(name: entity.name, kind: entity.kind, text: entry.text, paragraph: entry.paragraph, offset: entry.offset)
        }
    }

    /// SQL selecting the keys of articles mentioning any of `entities` (either layout).
    static func articlesMentioning(_ entities: [Int64], _ db: Database) throws -> String {
        let list = entities.map(String.init).joined(separator: ",")
        return try isList(db)
            ? "SELECT article FROM entity_article WHERE entity IN (\(list))"
            : "SELECT article FROM mention WHERE entity IN (\(list))"
    }
}
