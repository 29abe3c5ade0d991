@testable import DatelineStore
import DatelineCore
import Foundation
import GRDB

/// StoreBench search DB [ROUNDS]    search latency (ranking + snippets, top 10) and a few scans on an existing corpus
/// StoreBench DB [ROUNDS]           the same (older form)
/// StoreBench split CORPUS [N]      CPU cost of each ingest stage (parse / prepare / write), then the real pipeline
/// StoreBench rankcheck DB          dateline_bm25 == bm25 on every row matching the search queries, and their cost
var arguments = Array(CommandLine.arguments.dropFirst())
let mode = ["split", "search", "rankcheck", "rankloop", "searchloop", "minhash", "cold"].contains(arguments.first ?? "") ? arguments.removeFirst() : "search"
guard !arguments.isEmpty else {
    FileHandle.standardError.write(Data("usage: StoreBench [search] DB [ROUNDS] | split CORPUS [N] | rankcheck DB | cold DB QUERY | minhash CORPUS [N]\n".utf8))
    exit(2)
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let index = min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))
    return sorted[index]
}

func wallMS(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

/// User + system CPU seconds of the whole process.
func processCPU() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// (process CPU s, wall s) of `body`.
func measure(_ body: () throws -> Void) rethrows -> (cpu: Double, wall: Double) {
    let c0 = processCPU()
    let w = try wallMS(body)
    return (processCPU() - c0, w / 1000)
}

let queries = [
    "to lam", "Tô Lâm", "TO LAM", "\"strategic cohesion\"", "phạm minh chính", "renewable energy",
    "\"đường sắt tốc độ cao\"", "da nang", "semiconductor*", "rice NOT exports", "title:hun manet",
    "NEAR(investment billion, 5)", "Saysomphone", "chuyển đổi số", "ASEAN", "green finance",
]

/// Compares FTS5's bm25 with the store's dateline_bm25 on every matching row (exact equality) and
/// times ranking all matches with each.
func rankCheckMode() throws {
    let store = try CorpusStore(path: arguments[0], mode: .readOnly)
    var rows = 0
    var mismatches = 0
    var builtin = 0.0
    var ours = 0.0
    try store.pool.read { db in
        for text in queries {
            let expression = FTSQuery(text).expression
            let pairs = try Row.fetchAll(db, sql: """
                SELECT rowid, bm25(article_fts, 10.0, 4.0, 1.0), dateline_bm25(article_fts, 10.0, 4.0, 1.0)
                FROM article_fts WHERE article_fts MATCH ?
                """, arguments: [expression])
            for pair in pairs where (pair[1] as Double) != (pair[2] as Double) {
                mismatches += 1
                if mismatches <= 5 { print("MISMATCH \(text) rowid=\(pair[0] as Int64) bm25=\(pair[1] as Double) ours=\(pair[2] as Double)") }
            }
            rows += pairs.count
            var b = [Double](), o = [Double](), plain = [Double]()
            for _ in 0..<5 {
                b.append(wallMS { _ = try? Row.fetchAll(db, sql: "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY bm25(article_fts, 10.0, 4.0, 1.0) LIMIT 30", arguments: [expression]) })
                o.append(wallMS { _ = try? Row.fetchAll(db, sql: "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY dateline_bm25(article_fts, 10.0, 4.0, 1.0) LIMIT 30", arguments: [expression]) })
                plain.append(wallMS { _ = try? Row.fetchAll(db, sql: "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?", arguments: [expression]) })
            }
            b.sort(); o.sort(); plain.sort()
            builtin += b[2] * 3; ours += o[2] * 3
            print(String(format: "RANK %@ rows=%d match_only_ms=%.2f bm25_ms=%.2f dateline_bm25_ms=%.2f", text as NSString, pairs.count, plain[2], b[2], o[2]))
        }
    }
    // The two-half ranking gives the single query's top 30.
    var splitMismatches = 0
    let saved = CorpusStore.parallelRankingMinimum
    for text in queries {
        let query = FTSQuery(text)
        CorpusStore.parallelRankingMinimum = .max
        let single = try store.rankedKeys(query, limit: 30)
        CorpusStore.parallelRankingMinimum = 0
        if try store.rankedKeys(query, limit: 30) != single { splitMismatches += 1; print("SPLIT MISMATCH \(text)") }
    }
    CorpusStore.parallelRankingMinimum = saved
    print("RANKCHECK split_vs_single_mismatches=\(splitMismatches)")
    print(String(format: "RANKCHECK rows=%d mismatches=%d top30_ms_per_query bm25=%.2f dateline_bm25=%.2f", rows, mismatches,
                 builtin / Double(3 * queries.count), ours / Double(3 * queries.count)))
}

func searchMode() throws {
    let rounds = arguments.count > 1 ? Int(arguments[1]) ?? 20 : 20
    let store = try CorpusStore(path: arguments[0], mode: .readOnly)
    var all: [Double] = []
    print("query\thits\tp50_ms\tp99_ms")
    for query in queries {
        var hits = 0
        _ = try store.search(query, limit: 10) // warm-up
        var samples: [Double] = []
        for _ in 0..<rounds {
            samples.append(try wallMS { hits = try store.search(query, limit: 10).count })
        }
        samples.sort()
        all += samples
        print("\(query)\t\(hits)\t\(String(format: "%.2f", percentile(samples, 0.5)))\t\(String(format: "%.2f", percentile(samples, 0.99)))")
    }
    all.sort()
    let articles = try store.count()
    print(String(format: "SEARCH p50_ms=%.2f p99_ms=%.2f queries=%d samples=%d articles=%d", percentile(all, 0.5), percentile(all, 0.99), queries.count, all.count, articles))

    var scanned = 0
    let scan = try wallMS { try store.forEachArticle(ArticleQuery(order: .ingest)) { _ in scanned += 1; return true } }
    let scanDate = try wallMS { try store.forEachArticle(ArticleQuery()) { _ in true } }
    let mentions = try wallMS { _ = try store.count(ArticleQuery(mentions: "to lam")) }
    print(String(format: "SCAN rows=%d ingest_order_ms=%.0f date_order_ms=%.0f rows_per_s=%.0f count_mentions_ms=%.1f",
                 scanned, scan, scanDate, Double(scanned) / (scan / 1000), mentions))
}

/// Times each ingest stage alone, one thread at a time (so process CPU is the stage's CPU), on the same
/// files, then the real `Ingester.run` pipeline on a fresh database.
func splitMode() throws {
    var files = InputExpander.expand([arguments[0]]).files
    if arguments.count > 1, let n = Int(arguments[1]) { files = Array(files.prefix(n)) }
    let n = Double(files.count)
    let folder = NSTemporaryDirectory() + "storebench-split-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    func report(_ stage: String, _ m: (cpu: Double, wall: Double)) {
        print(String(format: "STAGE %-10@ cpu_ms_per_article=%.3f wall_ms_per_article=%.3f cpu_s=%.2f wall_s=%.2f",
                     stage as NSString, m.cpu * 1000 / n, m.wall * 1000 / n, m.cpu, m.wall))
    }

    // The real pipeline first (page cache warmed by a read pass); STOREBENCH_STAGES=1 skips it.
    for file in files { _ = FileManager.default.contents(atPath: file.path) }
    if ProcessInfo.processInfo.environment["STOREBENCH_STAGES"] == nil {
    let pipelineStore = try CorpusStore(path: folder + "/pipeline.sqlite")
    let ingester = Ingester(store: pipelineStore)
    var summary = IngestSummary()
    let pipeline = try measure { summary = try ingester.run(files) }
    report("pipeline", pipeline)
    print(String(format: "PIPELINE articles_per_s=%.0f cpu_ms_per_article=%.3f cpu_utilisation=%.2f cores  (%@)",
                 n / pipeline.wall, pipeline.cpu * 1000 / n, pipeline.cpu / pipeline.wall, summary.line as NSString))
    try pipelineStore.close()
    }

    // Stage by stage, single-threaded.
    var datas: [Data] = []
    report("read", try measure { datas = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0.path)) } })
    var hashes: [String] = []
    report("hash", measure { hashes = datas.map { ContentHash.hex($0) } })
    let parser = ArticleParser()
    var pages: [ParsedPage?] = []
    report("parse", measure { pages = zip(files, datas).map { try? parser.parse(data: $1, path: $0.path) } })
    // The same parse on all cores (concurrentPerform), to see how well the parser scales by itself.
    if ProcessInfo.processInfo.environment["STOREBENCH_NO_PARALLEL"] == nil {
    report("parse-par", measure {
        var sink = [Int](repeating: 0, count: files.count)
        sink.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: files.count) { i in
                (base + i).pointee = (try? parser.parse(data: datas[i], path: files[i].path))?.article.wordCount ?? 0
            }
        }
    })
    }
    var prepared: [PreparedArticle?] = []
    report("prepare", measure {
        prepared = pages.map { $0.map { PreparedArticle(article: $0.article, rawText: $0.text, parserVersion: ArticleParser.version) } }
    })
    let outcomes: [Ingester.Outcome] = files.indices.compactMap { i in
        guard let p = prepared[i] else { return nil }
        return .ready(key: files[i].path, hash: hashes[i], size: datas[i].count, mtime: 0, p, warnings: [])
    }
    datas = []; pages = []; prepared = []
    // The write stage on a fresh database, STOREBENCH_WRITE_ROUNDS times (default 1); the least CPU is reported.
    let rounds = Int(ProcessInfo.processInfo.environment["STOREBENCH_WRITE_ROUNDS"] ?? "") ?? 1
    var written = IngestSummary()
    var bestWrite: (cpu: Double, wall: Double)?
    for round in 0..<max(1, rounds) {
        let store = try CorpusStore(path: folder + "/write\(round).sqlite")
        let writer = ArticleWriter()
        let writeIngester = Ingester(store: store)
        try writeIngester.configure(writer, inputs: outcomes.count)
        var sources = Ingester.KnownSources(files: [:], failed: [])
        written = IngestSummary()
        let batch = writeIngester.batchSize
        let m = try measure { try writeIngester.bulkWriting {
            var index = 0
            while index < outcomes.count {
                let slice = Array(outcomes[index..<min(outcomes.count, index + batch)])
                try writeIngester.writeBatch { db in
                    // As `Ingester.run` writes a batch (without savepoints).
                    for outcome in slice {
                        try writeIngester.write(outcome, writer: writer, sources: &sources, summary: &written, savepoint: false, db)
                        try writeIngester.indexIfDue(writer, savepoints: false, db)
                    }
                    try writer.flushIndex(db)
                }
                sources.commit()
                index += batch
            }
            try store.write { db in try writer.finish(db) }
        } }
        if bestWrite == nil || m.cpu < bestWrite!.cpu { bestWrite = m }
        try store.close()
        try? FileManager.default.removeItem(atPath: folder + "/write\(round).sqlite")
        try? FileManager.default.removeItem(atPath: folder + "/write\(round).sqlite-wal")
        try? FileManager.default.removeItem(atPath: folder + "/write\(round).sqlite-shm")
    }
    report("write", bestWrite!)
    print("WRITE \(written.line)")
}

