import DatelineStore
import Foundation

/// The corpus a Lua engine reads, opened on first use (a script that never touches `corpus` never
/// opens the database). Attach one with `CorpusProvider.attach(_:to:)`; without one, the `corpus`
/// module opens the `db` setting (`LuaEngineOptions.settings["db"]`) if given.
public final class CorpusProvider {
    /// The `LuaEngine.userInfo` key.
    public static let userInfoKey = "dateline.corpus"

    private let opener: () throws -> CorpusStore
    private var opened: CorpusStore?
    private var failure: Error?

    /// A provider that calls `open` once, on first use (its error is reported to every later use too).
    public init(open: @escaping () throws -> CorpusStore) {
        self.opener = open
    }

    /// A provider for an already open store (tests, the REPL).
    public convenience init(store: CorpusStore) {
        self.init(open: { store })
    }

    /// Installs `provider` as the corpus of `engine`.
    public static func attach(_ provider: CorpusProvider, to engine: LuaEngine) {
        engine.userInfo[userInfoKey] = provider
    }

    /// The open store.
    public func store() throws -> CorpusStore {
        if let opened { return opened }
        if let failure { throw failure }
        do {
            let store = try opener()
            opened = store
            return store
        } catch {
            failure = error
            throw error
        }
    }

    /// The store of the engine running `call`, opening it if needed; errors name the calling function.
    static func store(for call: LuaCall) throws -> CorpusStore {
        guard let engine = call.engine else { throw call.error("no Lua engine") }
        let provider: CorpusProvider
        if let existing = engine.userInfo[userInfoKey] as? CorpusProvider {
            provider = existing
        } else if let path = engine.options.settings["db"], !path.isEmpty {
            provider = CorpusProvider {
                guard FileManager.default.fileExists(atPath: path) else {
                    throw CorpusOpenError(message: "no corpus database at \(path)")
                }
                return try CorpusStore(path: path)
            }
            engine.userInfo[userInfoKey] = provider
        } else {
            throw call.error("no corpus is open (run the script with `dateline run --db FILE`)")
        }
        do {
            return try provider.store()
        } catch {
            throw call.error("cannot open the corpus: \(error)")
        }
    }
}

/// Why the corpus could not be opened (one line).
public struct CorpusOpenError: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
