import ArgumentParser

/// The `dateline` command: a thin front end that wires the library targets together.
/// Each subcommand lives in its own file under `Commands/`.
@main
struct Dateline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dateline",
        abstract: "A workbench for studying news coverage: parse, store, script and report on news pages.",
        discussion: """
        Typical session:
          dateline parse seeds/*.txt --json     # see the article model
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
            ScheduleCommand.self,
            DocsCommand.self,
        ]
    )
}
