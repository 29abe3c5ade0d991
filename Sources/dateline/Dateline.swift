import ArgumentParser
import CMimalloc
import DatelineStore
import Foundation

/// The `dateline` command: a thin front end that wires the library targets together.
/// Each subcommand lives in its own file under `Commands/`.
@main
struct Dateline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dateline",
        abstract: "A workbench for studying news coverage: parse, store, script and report on news pages.",
        discussion: """
        Typical session:
          dateline parse seeds/*.txt --json        # see the article model
          dateline ingest ~/dumps                  # store a folder of page dumps
          dateline search '"strategic cohesion"'   # full-text search, diacritics ignored
          dateline run Scripts/briefing.lua --output briefing.html
          dateline repl                            # explore interactively

        With no database named (--db, $DATELINE_DB, ./dateline.sqlite), read-only commands
        use the bundled seeds. Exit status: 0 success, 1 failure, 2 usage error.
        """,
        version: "0.1.0",
        subcommands: [
            ParseCommand.self,
            IngestCommand.self,
            ReparseCommand.self,
            SearchCommand.self,
            ShowCommand.self,
            StatsCommand.self,
            RunCommand.self,
            ReplCommand.self,
            ScheduleCommand.self,
            DocsCommand.self,
        ]
    )

    /// For commands that build and free much memory for a while and then exit (ingest, reparse): freed
    /// pages stay with the allocator instead of going back to the system, so they are reused rather than
    /// faulted in again (on this VM a fresh page costs ~4 µs to zero; a 100k ingest took 320k page faults
    /// with the default, 120k with this and the smaller bulk cache). Long-lived commands keep the default.
    static func keepFreedMemory() {
        dateline_keep_freed_memory()
    }

    /// Like ArgumentParser's default entry point, but usage errors (unknown options, bad values,
    /// missing arguments) exit with status 2 as the commands document, not EX_USAGE (64).
    static func main() async {
        // One reference to mimalloc keeps the linker from dropping it: linked ahead of the C library,
        // its malloc and free serve the whole process (see ARCHITECTURE.md, "Memory allocator").
        _ = mi_version()
        // Before anything opens a database (see there).
        CorpusStore.configureProcess()
        CorpusStore.upgradeNotice = { path in
            FileHandle.standardError.write(Data("dateline: upgrading \(path) to the current schema (version \(Schema.version)); done once, can take a minute on a large corpus\n".utf8))
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