/// Times `MinHash` (one-permutation hashing) against the previous 64-function scheme (`ReferenceMinHash`)
/// on a corpus's folded texts, and compares their near-duplicate decisions on every pair of articles
/// that shares a band key under either scheme, with the pair's true shingle Jaccard similarity.
func minHashMode() throws {
    var files = InputExpander.expand([arguments[0]]).files
    if arguments.count > 1, let n = Int(arguments[1]) { files = Array(files.prefix(n)) }
    let parser = ArticleParser()
    let texts: [[String]] = files.compactMap { file in
        guard let data = FileManager.default.contents(atPath: file.path), let page = try? parser.parse(data: data, path: file.path) else { return nil }
        return [SearchFold.index(page.article.lede), SearchFold.index(page.article.paragraphs.joined(separator: "\n\n"))]
    }
    var oldSignatures: [[UInt64]?] = [], newSignatures: [MinHash?] = []
    var words = 0
    var filled = 0, nilMismatch = 0
    for parts in texts {
        let old = ReferenceMinHash.values(foldedParts: parts)
        let new = MinHash(foldedParts: parts)
        if (old == nil) != (new == nil) { nilMismatch += 1 }
        oldSignatures.append(old); newSignatures.append(new)
        words += MinHash.wordHashes(parts).count
        if new != nil { filled += 1 }
    }
    // Candidate pairs: sharing a band key under either scheme.
    var buckets: [Int64: [Int32]] = [:]
    for (i, old) in oldSignatures.enumerated() {
        for key in old.map(ReferenceMinHash.bandKeys) ?? [] { buckets[key ^ 0x0D1D, default: []].append(Int32(i)) }
        for key in newSignatures[i]?.bandKeys ?? [] { buckets[key ^ 0x7E77, default: []].append(Int32(i)) }
    }
    var pairs = Set<Int64>()
    for members in buckets.values where members.count > 1 {
        for a in 0..<members.count { for b in (a + 1)..<members.count where members[a] != members[b] {
            let (x, y) = (min(members[a], members[b]), max(members[a], members[b]))
            pairs.insert(Int64(x) << 32 | Int64(y))
        } }
    }
    func similarity(_ a: [UInt64], _ b: [UInt64]) -> Double {
        Double(zip(a, b).filter { $0 == $1 }.count) / Double(a.count)
    }
    var shingleSets: [Int: Set<UInt64>] = [:]
    func shingles(_ i: Int) -> Set<UInt64> {
        if let known = shingleSets[i] { return known }
        let set = Set(ReferenceMinHash.shingles(MinHash.wordHashes(texts[i])))
        shingleSets[i] = set
        return set
    }
    var both = 0, oldOnly = 0, newOnly = 0, neither = 0
    var oldError = 0.0, newError = 0.0
    var disagreements: [(old: Double, new: Double, jaccard: Double)] = []
    for pair in pairs.sorted() {
        let i = Int(pair >> 32), j = Int(pair & 0xFFFF_FFFF)
        guard let oa = oldSignatures[i], let ob = oldSignatures[j], let na = newSignatures[i], let nb = newSignatures[j] else { continue }
        let so = similarity(oa, ob), sn = na.similarity(nb)
        let a = shingles(i), b = shingles(j)
        let jaccard = Double(a.intersection(b).count) / Double(a.union(b).count)
        oldError += abs(so - jaccard); newError += abs(sn - jaccard)
        let o = so >= MinHash.threshold, n = sn >= MinHash.threshold
        switch (o, n) {
        case (true, true): both += 1
        case (true, false): oldOnly += 1; disagreements.append((so, sn, jaccard))
        case (false, true): newOnly += 1; disagreements.append((so, sn, jaccard))
        case (false, false): neither += 1
        }
    }
    let candidates = both + oldOnly + newOnly + neither
    print(String(format: "MINHASH articles=%d signed=%d words_per_article=%.0f nil_mismatches=%d", texts.count, filled,
                 Double(words) / Double(max(1, texts.count)), nilMismatch))
    print(String(format: "MINHASH candidate_pairs=%d near_dup(>=%.1f): both=%d old_only=%d new_only=%d neither=%d mean_abs_error_vs_jaccard old=%.4f new=%.4f",
                 candidates, MinHash.threshold, both, oldOnly, newOnly, neither,
                 oldError / Double(max(1, candidates)), newError / Double(max(1, candidates))))
    for d in disagreements.sorted(by: { $0.jaccard < $1.jaccard }) {
        print(String(format: "MINHASH disagreement old=%.3f new=%.3f jaccard=%.3f", d.old, d.new, d.jaccard))
    }
    var oldNS: [Double] = [], newNS: [Double] = [], newWordsNS: [Double] = []
    var check: UInt64 = 0
    let n = Double(texts.count)
    for _ in 0..<5 {
        oldNS.append(wallMS { for parts in texts { check &+= ReferenceMinHash.values(foldedParts: parts)?[7] ?? 0 } } * 1e6 / n)
        newNS.append(wallMS { for parts in texts { check &+= MinHash(foldedParts: parts)?.values[7] ?? 0 } } * 1e6 / n)
        newWordsNS.append(wallMS { for parts in texts { check &+= UInt64(MinHash.wordHashes(parts).count) } } * 1e6 / n)
    }
    oldNS.sort(); newNS.sort(); newWordsNS.sort()
    print(String(format: "MINHASH ns_per_article old=%.0f new=%.0f (word hashes alone %.0f) speedup=%.2fx (median of 5) check=%llu",
                 oldNS[2], newNS[2], newWordsNS[2], oldNS[2] / newNS[2], check))
}

