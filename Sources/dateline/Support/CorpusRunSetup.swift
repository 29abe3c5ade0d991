import DatelineLua
import DatelineStore
import Foundation

/// Plugs the corpus into `dateline run`: the `corpus` and `stats` modules read `--db`, else
/// `$DATELINE_DB`, else `./dateline.sqlite`, else the bundled seeds (cached), opened on first use.
enum CorpusRunSetup {
    static let setup = RunSetup(
        prepare: { engine, settings in
            let db = settings.db
            CorpusProvider.attach(CorpusProvider {
                // Resolved on first use: finding the seeds hashes their files, which `print(1)` should not pay for.
                let location = CorpusLocation.resolve(db: db, forReading: true)
                if let note = location.note { Terminal.note(note) }
                if case .seeds = location.origin {} else if !FileManager.default.fileExists(atPath: location.path) {
                    throw CorpusOpenError(message: "no corpus database at \(location.path); run `dateline ingest FILES...` first or pass --db")
                }
                return try location.open(mode: .readWrite)
            }, to: engine)
        }
    )
}
