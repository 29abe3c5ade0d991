import Foundation
import GRDB
import GRDBSQLite

/// `dateline_bm25(article_fts, weights...)`: FTS5's `bm25()` — the same formula, the same per-query
/// statistics (row count, average length, per-phrase IDF) and the same weights, so the same scores to
/// the last bit — except for how each row's length is read.
///
/// `bm25()` asks FTS5 for the row's size (`xColumnSize`), which runs a separate SQL statement against
/// `article_fts_docsize` for every matching row; on common terms that lookup was two thirds of the
/// ranking time (ranking 65,000 rows for "ASEAN" at 100k articles). Here the sizes come from a
/// per-connection cache of row lengths, filled on demand through one incremental blob handle per query
/// (`sqlite3_blob_reopen`) and dropped whenever the index changed (its structure record differs), and
/// the phrase frequencies are summed without building `xInst`'s merged instance array. Falls back to
/// `xColumnSize` for a row the handle cannot read.
enum SearchRank {
    static let functionName = "dateline_bm25"

    /// Registers the function on a connection (every connection the store opens).
    static func register(_ db: Database) {
        guard let connection = db.sqliteConnection, let api = fts5API(connection) else { return }
        let cache = Unmanaged.passRetained(LengthCache(connection: connection)).toOpaque()
        let rc = api.pointee.xCreateFunction(api, functionName, cache, rankFunction, releaseCache)
        if rc != SQLITE_OK { Unmanaged<LengthCache>.fromOpaque(cache).release() }
    }

    /// The connection's `fts5_api` (the documented `SELECT fts5(?1)` handshake).
    private static func fts5API(_ connection: OpaquePointer) -> UnsafeMutablePointer<fts5_api>? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK, let statement else { return nil }
        defer { sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        let type: StaticString = "fts5_api_ptr"
        withUnsafeMutablePointer(to: &api) { pointer in
            type.utf8Start.withMemoryRebound(to: CChar.self, capacity: type.utf8CodeUnitCount + 1) { name in
                _ = sqlite3_bind_pointer(statement, 1, pointer, name, nil)
                _ = sqlite3_step(statement)
            }
        }
        return api
    }
}

/// Row lengths (total tokens, what `xColumnSize(-1)` returns) of one connection's `article_fts`, by
/// rowid, valid for the index state recorded in `structure`. Only the connection's own thread touches it
/// (GRDB runs one statement at a time per connection).
private final class LengthCache {
    let connection: OpaquePointer
    /// `article_fts_data` row 10 (FTS5's structure record: segments and write counter) when filled,
    /// plus this connection's change count (its own uncommitted index changes are still pending in
    /// memory and not in the structure record, but its docsize rows are already written).
    private var structure: [UInt8] = []
    private var changes: Int32 = -1
    /// Length by rowid; -1 when not read yet.
    private var lengths: [Int32] = []
    private var blob: OpaquePointer?
    private var openFailures = 0
    private var buffer = [UInt8](repeating: 0, count: 64)

    init(connection: OpaquePointer) {
        self.connection = connection
    }

    deinit {
        closeBlob()
    }

    private func closeBlob() {
        if let blob { sqlite3_blob_close(blob) }
        blob = nil
    }

    /// Called at the start of each query: drops cached lengths when the index changed since they were
    /// read (any insert, delete or merge rewrites the structure record).
    func validate() {
        closeBlob()
        openFailures = 0
        var handle: OpaquePointer?
        var current: [UInt8] = []
        if sqlite3_blob_open(connection, "main", "article_fts_data", "block", 10, 0, &handle) == SQLITE_OK, let handle {
            let count = Int(sqlite3_blob_bytes(handle))
            current = [UInt8](repeating: 0, count: count)
            let ok = current.withUnsafeMutableBytes { sqlite3_blob_read(handle, $0.baseAddress, Int32(count), 0) == SQLITE_OK }
            if !ok { current = [] }
        }
        if let handle { sqlite3_blob_close(handle) }
        let changesNow = sqlite3_total_changes(connection)
        if current.isEmpty || current != structure || changesNow != changes {
            lengths.removeAll(keepingCapacity: true)
            structure = current
            changes = changesNow
        }
    }

