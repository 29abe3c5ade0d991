import ArgumentParser
import DatelineCore
import DatelineStore
import Foundation

/// `dateline ingest PATH...`: parse page dumps into the corpus database.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Parse page dumps (files, folders, globs, JSON Lines) into the corpus database.",
        discussion: """
        Folders are read recursively (hidden files skipped); glob patterns are expanded when the shell
        did not. Files ending in .jsonl or .ndjson hold one JSON object per line with "text" and optional
        "title", "date", "url", "source", "lang".

        Re-running is cheap and safe: unchanged files are skipped, changed files update their article in
        place, exact copies are not stored twice and near-duplicate reprints are linked to the earliest
        copy. An interrupted ingest leaves a consistent database; run it again to finish.
        Ends with "added N, updated N, unchanged N, duplicate N, failed N"; exit status 1 if any failed.
        """
    )

    @Argument(help: "Files, folders or glob patterns to ingest.")
    var paths: [String]

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Refuse files larger than this many megabytes.")
    var maxSize: Double = 20

    @Option(help: "Articles written per transaction.")
    var batchSize: Int = 2_000

    @Option(help: ArgumentHelp(
        "Most near-duplicate index rows held in memory during the run (16 per article, about 46 bytes each).",
        discussion: "Past that they are written to the database and looked up there: less memory, somewhat slower.",
        valueName: "rows"))
    var nearDuplicateRows: Int = Ingester.defaultBucketIndexRows

    @Flag(help: "No progress display; only failures and the summary.")
    var quiet = false

    func validate() throws {
        guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1") }
        guard maxSize > 0 else { throw ValidationError("--max-size must be positive") }
        guard nearDuplicateRows > 0 else { throw ValidationError("--near-duplicate-rows must be at least 1") }
    }

    func run() throws {
        try reportingFailures {
            Dateline.keepFreedMemory()
            let (files, problems) = InputExpander.expand(paths)
            for problem in problems { Terminal.error(problem) }
            let store = try database.openForWriting()
            let ingester = Ingester(store: store, parser: ArticleParser(options: ParserOptions(maxBytes: Int(maxSize * 1_048_576))))
            ingester.batchSize = batchSize
            ingester.bucketIndexRows = nearDuplicateRows
            let progress = ProgressReporter(label: "ingest")
            if !quiet { ingester.onProgress = { progress.update($0) } }
            ingester.onFailure = { message in
                progress.finish()
                Terminal.error(message)
            }
            ingester.onWarning = { message in
                if !quiet { progress.finish(); Terminal.warn(message) }
            }
            let summary: IngestSummary
            do {
                summary = try ingester.run(files)
            } catch {
                progress.finish()
                throw error
            }
            progress.finish()
            Terminal.note(summary.line)
            if !quiet, ingester.bucketIndexRestarts > 0 {
                Terminal.note("near-duplicate index: full \(ingester.bucketIndexRestarts) time(s) at \(nearDuplicateRows) rows, "
                              + "written out and started again (--near-duplicate-rows raises the limit: faster, more memory)")
            }
            if summary.failed > 0 || !problems.isEmpty { throw ExitCode(1) }
        }
    }
}
