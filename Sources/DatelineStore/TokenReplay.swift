import Foundation
import GRDB
import GRDBSQLite

/// SQLite's `unicode61` tokenizer, on the writer connection only, wrapped so that column values whose
/// tokens an ingest worker already found (`FTSTokens`) are handed to FTS5 without tokenizing them again.
///
/// Tokenizing was about half of what an FTS5 insert costs, on the single writer thread. The wrapper is
/// registered under the same name, so it applies to `article_fts` on this connection only; the
/// database schema, readers and other programs keep the built-in tokenizer. It replays tokens only
/// for document text whose bytes equal a value the writer announced with `whileIndexing` (so the
/// tokens are those of exactly that text) and only for the table's arguments the tokens were worked
/// out for (`remove_diacritics 2`); queries, deletions and anything else go to the built-in one.
final class TokenReplay: @unchecked Sendable {
    /// A column value and its tokens, announced for the statement being stepped.
    struct Value {
        var text: String
        var tokens: FTSTokens
    }

    private var pending: [Value] = []
    fileprivate let builtin: fts5_tokenizer
    fileprivate let builtinContext: UnsafeMutableRawPointer?
    /// Values replayed (for tests).
    private(set) var replayed = 0

    private init(builtin: fts5_tokenizer, context: UnsafeMutableRawPointer?) {
        self.builtin = builtin
        builtinContext = context
    }

    /// Whether new writer connections get the wrapper (tests compare indexes built with and without).
    nonisolated(unsafe) static var isEnabled = true

    private static let lock = NSLock()
    nonisolated(unsafe) private static var byConnection: [OpaquePointer: TokenReplay] = [:]

    /// The wrapper installed on `db`'s connection, if any.
    static func on(_ db: Database) -> TokenReplay? {
        guard let connection = db.sqliteConnection else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return byConnection[connection]
    }

    /// Installs the wrapper on a connection (before it first uses the full-text table).
    static func install(on db: Database) throws {
        guard let connection = db.sqliteConnection, let api = try fts5API(db) else { return }
        var builtin = fts5_tokenizer()
        var context: UnsafeMutableRawPointer?
        guard api.pointee.xFindTokenizer(api, "unicode61", &context, &builtin) == SQLITE_OK else { return }
        let replay = TokenReplay(builtin: builtin, context: context)
        var wrapper = fts5_tokenizer(xCreate: replayCreate, xDelete: replayDelete, xTokenize: replayTokenize)
        let box = Unmanaged.passRetained(replay).toOpaque()
        let code = api.pointee.xCreateTokenizer(api, "unicode61", box, &wrapper, replayDestroy)
        guard code == SQLITE_OK else {
            Unmanaged<TokenReplay>.fromOpaque(box).release()
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register the full-text tokenizer")
        }
        lock.lock()
        byConnection[connection] = replay
        lock.unlock()
    }

