import ArgumentParser
import DatelineCore
import DatelineStore
import Foundation

/// The `--db` option shared by every command that uses a corpus, and how to open it.
/// Reuse with `@OptionGroup var database: DatabaseOptions`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The corpus database file.",
        discussion: "Default: $DATELINE_DB, else ./dateline.sqlite. Read-only commands use the bundled seeds corpus when neither exists.",
        valueName: "path"))
    var db: String?

    /// Where the corpus is for a read-only command (may be the seeds cache).
    var readingLocation: CorpusLocation { CorpusLocation.resolve(db: db, forReading: true) }

    /// Opens the corpus for a read-only command, printing a note on stderr when the seeds corpus is used.
    func openForReading(parser: ArticleParser = ArticleParser()) throws -> CorpusStore {
        let location = readingLocation
        if let note = location.note { Terminal.note(note) }
        if case .defaultFile = location.origin, !FileManager.default.fileExists(atPath: location.path) {
            throw StoreFailure("no corpus at ./\(CorpusLocation.defaultFileName); run `dateline ingest FILES...` first or pass --db")
        }
        return try Self.open { try location.open(mode: .readOnly, parser: parser) }
    }

    /// Opens (creating if needed) the corpus for a command that writes.
    func openForWriting() throws -> CorpusStore {
        let location = CorpusLocation.resolve(db: db, forReading: false)
        return try Self.open { try location.open(mode: .readWrite) }
    }

    private static func open(_ body: () throws -> CorpusStore) throws -> CorpusStore {
        do { return try body() } catch { throw StoreFailure(error) }
    }
}

/// A store or I/O failure reported as one line on stderr with exit status 1.
struct StoreFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
    init(_ error: Error) { description = "\(error)" }
}

extension ParsableCommand {
    /// Runs `body`, turning store failures into a one-line error and exit status 1.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(1)
        }
    }
}