    /// The row's total token count, or nil when it cannot be read this way.
    func length(_ rowid: Int64) -> Int? {
        let cacheable = !structure.isEmpty && rowid >= 0 && rowid < 1 << 24
        if cacheable, rowid < lengths.count {
            let known = lengths[Int(rowid)]
            if known >= 0 { return Int(known) }
        }
        guard let value = read(rowid) else { return nil }
        if cacheable {
            if Int(rowid) >= lengths.count {
                lengths.append(contentsOf: repeatElement(-1, count: max(Int(rowid) + 1, lengths.count * 2) - lengths.count))
            }
            lengths[Int(rowid)] = Int32(clamping: value)
        }
        return value
    }

    /// Reads `article_fts_docsize.sz` for the row: a run of SQLite varints, one per column.
    private func read(_ rowid: Int64) -> Int? {
        if let handle = blob {
            if sqlite3_blob_reopen(handle, rowid) != SQLITE_OK {
                // A failed reopen aborts the handle; open a fresh one next time.
                closeBlob()
                return nil
            }
        } else {
            guard openFailures < 3 else { return nil }
            var handle: OpaquePointer?
            guard sqlite3_blob_open(connection, "main", "article_fts_docsize", "sz", rowid, 0, &handle) == SQLITE_OK, let handle else {
                if let handle { sqlite3_blob_close(handle) }
                openFailures += 1
                return nil
            }
            blob = handle
        }
        guard let handle = blob else { return nil }
        let count = Int(sqlite3_blob_bytes(handle))
        guard count > 0, count <= buffer.count else { return nil }
        let ok = buffer.withUnsafeMutableBytes { sqlite3_blob_read(handle, $0.baseAddress, Int32(count), 0) == SQLITE_OK }
        guard ok else { return nil }
        // SQLite varints: big-endian groups of 7 bits, high bit set on all but the last byte (9 bytes max).
        var total = 0
        var value = 0
        var length = 0
        for i in 0..<count {
            let byte = buffer[i]
            length += 1
            if length == 9 {
                value = (value << 8) | Int(byte)
            } else {
                value = (value << 7) | Int(byte & 0x7F)
                if byte & 0x80 != 0 { continue }
            }
            total += value
            value = 0
            length = 0
        }
        return total
    }

    /// Ends the query's use of the blob handle (it must not outlive the statement's read).
    func finishQuery() {
        closeBlob()
    }
}

/// Statistics computed on a query's first row, kept as FTS5 auxiliary data for the query's lifetime.
private final class RankState {
    let idf: [Double]
    let averageLength: Double
    /// Per-phrase weighted frequency of the current row (a plain buffer: no copy-on-write or
    /// exclusivity checks in the per-instance loop).
    let frequency: UnsafeMutablePointer<Double>
    let lengths: LengthCache?

    init(idf: [Double], averageLength: Double, lengths: LengthCache?) {
        self.idf = idf
        self.averageLength = averageLength
        frequency = UnsafeMutablePointer<Double>.allocate(capacity: max(1, idf.count))
        frequency.initialize(repeating: 0, count: max(1, idf.count))
        self.lengths = lengths
        lengths?.validate()
    }

    deinit {
        lengths?.finishQuery()
        frequency.deallocate()
    }
}

private let releaseCache: @convention(c) (UnsafeMutableRawPointer?) -> Void = { raw in
    guard let raw else { return }
    Unmanaged<LengthCache>.fromOpaque(raw).release()
}

private let countRows: @convention(c) (UnsafePointer<Fts5ExtensionApi>?, OpaquePointer?, UnsafeMutableRawPointer?) -> Int32 = { _, _, user in
    user?.assumingMemoryBound(to: Int64.self).pointee += 1
    return SQLITE_OK
}

private let releaseState: @convention(c) (UnsafeMutableRawPointer?) -> Void = { raw in
    guard let raw else { return }
    Unmanaged<RankState>.fromOpaque(raw).release()
}