switch mode {
case "split": try splitMode()
case "rankcheck": try rankCheckMode()
case "cold":
    // StoreBench cold DB QUERY [single]: open the store and time its first search (as a one-shot CLI search does).
    if arguments.count > 2 { CorpusStore.parallelRankingMinimum = .max }
    var opened: CorpusStore?
    let open = try wallMS { opened = try CorpusStore(path: arguments[0], mode: .readOnly) }
    let first = try wallMS { _ = try opened!.search(arguments[1], limit: 10) }
    let second = try wallMS { _ = try opened!.search(arguments[1], limit: 10) }
    print(String(format: "COLD open_ms=%.1f first_search_ms=%.1f second_search_ms=%.1f", open, first, second))
case "minhash":
    // StoreBench minhash CORPUS [N]: MinHash of the folded lede and body of N articles (as PreparedArticle
    // computes it), previous 64-function scheme (ReferenceMinHash) and current code alternated, median of
    // 5 passes each; also near-duplicate decisions of both schemes on every pair sharing a band.
    try minHashMode()
case "searchloop":
    // Profiling aid: StoreBench searchloop DB QUERY N
    let store = try CorpusStore(path: arguments[0], mode: .readOnly)
    let n = Int(arguments[2]) ?? 20
    let ms = try wallMS { for _ in 0..<n { _ = try store.search(arguments[1], limit: 10) } }
    print(String(format: "SEARCHLOOP %.2f ms per query", ms / Double(n)))
case "rankloop":
    // Profiling aid: StoreBench rankloop DB QUERY N [SQL-FUNCTION]
    let store = try CorpusStore(path: arguments[0], mode: .readOnly)
    let expression = FTSQuery(arguments[1]).expression
    let function = arguments.count > 3 ? arguments[3] : "dateline_bm25"
    let n = Int(arguments[2]) ?? 20
    let ms = try store.pool.read { db in
        try wallMS { for _ in 0..<n { _ = try Row.fetchAll(db, sql: "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY \(function)(article_fts, 10.0, 4.0, 1.0) LIMIT 30", arguments: [expression]) } }
    }
    print(String(format: "RANKLOOP %.2f ms per query", ms / Double(n)))
default: try searchMode()
}
