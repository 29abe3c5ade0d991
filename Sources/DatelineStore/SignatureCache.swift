import Foundation
import GRDB
import GRDBSQLite

/// The near-duplicate signatures (`minhash.signature`) the writer compares against, kept in memory by
/// article key: on 100k synthetic articles a new article shares an LSH band with about a hundred stored
/// ones, and reading each candidate's signature back from SQLite was the writer's largest cost.
/// Filled as signatures are written and, for articles stored by earlier runs, on first use.
/// Owned by one `ArticleWriter` (one thread); clear it whenever rows may have been rolled back.
final class SignatureCache {
    /// At most this many signatures (512 bytes each: 128 MB); beyond it, misses are read every time.
    let capacity: Int
    private var values: [UInt64] = []
    /// The low byte of each value, eight to a word (`fingerprintWords` words, one cache line, per slot):
    /// two signatures never share more values than their fingerprints share bytes, so most candidates
    /// are rejected from one cache line instead of eight (see `forEachSimilar`).
    private var fingerprints: [UInt64] = []
    static let fingerprintWords = MinHash.hashCount / 8
    /// Slot (index into `values` / `hashCount`) of each article key, -1 for none. Article keys are
    /// rowids handed out in sequence, so a flat array replaces a dictionary: candidates are looked up
    /// about a hundred times per new article at 100k articles, and hashing each key cost more than
    /// comparing its signature. Keys beyond `directKeys` (a sparse, hand-edited rowid space) use `farSlots`.
    private var slotByKey: [Int32] = []
    private var farSlots: [Int64: Int32] = [:]
    static let directKeys: Int64 = 1 << 26
    /// For every direct key whose signature was set or read, held or not: the first two words of its
    /// `fingerprint`, the low bytes of its first `shortPrintValues` values (both zero: not known). A pair
    /// needs 52 of 64 shared values to be near-duplicates, so at least 4 of these 16 bytes: one candidate
    /// in millions of unrelated ones gets past this, so a signature the cache has no room for is read back
    /// from `minhash` only for the few candidates that may match, not for every candidate (16 bytes per
    /// article: 16 MB at a million).
    private var shortPrints: [UInt64] = []
    static let shortPrintValues = 2 * 8
    /// Signatures read back from `minhash` since the cache was made (tests and benchmarks).
    private(set) var reads = 0

    init(capacity: Int = 262_144) {
        self.capacity = capacity
    }

    func removeAll() {
        values.removeAll(keepingCapacity: true)
        fingerprints.removeAll(keepingCapacity: true)
        slotByKey.removeAll(keepingCapacity: true)
        farSlots.removeAll()
        shortPrints.removeAll(keepingCapacity: true)
    }

    /// Records a direct key's short print from its signature's `fingerprint`, or with nil forgets it.
    /// (A print of all zeros reads as unknown: such a vanishingly rare one is just not used.)
    private func setShortPrint(_ key: Int64, _ fingerprint: [UInt64]?) {
        guard key >= 0 && key < Self.directKeys else { return }
        let at = Int(key) * 2
        if at >= shortPrints.count {
            guard fingerprint != nil else { return }
            shortPrints.append(contentsOf: repeatElement(0, count: max(at + 2 - shortPrints.count, shortPrints.count / 4 * 2)))
        }
        shortPrints[at] = fingerprint?[0] ?? 0
        shortPrints[at + 1] = fingerprint?[1] ?? 0
    }

    private func slot(_ key: Int64) -> Int32? {
        slotByKey.withUnsafeBufferPointer { slot(key, in: $0) }
    }

    /// `slot(_:)` with the direct slots already at hand (the comparison loop reads many in a row).
    @inline(__always)
    private func slot(_ key: Int64, in direct: UnsafeBufferPointer<Int32>) -> Int32? {
        guard key >= 0 && key < Self.directKeys else { return farSlots[key] }
        let index = Int(key)
        guard index < direct.count, direct[index] >= 0 else { return nil }
        return direct[index]
    }

    private func setSlot(_ key: Int64, _ slot: Int32?) {
        if key >= 0 && key < Self.directKeys {
            let index = Int(key)
            if index >= slotByKey.count {
                guard slot != nil else { return }
                slotByKey.append(contentsOf: repeatElement(-1, count: max(index + 1 - slotByKey.count, slotByKey.count / 2)))
            }
            slotByKey[index] = slot ?? -1
        } else {
            farSlots[key] = slot
        }
    }

    /// Records (or replaces) an article's signature.
    func set(_ key: Int64, _ signature: [UInt64]) {
        guard signature.count == MinHash.hashCount else { return }
        let print = signature.withUnsafeBufferPointer { Self.fingerprint($0) }
        setShortPrint(key, print)
        if let slot = slot(key) {
            let base = Int(slot) * MinHash.hashCount
            values.replaceSubrange(base..<(base + MinHash.hashCount), with: signature)
            let words = Int(slot) * Self.fingerprintWords
            fingerprints.replaceSubrange(words..<(words + Self.fingerprintWords), with: print)
        } else if values.count / MinHash.hashCount < capacity {
            setSlot(key, Int32(values.count / MinHash.hashCount))
            values.append(contentsOf: signature)
            fingerprints.append(contentsOf: print)
        }
    }