/// The statistics of `fts5Bm25GetData` in SQLite's fts5_aux.c, computed the same way.
private func makeState(_ x: Fts5ExtensionApi, _ fts: OpaquePointer) -> (RankState?, Int32) {
    let phrases = Int(x.xPhraseCount(fts))
    var rows: Int64 = 0
    var tokens: Int64 = 0
    var rc = x.xRowCount(fts, &rows)
    if rc == SQLITE_OK { rc = x.xColumnTotalSize(fts, -1, &tokens) }
    guard rc == SQLITE_OK else { return (nil, rc) }
    let averageLength = Double(tokens) / Double(rows)
    var idf = [Double](repeating: 0, count: phrases)
    for i in 0..<phrases {
        var hits: Int64 = 0
        rc = x.xQueryPhrase(fts, Int32(i), &hits, countRows)
        guard rc == SQLITE_OK else { return (nil, rc) }
        var value = log((Double(rows - hits) + 0.5) / (Double(hits) + 0.5))
        if value <= 0.0 { value = 1e-6 }
        idf[i] = value
    }
    let cache = x.xUserData(fts).map { Unmanaged<LengthCache>.fromOpaque($0).takeUnretainedValue() }
    return (RankState(idf: idf, averageLength: averageLength, lengths: cache), SQLITE_OK)
}

/// Per row: `fts5Bm25Function` in SQLite's fts5_aux.c, with the row length from `RankState`. The
/// phrase frequencies are summed phrase by phrase over the same position lists `xInst` merges (each
/// phrase's instances in the same order, so the same sums), without building the merged array.
private let rankFunction: fts5_extension_function = { api, fts, context, valueCount, values in
    guard let api, let fts, let context else { return }
    let x = api.pointee
    let state: RankState
    if let raw = x.xGetAuxdata(fts, 0) {
        state = Unmanaged<RankState>.fromOpaque(raw).takeUnretainedValue()
    } else {
        let (made, rc) = makeState(x, fts)
        guard let made else { sqlite3_result_error_code(context, rc); return }
        let pointer = Unmanaged.passRetained(made).toOpaque()
        let set = x.xSetAuxdata(fts, pointer, releaseState) // on failure FTS5 calls releaseState itself
        guard set == SQLITE_OK else { sqlite3_result_error_code(context, set); return }
        state = made
    }
    let k1 = 1.2
    let b = 0.75
    let phrases = state.idf.count
    let frequency = state.frequency
    // Column weights (the function's arguments after the table), 1.0 for columns without one.
    var weights: (Double, Double, Double, Double) = (1, 1, 1, 1)
    let given = Int(valueCount)
    if given > 0, let values {
        weights.0 = sqlite3_value_double(values[0])
        if given > 1 { weights.1 = sqlite3_value_double(values[1]) }
        if given > 2 { weights.2 = sqlite3_value_double(values[2]) }
        if given > 3 { weights.3 = sqlite3_value_double(values[3]) }
    }
    var rc = SQLITE_OK
    var iterator = Fts5PhraseIter()
    for p in 0..<phrases {
        var sum = 0.0
        var column: Int32 = 0
        var offset: Int32 = 0
        rc = x.xPhraseFirst(fts, Int32(p), &iterator, &column, &offset)
        if rc != SQLITE_OK { break }
        while column >= 0 {
            let weight: Double
            switch column {
            case 0: weight = given > 0 ? weights.0 : 1.0
            case 1: weight = given > 1 ? weights.1 : 1.0
            case 2: weight = given > 2 ? weights.2 : 1.0
            case 3: weight = given > 3 ? weights.3 : 1.0
            default: weight = given > Int(column) ? sqlite3_value_double(values![Int(column)]) : 1.0
            }
            sum += weight
            x.xPhraseNext(fts, &iterator, &column, &offset)
        }
        frequency[p] = sum
    }
    var length = 0.0
    if rc == SQLITE_OK {
        if let stored = state.lengths?.length(x.xRowid(fts)) {
            length = Double(stored)
        } else {
            var tokens: Int32 = 0
            rc = x.xColumnSize(fts, -1, &tokens)
            length = Double(tokens)
        }
    }
    guard rc == SQLITE_OK else { sqlite3_result_error_code(context, rc); return }
    let norm = k1 * (1 - b + b * length / state.averageLength)
    var score = 0.0
    for p in 0..<phrases {
        let f = frequency[p]
        score += state.idf[p] * ((f * (k1 + 1.0)) / (f + norm))
    }
    sqlite3_result_double(context, -1.0 * score)
}
