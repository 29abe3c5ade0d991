import Foundation
import GRDB

/// The corpus database schema: versioned GRDB migrations plus the markers that identify a Dateline
/// database (`application_id`) and the schema version (`user_version`) a newer build may have written.
public enum Schema {
    /// `PRAGMA application_id` of every Dateline corpus ("DLNE").
    public static let applicationID: Int32 = 0x444C_4E45

    /// Migration identifiers in order. Never rename or reorder; only append.
    public static let migrationIdentifiers = ["v1-articles", "v2-near-duplicates", "v3-schedules", "v4-entity-by-key", "v5-mention-lists",
                                                      "v6-article-facets", "v7-lsh-by-band-only", "v8-oph-signatures",
                                                      "v9-raw-deltas", "v10-fts-pending-terms"]

    /// The schema version this build writes (`PRAGMA user_version`): the number of migrations.
    public static var version: Int { migrationIdentifiers.count }

    /// The migrator, optionally stopping after `upTo` (tests use this to make older databases).
    public static func migrator(upTo last: String? = nil) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        let all: [(String, @Sendable (Database) throws -> Void)] = [
            ("v1-articles", { db in try v1(db) }),
            ("v2-near-duplicates", { db in try v2(db) }),
            ("v3-schedules", { db in try v3(db) }),
            ("v4-entity-by-key", { db in try v4(db) }),
            ("v5-mention-lists", { db in try v5(db) }),
            ("v6-article-facets", { db in try v6(db) }),
            ("v7-lsh-by-band-only", { db in try v7(db) }),
            ("v8-oph-signatures", { db in try v8(db) }),
            ("v9-raw-deltas", { db in try v9(db) }),
            ("v10-fts-pending-terms", { db in try v10(db) }),
        ]
        for (identifier, body) in all {
            migrator.registerMigration(identifier, migrate: body)
            if identifier == last { break }
        }
        return migrator
    }

    /// One entity per folded name and kind across the corpus: "To Lam" and "Tô Lâm" become one
    /// entity named by the form with diacritics; mentions and aliases move to it.
    private static func v4(_ db: Database) throws {
        let groups = try Row.fetchAll(db, sql: """
            SELECT key, kind FROM entity GROUP BY key, kind HAVING count(*) > 1
            """)
        for group in groups {
            let key: String = group[0], kind: String = group[1]
            let members = try Row.fetchAll(db, sql: "SELECT id, name FROM entity WHERE key = ? AND kind = ? ORDER BY id",
                                           arguments: [key, kind])
            guard let keeper = members.first.map({ $0[0] as Int64 }) else { continue }
            let best = members.map { $0[1] as String }.max { EntityName.richness($0) < EntityName.richness($1) } ?? ""
            for member in members.dropFirst() {
                let id: Int64 = member[0]
                try db.execute(sql: "UPDATE mention SET entity = ? WHERE entity = ?", arguments: [keeper, id])
                try db.execute(sql: "INSERT OR IGNORE INTO entity_alias (key, entity, alias) SELECT key, ?, alias FROM entity_alias WHERE entity = ?",
                               arguments: [keeper, id])
                try db.execute(sql: "DELETE FROM entity_alias WHERE entity = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM entity WHERE id = ?", arguments: [id])
            }
            try db.execute(sql: "UPDATE entity SET name = ? WHERE id = ?", arguments: [best, keeper])
        }
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS entity_by_key_kind ON entity(key, kind)")
    }

    /// Mentions as one compact list per article (`mention_list`) plus one row per entity and article
    /// with its mention count (`entity_article`), instead of one `mention` row per mention (see
    /// `MentionList`). Existing mentions are converted, in order.
    private static func v5(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE mention_list (
            article INTEGER PRIMARY KEY REFERENCES article(rowid) ON DELETE CASCADE,
            data BLOB NOT NULL
        );
        CREATE TABLE entity_article (
            article INTEGER NOT NULL REFERENCES article(rowid) ON DELETE CASCADE,
            entity INTEGER NOT NULL REFERENCES entity(id),
            mentions INTEGER NOT NULL,
            PRIMARY KEY (article, entity)
        ) WITHOUT ROWID;
        CREATE INDEX entity_article_by_entity ON entity_article(entity, article);
        INSERT INTO entity_article (article, entity, mentions)
            SELECT article, entity, count(*) FROM mention GROUP BY article, entity;
        """)
        let insert = try db.makeStatement(sql: "INSERT INTO mention_list (article, data) VALUES (?, ?)")
        var current: Int64?
        var entries: [MentionList.Entry] = []
        func flush() throws {
            if let current, !entries.isEmpty { try insert.execute(arguments: [current, MentionList.encode(entries)]) }
            entries.removeAll(keepingCapacity: true)
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT article, entity, text, paragraph, offset FROM mention ORDER BY article, seq")
        while let row = try rows.next() {
            let article: Int64 = row[0]
            if article != current {
                try flush()
                current = article
            }
            entries.append(MentionList.Entry(entity: row[1], text: row[2], paragraph: row[3], offset: row[4]))
        }
        try flush()
        try db.execute(sql: "DROP TABLE mention")
    }

    /// A covering index over the columns that counts test (sources, language, date, duplicate link),
    /// so a count by source or date reads a few megabytes of index instead of every article's row
    /// (100k articles: count by source 154 -> 43 ms, with no page reads). `sources` comes first on
    /// purpose: no filter can seek on it, so the planner uses the index only to count, never in place
    /// of the rowid and date orders that paged scans seek on (with `duplicate_of` first, every page
    /// of a scan sorted all matching rows again).
    private static func v6(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS article_facets ON article(sources, lang, date, duplicate_of)")
    }

    /// `lsh` keyed by band only: no index by article and no foreign key (which would need one to
    /// cascade), since an article's rows are found from its signature; rows may lag behind `minhash`
    /// up to the watermark `meta.lsh_through` (see `BandTable`). Every existing article is indexed.
    private static func v7(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE lsh_v7 (
            bucket INTEGER NOT NULL,
            article INTEGER NOT NULL,
            PRIMARY KEY (bucket, article)
        ) WITHOUT ROWID;
        INSERT INTO lsh_v7 (bucket, article) SELECT bucket, article FROM lsh ORDER BY bucket, article;
        DROP TABLE lsh;
        ALTER TABLE lsh_v7 RENAME TO lsh;
        """)
        try BandTable.setWatermark(Int64.fetchOne(db, sql: "SELECT max(rowid) FROM article") ?? 0, db)
    }

    /// Near-duplicate signatures by one-permutation hashing (see `MinHash`): values of the earlier scheme
    /// never equal new ones, so every stored signature is recomputed from the article's stored lede and
    /// body exactly as the ingest computes it (`PreparedArticle`), and the band rows are rebuilt.
    /// Existing `duplicate_of` links stay. Articles are read in key order a chunk at a time (each read
    /// done before its writes) and a chunk's texts are folded and hashed on all cores.
    private static func v8(_ db: Database) throws {
        let chunkSize = 4_096
        let read = try db.makeStatement(sql: """
            SELECT m.article, a.lede, a.body FROM minhash m LEFT JOIN article a ON a.rowid = m.article
            WHERE m.article > ? ORDER BY m.article LIMIT \(chunkSize)
            """)
        let update = try db.makeStatement(sql: "UPDATE minhash SET signature = ? WHERE article = ?")
        let delete = try db.makeStatement(sql: "DELETE FROM minhash WHERE article = ?")
        var after: Int64 = 0
        while true {
            var keys: [Int64] = [], texts: [(lede: String?, body: String?)] = []
            keys.reserveCapacity(chunkSize); texts.reserveCapacity(chunkSize)
            let rows = try Row.fetchCursor(read, arguments: [after])
            while let row = try rows.next() {
                keys.append(row[0]); texts.append((row[1], row[2]))
            }
            guard let last = keys.last else { break }
            after = last
            var blobs = [Data?](repeating: nil, count: keys.count)
            blobs.withUnsafeMutableBufferPointer { buffer in
                let out = buffer.baseAddress!
                DispatchQueue.concurrentPerform(iterations: texts.count) { i in
                    // A signature row without its article (body NULL) has nothing to recompute from.
                    guard let body = texts[i].body else { return }
                    (out + i).pointee = PreparedArticle.signature(foldedLede: SearchFold.index(texts[i].lede),
                                                                   foldedBody: SearchFold.index(body))?.blob
                }
            }
            for (key, blob) in zip(keys, blobs) {
                if let blob { try update.execute(arguments: [blob, key]) } else { try delete.execute(arguments: [key]) }
            }
        }
        try db.execute(sql: "DELETE FROM lsh")
        try BandTable.setWatermark(0, db)
        try BandTable.catchUp(db)
    }

    /// The raw text may be kept as a delta against the article's body (`RawDelta`): `delta` holds it
    /// and `text` is empty. Rows written before keep their text (no rewrite of a large corpus); a row
    /// gets a delta when its article is next stored (ingest of a changed file, `reparse`).
    private static func v9(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE article_raw ADD COLUMN delta BLOB")
    }

    /// FTS5 keeps up to 32 MB of new terms in memory (default 1 MB) before writing them out as a
    /// segment, so a 2,000-article ingest batch becomes one segment at its commit instead of one per
    /// ~150 articles that FTS5 merges again later. (The writer also avoids statement journals, which
    /// make FTS5 write its pending terms at once: see `ArticleWriter.insertParts`.) Callgrind, 2,000
    /// articles in one batch: segment writes 1,147 → 4, merges 154 M → 0 instructions, the ingest
    /// writer's instructions −7%. A stored setting of the index (`article_fts_config`).
    static let fullTextPendingBytes = 32 * 1_048_576

    private static func v10(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO article_fts (article_fts, rank) VALUES ('hashsize', \(fullTextPendingBytes))")
    }

    private static func v1(_ db: Database) throws {
        try db.execute(sql: """
        PRAGMA application_id = \(applicationID);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE article (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            path TEXT,
            lang TEXT,
            title TEXT,
            section TEXT,
            author TEXT,
            sources TEXT NOT NULL DEFAULT '',
            dateline TEXT,
            date TEXT,
            datetime TEXT,
            date_confidence TEXT NOT NULL DEFAULT 'none',
            date_text TEXT,
            lede TEXT,
            body TEXT NOT NULL DEFAULT '',
            word_count INTEGER NOT NULL DEFAULT 0,
            duplicate_of INTEGER REFERENCES article(rowid) ON DELETE SET NULL,
            parser_version INTEGER NOT NULL,
            ingested_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX article_by_date ON article(coalesce(date, ''));
        CREATE INDEX article_by_lang ON article(lang);
        CREATE INDEX article_by_path ON article(path);
        CREATE TABLE article_raw (
            article INTEGER PRIMARY KEY REFERENCES article(rowid) ON DELETE CASCADE,
            text TEXT NOT NULL,
            hints TEXT,
            boilerplate TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE caption (
            article INTEGER NOT NULL REFERENCES article(rowid) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            text TEXT NOT NULL,
            credit TEXT,
            PRIMARY KEY (article, seq)
        ) WITHOUT ROWID;
        CREATE TABLE teaser (
            article INTEGER NOT NULL REFERENCES article(rowid) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            title TEXT NOT NULL,
            summary TEXT,
            PRIMARY KEY (article, seq)
        ) WITHOUT ROWID;
        CREATE TABLE entity (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            UNIQUE (name, kind)
        );
        CREATE INDEX entity_by_key ON entity(key);
        CREATE TABLE entity_alias (
            key TEXT NOT NULL,
            entity INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            PRIMARY KEY (key, entity)
        ) WITHOUT ROWID;
        CREATE INDEX entity_alias_by_entity ON entity_alias(entity);
        CREATE TABLE mention (
            article INTEGER NOT NULL REFERENCES article(rowid) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            entity INTEGER NOT NULL REFERENCES entity(id),
            text TEXT NOT NULL,
            paragraph INTEGER NOT NULL,
            offset INTEGER NOT NULL,
            PRIMARY KEY (article, seq)
        ) WITHOUT ROWID;
        CREATE INDEX mention_by_entity ON mention(entity, article);
        CREATE TABLE tag (
            article INTEGER NOT NULL REFERENCES article(rowid) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (article, key)
        ) WITHOUT ROWID;
        CREATE INDEX tag_by_key ON tag(key, value);
        CREATE TABLE source_file (
            path TEXT PRIMARY KEY,
            article INTEGER REFERENCES article(rowid) ON DELETE SET NULL,
            hash TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime REAL NOT NULL,
            ingested_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX source_file_by_article ON source_file(article);
        CREATE TABLE ingest_log (
            id INTEGER PRIMARY KEY,
            file TEXT NOT NULL,
            time TEXT NOT NULL,
            outcome TEXT NOT NULL,
            message TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX ingest_log_by_file ON ingest_log(file);
        CREATE VIRTUAL TABLE article_fts USING fts5(
            title, lede, body, content='', tokenize="unicode61 remove_diacritics 2"
        );
        """)
    }

    private static func v2(_ db: Database) throws {
        try db.execute(sql: """
        CREATE INDEX article_by_duplicate ON article(duplicate_of) WHERE duplicate_of IS NOT NULL;
        CREATE TABLE minhash (
            article INTEGER PRIMARY KEY REFERENCES article(rowid) ON DELETE CASCADE,
            signature BLOB NOT NULL
        );
        CREATE TABLE lsh (
            bucket INTEGER NOT NULL,
            article INTEGER NOT NULL REFERENCES article(rowid) ON DELETE CASCADE,
            PRIMARY KEY (bucket, article)
        ) WITHOUT ROWID;
        CREATE INDEX lsh_by_article ON lsh(article);
        """)
    }

    /// Scheduled jobs and their run history (owned by DatelineScheduler). Times are UTC text
    /// `YYYY-MM-DDTHH:MM:SSZ`; UNIQUE(job, nominal_time) is what dedupes slots across restarts.
    private static func v3(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE schedule (
            name TEXT PRIMARY KEY,
            cron TEXT NOT NULL,
            tz TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('script', 'ingest')),
            path TEXT NOT NULL,
            args TEXT NOT NULL DEFAULT '[]',
            format TEXT,
            keep INTEGER,
            timeout REAL,
            overlap TEXT NOT NULL DEFAULT 'skip',
            catch_up TEXT NOT NULL DEFAULT 'latest',
            on_failure TEXT,
            enabled INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE schedule_run (
            id INTEGER PRIMARY KEY,
            job TEXT NOT NULL,
            nominal_time TEXT NOT NULL,
            started TEXT NOT NULL,
            ended TEXT,
            status TEXT NOT NULL,
            message TEXT,
            output_path TEXT,
            log_path TEXT,
            pid INTEGER,
            UNIQUE (job, nominal_time)
        );
        CREATE INDEX schedule_run_by_status ON schedule_run(status) WHERE status = 'running';
        """)
    }
}
