import ArgumentParser
import DatelineCore
import DatelineStore
import Foundation

/// `dateline reparse`: re-parse stored page text after a parser upgrade.
struct ReparseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reparse",
        abstract: "Re-parse stored page text with the current parser (no original files needed).",
        discussion: """
        Articles stored by an older parser version are parsed again from the raw text kept at ingest
        and updated in place (tags are kept). Use --all to re-parse every article.
        """
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Re-parse every article, not only those from an older parser version.")
    var all = false

    @Flag(help: "No progress display.")
    var quiet = false

    func run() throws {
        try reportingFailures {
            Dateline.keepFreedMemory()
            let store = try database.openForWriting()
            let reparser = Reparser(store: store)
            let progress = ProgressReporter(label: "reparse")
            if !quiet { reparser.onProgress = { progress.update($0) } }
            let summary = try reparser.run(all: all)
            progress.finish()
            for failure in summary.failures { Terminal.error(failure) }
            Terminal.note("reparsed with parser version \(ArticleParser.version): updated \(summary.updated), unchanged \(summary.unchanged), merged as duplicates \(summary.duplicate), failed \(summary.failed)")
            if summary.failed > 0 { throw ExitCode(1) }
        }
    }
}
