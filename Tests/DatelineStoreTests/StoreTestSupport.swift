import DatelineCore
@testable import DatelineStore
import DatelineTestSupport
import GRDB
import Foundation
import XCTest

/// Realistic page dumps for tests: a headline, a lede and body paragraphs.
enum Pages {
    static let words = """
    delegation ministry cooperation province investment harbour festival railway budget forum harvest export
    training hospital bridge museum university agreement summit workshop programme visit minister council
    infrastructure energy climate tourism security culture heritage education logistics market
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// A deterministic article of `paragraphs` paragraphs, different for each `seed`.
    static func article(seed: Int, title: String? = nil, paragraphs: Int = 4, extra: String = "") -> String {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        func sentence() -> String {
            let count = 12 + next() % 10
            var s = (0..<count).map { _ in words[next() % words.count] }.joined(separator: " ")
            s = s.prefix(1).uppercased() + s.dropFirst()
            return s + "."
        }
        let headline = title ?? "Officials discuss \(words[next() % words.count]) plan number \(seed)"
        var text = headline + "\n\n"
        text += "HÀ NỘI — " + sentence() + " " + sentence() + "\n\n"
        for _ in 0..<paragraphs {
            text += sentence() + " " + sentence() + " " + sentence() + "\n\n"
        }
        if !extra.isEmpty { text += extra + "\n\n" }
        return text
    }

    static let toLam = """
    Việt Nam and Laos deepen strategic cohesion

    VIENTIANE — Party General Secretary Tô Lâm met with President of the Lao National Assembly Saysomphone Phomvihane in Vientiane on Thursday, reaffirming the special relationship between the two countries.

    General Secretary Tô Lâm expressed delight at paying a state visit to Laos and congratulated Saysomphone on his re-election to the Politburo.

    Both sides agreed to strengthen strategic cohesion and the close, shoulder-to-shoulder ties between the two Parties, States and peoples throughout their shared history.

    The Vietnamese leader commended the Lao National Assembly's role in ensuring the effective implementation of the national development strategy and in building an independent, self-reliant economy.
    """
}

extension XCTestCase {
    /// A fresh store in a temporary folder.
    func makeStore(_ folder: TemporaryFolder, name: String = "corpus.sqlite") throws -> CorpusStore {
        try CorpusStore(path: folder.file(name))
    }

    /// Ingests paths (files, folders or globs) and returns the summary.
    @discardableResult
    func ingest(_ store: CorpusStore, _ paths: [String]) throws -> IngestSummary {
        let ingester = Ingester(store: store)
        return try ingester.run(InputExpander.expand(paths).files)
    }
}

/// The ways an ingest finds near-duplicate candidates, for tests that force each in turn and expect the
/// same links and the same `lsh` rows from all of them.
struct CandidateLookup: CustomStringConvertible {
    var use: ArticleWriter.BucketIndexUse
    /// `Ingester.bucketIndexRows`.
    var rows = BucketIndex.maximumRows
    var description: String

    static let queries = CandidateLookup(use: .none, description: "queries")
    static let chained = CandidateLookup(use: .chained, description: "run's rows in memory, stored rows queried")
    static let loaded = CandidateLookup(use: .loaded, description: "all rows in memory")
    /// Room for a few articles' rows (16 each): the index fills and starts again chained nearly every commit.
    static let full = CandidateLookup(use: .loaded, rows: 40, description: "index full every few articles")
    static let all = [queries, chained, loaded, full]

    func apply(to ingester: Ingester) {
        ingester.bucketIndexMode = use
        ingester.bucketIndexRows = rows
    }
}

/// Each stored file's name and the file name of the original its article is linked to ("" for none).
func linksByFile(_ store: CorpusStore) throws -> [String: String] {
    try store.pool.read { db in
        var map: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT s.path, coalesce(o.path, '') FROM source_file s JOIN article a ON a.rowid = s.article
            LEFT JOIN article o ON o.rowid = a.duplicate_of
            """) {
            let path: String = row[0], linked: String = row[1]
            map[URL(fileURLWithPath: path).lastPathComponent] = linked.isEmpty ? "" : URL(fileURLWithPath: linked).lastPathComponent
        }
        return map
    }
}
