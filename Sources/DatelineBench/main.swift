// dateline-bench: throughput benchmarks for DatelineCore.
//
//   dateline-bench parse [--rounds N] [--min-articles M] FILES...
//
// Each round parses the files (decode + parse, as `dateline ingest` does) until at least M articles
// have been parsed, and times it; the median over N rounds is printed as articles/s and MB/s. The
// same run times a baseline over the same files: decoding and newline normalization plus splitting
// the text into line strings, the least any line-based parser must do. Their ratio shows what the parser's
// own passes cost. One warm-up round of each is not counted.
import DatelineCore
import Foundation

/// A benchmark failure: the message names what was wrong.
struct BenchError: Error, CustomStringConvertible {
    var description: String
}

/// The measured median of one workload: wall-clock rates, and rates over the thread's CPU time
/// (steadier on a shared machine, where other processes take turns on the cores).
struct Measurement {
    var articlesPerSecond: Double
    var megabytesPerSecond: Double
    var secondsPerRound: Double
    var cpuArticlesPerSecond: Double
}

/// CPU time used by this thread so far, in seconds.
func threadCPUTime() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
    let v = values.sorted()
    return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
}

/// Times `body` (which processes `articles` articles of `bytes` bytes) over `rounds` rounds after a
/// warm-up and returns the median round.
func measure(rounds: Int, articles: Int, bytes: Int, _ body: () throws -> Void) rethrows -> Measurement {
    try body()  // warm-up: lazy tables, page cache
    var times: [Double] = []
    var cpuTimes: [Double] = []
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = threadCPUTime()
        try body()
        cpuTimes.append(threadCPUTime() - cpuStart)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    let wall = median(times)
    return Measurement(articlesPerSecond: Double(articles) / wall,
                       megabytesPerSecond: Double(bytes) / wall / 1e6,
                       secondsPerRound: wall,
                       cpuArticlesPerSecond: Double(articles) / median(cpuTimes))
}

/// Parsed `parse` arguments.
struct ParseOptions {
    var rounds = 5
    var minArticles = 1000
    var files: [String] = []

    init(_ args: ArraySlice<String>) throws {
        var it = args.makeIterator()
        while let arg = it.next() {
            switch arg {
            case "--rounds":
                guard let v = it.next().flatMap(Int.init), v > 0 else { throw BenchError(description: "--rounds needs a positive number") }
                rounds = v
            case "--min-articles":
                guard let v = it.next().flatMap(Int.init), v > 0 else { throw BenchError(description: "--min-articles needs a positive number") }
                minArticles = v
            default:
                if arg.hasPrefix("--") { throw BenchError(description: "unknown option \(arg)") }
                files.append(arg)
            }
        }
        if files.isEmpty { throw BenchError(description: "no input files given") }
    }
}

/// One round of the parse workload. Not inlined, so profilers (`bench/parse_instructions.sh`) can
/// count its instructions by name.
@inline(never)
func parseRound(_ inputs: [Data], paths: [String], passes: Int, parser: ArticleParser) throws -> Int {
    var sink = 0
    for _ in 0..<passes {
        for (i, data) in inputs.enumerated() {
            sink &+= try parser.parse(data: data, path: paths[i]).article.paragraphs.count
        }
    }
    return sink
}

/// One round of the baseline: decoding and newline normalization plus splitting the text into line
/// strings, the least any line-based parser must do.
@inline(never)
func baselineRound(_ inputs: [Data], paths: [String], passes: Int, decoder: PageDecoder) throws -> Int {
    var sink = 0
    for _ in 0..<passes {
        for (i, data) in inputs.enumerated() {
            let text = PageDecoder.normalizeNewlines(try decoder.decode(data, path: paths[i]).text)
            for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
                sink &+= String(decoding: line, as: UTF8.self).utf8.count
            }
        }
    }
    return sink
}

func runParse(_ options: ParseOptions) throws {
    let inputs: [Data] = try options.files.map { path in
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw BenchError(description: "\(path): cannot read (\(error.localizedDescription))")
        }
    }
    let passes = max(1, (options.minArticles + inputs.count - 1) / inputs.count)
    let articles = passes * inputs.count
    let bytes = passes * inputs.reduce(0) { $0 + $1.count }
    let parser = ArticleParser()
    let decoder = PageDecoder(maxBytes: parser.options.maxBytes)
    var sink = 0  // keeps results alive so the work is not optimized away

    let parse = try measure(rounds: options.rounds, articles: articles, bytes: bytes) {
        sink &+= try parseRound(inputs, paths: options.files, passes: passes, parser: parser)
    }
    let baseline = try measure(rounds: options.rounds, articles: articles, bytes: bytes) {
        sink &+= try baselineRound(inputs, paths: options.files, passes: passes, decoder: decoder)
    }

    func line(_ name: String, _ m: Measurement) -> String {
        String(format: "%@ %8.0f articles/s  %6.2f MB/s  (%.3f s per round; %.0f articles per CPU-second)",
               name, m.articlesPerSecond, m.megabytesPerSecond, m.secondsPerRound, m.cpuArticlesPerSecond)
    }
    print("files: \(inputs.count), \(bytes / passes) bytes; \(articles) articles per round; median of \(options.rounds) rounds")
    print(line("parse:   ", parse))
    print(line("baseline:", baseline) + "  [decode + split into lines]")
    print(String(format: "parse time / baseline time: %.1fx", baseline.articlesPerSecond / parse.articlesPerSecond))
    if sink == Int.min { print("") }
}

let usage = "usage: dateline-bench parse [--rounds N] [--min-articles M] FILES..."
let args = CommandLine.arguments.dropFirst()
do {
    switch args.first {
    case "parse": try runParse(ParseOptions(args.dropFirst()))
    case "-h", "--help": print(usage)
    default: throw BenchError(description: usage)
    }
} catch {
    FileHandle.standardError.write(Data("dateline-bench: \(error)\n".utf8))
    exit(2)
}