    /// The connection's FTS5 API (nil when SQLite has no FTS5).
    static func fts5API(_ db: Database) throws -> UnsafeMutablePointer<fts5_api>? {
        guard let connection = db.sqliteConnection else { return nil }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK, let statement else { return nil }
        defer { sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        withUnsafeMutablePointer(to: &api) { pointer in
            // SQLite keeps the type name and compares it later: it must outlive the statement (a static string).
            _ = sqlite3_bind_pointer(statement, 1, UnsafeMutableRawPointer(pointer), fts5PointerType, nil)
            _ = sqlite3_step(statement)
        }
        return api
    }

    /// Runs `body` with `values` announced: FTS5 document text equal to one of them gets its tokens.
    func whileIndexing<T>(_ values: [Value], _ body: () throws -> T) rethrows -> T {
        pending = values
        defer { pending.removeAll(keepingCapacity: true) }
        return try body()
    }

    /// The announced tokens for exactly these bytes, if any.
    fileprivate func tokens(for text: UnsafeRawBufferPointer) -> FTSTokens? {
        for value in pending where value.text.utf8.count == text.count {
            var candidate = value.text
            let same = candidate.withUTF8 { bytes in
                bytes.count == 0 || memcmp(bytes.baseAddress!, text.baseAddress!, bytes.count) == 0
            }
            if same {
                replayed += 1
                return value.tokens
            }
        }
        return nil
    }

    fileprivate static func unregister(_ replay: TokenReplay) {
        lock.lock()
        byConnection = byConnection.filter { $0.value !== replay }
        lock.unlock()
    }
}

/// The pointer type name `fts5()` expects, as a C string that is never freed.
private let fts5PointerType: UnsafePointer<CChar> = UnsafeRawPointer(("fts5_api_ptr" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)

/// One instance per full-text table using the tokenizer: the built-in instance plus whether the table's
/// arguments are those `FTSTokens` reproduces.
private struct ReplayInstance {
    var replay: Unmanaged<TokenReplay>
    var inner: OpaquePointer?
    var replayable: Bool
}

private let replayCreate: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UnsafePointer<CChar>?>?, Int32,
                                          UnsafeMutablePointer<OpaquePointer?>?) -> Int32 = { context, arguments, count, out in
    guard let context, let out else { return SQLITE_ERROR }
    let replay = Unmanaged<TokenReplay>.fromOpaque(context)
    let owner = replay.takeUnretainedValue()
    guard let create = owner.builtin.xCreate else { return SQLITE_ERROR }
    var inner: OpaquePointer?
    let code = create(owner.builtinContext, arguments, count, &inner)
    guard code == SQLITE_OK else { return code }
    let words = (0..<Int(count)).map { arguments?[$0].map { String(cString: $0) } ?? "" }
    let instance = UnsafeMutablePointer<ReplayInstance>.allocate(capacity: 1)
    instance.initialize(to: ReplayInstance(replay: replay, inner: inner, replayable: words == ["remove_diacritics", "2"]))
    out.pointee = OpaquePointer(instance)
    return SQLITE_OK
}

private let replayDelete: @convention(c) (OpaquePointer?) -> Void = { pointer in
    guard let pointer else { return }
    let instance = UnsafeMutablePointer<ReplayInstance>(pointer)
    instance.pointee.replay.takeUnretainedValue().builtin.xDelete?(instance.pointee.inner)
    instance.deinitialize(count: 1)
    instance.deallocate()
}

private let replayDestroy: @convention(c) (UnsafeMutableRawPointer?) -> Void = { context in
    guard let context else { return }
    let replay = Unmanaged<TokenReplay>.fromOpaque(context)
    TokenReplay.unregister(replay.takeUnretainedValue())
    replay.release()
}

private typealias TokenCallback = @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32

private let replayTokenize: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32,
                                            TokenCallback?) -> Int32 = { pointer, context, flags, text, length, emit in
    guard let pointer, let emit else { return SQLITE_ERROR }
    let instance = UnsafeMutablePointer<ReplayInstance>(pointer).pointee
    let owner = instance.replay.takeUnretainedValue()
    if instance.replayable, flags & FTS5_TOKENIZE_DOCUMENT != 0, let text, length > 0,
       let tokens = owner.tokens(for: UnsafeRawBufferPointer(start: text, count: Int(length))) {
        var code = SQLITE_OK
        tokens.ranges.withUnsafeBufferPointer { ranges in
            var k = 0
            while k < ranges.count && code == SQLITE_OK {
                let start = Int32(ranges[k]), end = Int32(ranges[k + 1])
                code = emit(context, 0, text + Int(start), end - start, start, end)
                k += 2
            }
        }
        return code == SQLITE_DONE ? SQLITE_OK : code
    }
    guard let tokenize = owner.builtin.xTokenize else { return SQLITE_ERROR }
    return tokenize(instance.inner, context, flags, text, length, emit)
}
