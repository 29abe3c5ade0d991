import Foundation

/// A small open-addressing hash map from words to values, keyed by UTF-8 bytes with an FNV-1a
/// hash. Looking a word up costs a few nanoseconds and needs no `String` (the standard
/// `Dictionary` hashes with seeded SipHash, which dominated the per-token lookups of the parser).
/// Keys live in one byte arena, so building and dropping a map costs a handful of allocations.
struct WordMap<Value> {
    /// Entry index + 1 per slot; 0 marks an empty slot.
    private var slots: [Int32]
    private var mask: Int
    /// All keys' bytes, back to back; entry `i`'s key is `arena[keyStart[i] ..< keyStart[i + 1]]`.
    private var arena: [UInt8] = []
    private var keyStart: [Int32] = [0]
    private var hashes: [Int] = []
    private var values: [Value] = []

    var count: Int { values.count }

    /// An empty map sized for about `capacity` words before it grows.
    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The slot holding `bytes` (with hash `h`), or the empty slot where it would go.
    @inline(__always)
    private func slot(_ bytes: UnsafeBufferPointer<UInt8>, hash h: Int) -> Int {
        var i = h & mask
        while true {
            let entry = Int(slots[i]) - 1
            if entry < 0 { return i }
            if hashes[entry] == h && keyEquals(entry, bytes) { return i }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    private func keyEquals(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(keyStart[entry]), end = Int(keyStart[entry + 1])
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            guard let base = a.baseAddress, let other = bytes.baseAddress else { return true }  // both empty
            return memcmp(base + start, other, bytes.count) == 0
        }
    }

    /// The value for the word whose UTF-8 bytes are `bytes`.
    func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        let entry = Int(slots[slot(bytes, hash: Self.hash(bytes))]) - 1
        return entry < 0 ? nil : values[entry]
    }

    /// The value for `word`.
    func value(_ word: String) -> Value? {
        var result: Value?
        TextFold.withUTF8(word) { result = value($0) }
        return result
    }

    /// Sets the value for `word`.
    mutating func set(_ word: String, _ value: Value) {
        TextFold.withUTF8(word) { set($0, value) }
    }

    /// Sets the value for the word whose UTF-8 bytes are `bytes`.
    mutating func set(_ bytes: UnsafeBufferPointer<UInt8>, _ value: Value) {
        let h = Self.hash(bytes)
        let i = slot(bytes, hash: h)
        let entry = Int(slots[i]) - 1
        if entry >= 0 { values[entry] = value; return }
        arena.append(contentsOf: bytes)
        keyStart.append(Int32(arena.count))
        hashes.append(h)
        values.append(value)
        slots[i] = Int32(values.count)
        if values.count * 2 > slots.count { grow() }
    }

    /// Doubles the slot table and re-places every entry.
    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for entry in hashes.indices {
            var i = hashes[entry] & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(entry + 1)
        }
    }
}

extension WordMap: Sendable where Value: Sendable {}
