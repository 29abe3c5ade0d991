import DatelineCore
import Foundation

/// Where the corpus database is: `--db PATH`, else `$DATELINE_DB`, else `./dateline.sqlite`. When none
/// is named and the default file does not exist, read-only commands use the bundled `seeds/` corpus,
/// ingested once into a cache database. Shared by every command that reads a corpus.
public struct CorpusLocation: Sendable, Equatable {
    public enum Origin: Sendable, Equatable {
        /// Named with `--db`.
        case option
        /// Named by `$DATELINE_DB`.
        case environment
        /// `./dateline.sqlite` in the working directory.
        case defaultFile
        /// The cached database of the bundled seeds (for read-only use).
        case seeds(folder: String)
    }

    public var path: String
    public var origin: Origin

    /// The default database file name in the working directory.
    public static let defaultFileName = "dateline.sqlite"

    /// Resolves the database for a command. `forReading` commands fall back to the seeds corpus when
    /// no database is named and `./dateline.sqlite` does not exist (and the seeds can be found).
    public static func resolve(db: String?, forReading: Bool,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> CorpusLocation {
        if let db, !db.isEmpty { return CorpusLocation(path: db, origin: .option) }
        if let env = environment["DATELINE_DB"], !env.isEmpty { return CorpusLocation(path: env, origin: .environment) }
        let local = defaultFileName
        if forReading, !FileManager.default.fileExists(atPath: local),
           let seeds = seedsFolder(environment: environment),
           let cache = try? seedsCachePath(seeds: seeds, environment: environment) {
            return CorpusLocation(path: cache, origin: .seeds(folder: seeds))
        }
        return CorpusLocation(path: local, origin: .defaultFile)
    }

    /// A note for stderr when the location is not what the user named (the seeds fallback), else nil.
    public var note: String? {
        guard case let .seeds(folder) = origin else { return nil }
        return "note: no database given and ./\(Self.defaultFileName) does not exist; using the bundled seeds corpus (\(folder)), cached at \(path)"
    }

    /// Opens the store. For the seeds fallback, builds the cache first when it is missing.
    public func open(mode: CorpusStore.Mode = .readWrite, parser: ArticleParser = ArticleParser()) throws -> CorpusStore {
        if case let .seeds(folder) = origin, !FileManager.default.fileExists(atPath: path) {
            try Self.buildSeedsCache(folder: folder, at: path, parser: parser)
        }
        if case .seeds = origin { return try CorpusStore(path: path, mode: .readOnly) }
        return try CorpusStore(path: path, mode: mode)
    }

    // MARK: - Seeds

    /// `$DATELINE_SEEDS`, else `seeds/` near the executable (or up to three folders above it, as in a
    /// build tree), else `seeds/` of the source tree this file was compiled from.
    public static func seedsFolder(environment: [String: String] = ProcessInfo.processInfo.environment,
                                   sourceFile: String = #filePath) -> String? {
        let fm = FileManager.default
        func hasSeeds(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        if let env = environment["DATELINE_SEEDS"], !env.isEmpty {
            return hasSeeds(env) ? env : nil
        }
        var candidates: [URL] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        var folder = executable
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("seeds"))
            candidates.append(folder.appendingPathComponent("share/dateline/seeds"))
            folder = folder.deletingLastPathComponent()
        }
        // Sources/DatelineStore/CorpusLocation.swift → repository root.
        let root = URL(fileURLWithPath: sourceFile).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent("seeds"))
        return candidates.map(\.standardizedFileURL.path).first(where: hasSeeds)
    }

    /// `${XDG_CACHE_HOME:-~/.cache}/dateline/seeds-<hash>.sqlite`; the hash covers the seed files, the
    /// parser version and the schema version, so a change rebuilds the cache.
    public static func seedsCachePath(seeds: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let (files, _) = InputExpander.expand([seeds])
        var fingerprint = Data("parser \(ArticleParser.version) schema \(Schema.version)\n".utf8)
        for file in files {
            fingerprint.append(Data(((file.path as NSString).lastPathComponent + "\n").utf8))
            fingerprint.append(Data(ContentHash.hex(FileManager.default.contents(atPath: file.path) ?? Data()).utf8))
        }
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        }
        return "\(base)/dateline/seeds-\(ContentHash.hex(fingerprint).prefix(16)).sqlite"
    }

    /// Ingests the seeds into a temporary file, then renames it into place (so a crash or a concurrent
    /// run never leaves a half-built cache).
    static func buildSeedsCache(folder: String, at path: String, parser: ArticleParser) throws {
        let fm = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = "\(path).\(ProcessInfo.processInfo.processIdentifier).tmp"
        defer {
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: temporary + suffix) }
        }
        do {
            let store = try CorpusStore(path: temporary)
            let ingester = Ingester(store: store, parser: parser)
            _ = try ingester.run(InputExpander.expand([folder]).files)
            _ = try store.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try store.close()
        }
        if fm.fileExists(atPath: path) { return }
        try fm.moveItem(atPath: temporary, toPath: path)
    }
}