    /// The low byte of each of a signature's values, packed eight to a word.
    static func fingerprint(_ signature: UnsafeBufferPointer<UInt64>) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: fingerprintWords)
        for (i, value) in signature.prefix(MinHash.hashCount).enumerated() {
            words[i >> 3] |= (value & 0xFF) << UInt64((i & 7) * 8)
        }
        return words
    }

    /// How many bytes of a word are zero (of the xor of two fingerprint words: how many they share).
    @inline(__always)
    static func sharedBytes(_ x: UInt64) -> Int {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // Each byte of `x` that is zero gets its top bit set, with no carries between bytes.
        return (~(((x & low) &+ low) | x | low)).nonzeroBitCount
    }

    /// How many bytes two fingerprints share, position by position: an upper bound on how many values
    /// their signatures share.
    @inline(__always)
    static func sharedBytes(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>) -> Int {
        var shared = 0
        for i in 0..<fingerprintWords { shared &+= sharedBytes(a[i] ^ b[i]) }
        return shared
    }

    /// Forgets an article (replaced without a signature, or deleted).
    func remove(_ key: Int64) {
        setShortPrint(key, nil)
        guard let slot = slot(key) else { return }
        setSlot(key, nil)
        // The slot stays allocated but unreachable (slots are never renumbered).
        let base = Int(slot) * MinHash.hashCount
        for i in base..<(base + MinHash.hashCount) { values[i] = 0 }
        let words = Int(slot) * Self.fingerprintWords
        for i in words..<(words + Self.fingerprintWords) { fingerprints[i] = 0 }
    }

    /// Calls `body` with each distinct key of `sorted` (ascending, duplicates adjacent) whose stored
    /// signature is at least `threshold` similar to `mine` (`MinHash.similarity`), and that similarity,
    /// in key order: the same calls as `forEach` filtered by similarity, but a held signature is read
    /// only when its fingerprint shares enough bytes with `mine`'s to reach the threshold.
    func forEachSimilar(distinct sorted: [Int64], to mine: UnsafeBufferPointer<UInt64>, atLeast threshold: Double,
                        _ db: Database, _ body: (Int64, Double) -> Void) throws {
        guard mine.count == MinHash.hashCount else { return }
        let print = Self.fingerprint(mine)
        // The fewest shared bytes that can still give `threshold`: similarity is shared values / hashCount.
        var needed = 0
        while needed <= MinHash.hashCount, Double(needed) / Double(MinHash.hashCount) < threshold { needed += 1 }
        // Of a short print's bytes, at least this many must be shared (all the other values may be).
        let neededShort = needed - (MinHash.hashCount - Self.shortPrintValues)
        let (short0, short1) = (print[0], print[1])
        try forEach(distinct: sorted, db, prefilter: { theirs in
            print.withUnsafeBufferPointer { Self.sharedBytes($0.baseAddress!, theirs) } >= needed
        }, unheld: { key in
            // Not held: read back unless its short print rules it out.
            guard neededShort > 0, key >= 0, Int(key) * 2 + 1 < self.shortPrints.count else { return true }
            let (a, b) = (self.shortPrints[Int(key) * 2], self.shortPrints[Int(key) * 2 + 1])
            guard a | b != 0 else { return true }
            return Self.sharedBytes(a ^ short0) + Self.sharedBytes(b ^ short1) >= neededShort
        }) { key, theirs in
            let similarity = MinHash.similarity(mine, theirs)
            if similarity >= threshold { body(key, similarity) }
        }
    }

    /// Calls `body` with each distinct key of `sorted` (ascending, duplicates adjacent) that has a stored
    /// signature, in that order.
    func forEach(distinct sorted: [Int64], _ db: Database, _ body: (Int64, UnsafeBufferPointer<UInt64>) -> Void) throws {
        try forEach(distinct: sorted, db, prefilter: nil, unheld: nil, body)
    }

    /// `forEach`, skipping held signatures whose fingerprint `prefilter` turns down, and signatures not
    /// held that `unheld` turns down by key before they are read (those read are always passed to `body`).
    private func forEach(distinct sorted: [Int64], _ db: Database, prefilter: ((UnsafePointer<UInt64>) -> Bool)?,
                         unheld: ((Int64) -> Bool)?, _ body: (Int64, UnsafeBufferPointer<UInt64>) -> Void) throws {
        // Articles of earlier runs are read back from `minhash` first (kept here unless the cache is full).
        var uncached: [Int64: [UInt64]] = [:]
        var previous: Int64?
        for key in sorted where key != previous {
            previous = key
            if slot(key) == nil, unheld?(key) ?? true, let signature = try load(key, db), slot(key) == nil { uncached[key] = signature }
        }
        previous = nil
        values.withUnsafeBufferPointer { all in
          fingerprints.withUnsafeBufferPointer { prints in
            slotByKey.withUnsafeBufferPointer { slots in
                for key in sorted where key != previous {
                    previous = key
                    if let slot = slot(key, in: slots) {
                        if let prefilter, !prefilter(prints.baseAddress! + Int(slot) * Self.fingerprintWords) { continue }
                        body(key, UnsafeBufferPointer(start: all.baseAddress! + Int(slot) * MinHash.hashCount, count: MinHash.hashCount))
                    } else if let signature = uncached[key] {
                        signature.withUnsafeBufferPointer { body(key, $0) }
                    }
                }
            }
          }
        }
    }

    /// Reads an article's signature from `minhash` and keeps it when there is room; nil when it has none.
    private func load(_ key: Int64, _ db: Database) throws -> [UInt64]? {
        reads += 1
        guard let signature = try BandTable.storedSignature(of: key, db) else { return nil }
        set(key, signature)
        return signature
    }
}
