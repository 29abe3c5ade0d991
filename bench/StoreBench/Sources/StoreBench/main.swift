import DatelineStore
import Foundation

/// Measures `CorpusStore.search` latency (ranking + snippets, top 10) and a few scans on an existing corpus.
/// Usage: StoreBench DB [ROUNDS]
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: StoreBench DB [ROUNDS]\n".utf8))
    exit(2)
}
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20
let queries = [
    "to lam", "Tô Lâm", "TO LAM", "\"strategic cohesion\"", "phạm minh chính", "renewable energy",
    "\"đường sắt tốc độ cao\"", "da nang", "semiconductor*", "rice NOT exports", "title:hun manet",
    "NEAR(investment billion, 5)", "Saysomphone", "chuyển đổi số", "ASEAN", "green finance",
]
let store = try CorpusStore(path: arguments[1], mode: .readOnly)

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let index = min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))
    return sorted[index]
}

func time(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

var all: [Double] = []
print("query\thits\tp50_ms\tp99_ms")
for query in queries {
    var hits = 0
    _ = try store.search(query, limit: 10) // warm-up
    var samples: [Double] = []
    for _ in 0..<rounds {
        samples.append(try time { hits = try store.search(query, limit: 10).count })
    }
    samples.sort()
    all += samples
    print("\(query)\t\(hits)\t\(String(format: "%.2f", percentile(samples, 0.5)))\t\(String(format: "%.2f", percentile(samples, 0.99)))")
}
all.sort()
let articles = try store.count()
print(String(format: "SEARCH p50_ms=%.2f p99_ms=%.2f queries=%d samples=%d articles=%d", percentile(all, 0.5), percentile(all, 0.99), queries.count, all.count, articles))

var scanned = 0
let scan = try time { try store.forEachArticle(ArticleQuery(order: .ingest)) { _ in scanned += 1; return true } }
let scanDate = try time { try store.forEachArticle(ArticleQuery()) { _ in true } }
let mentions = try time { _ = try store.count(ArticleQuery(mentions: "to lam")) }
print(String(format: "SCAN rows=%d ingest_order_ms=%.0f date_order_ms=%.0f rows_per_s=%.0f count_mentions_ms=%.1f",
             scanned, scan, scanDate, Double(scanned) / (scan / 1000), mentions))
