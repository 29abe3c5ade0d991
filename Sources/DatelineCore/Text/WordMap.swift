import Foundation

/// A small open-addressing hash map from words to values, keyed by UTF-8 bytes with an FNV-1a
/// hash. Looking a word up costs a few nanoseconds and needs no `String` (the standard
/// `Dictionary` hashes with seeded SipHash, which dominated the per-token lookups of the parser).
struct WordMap<Value> {
    private var keys: [[UInt8]]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    /// An empty map sized for about `capacity` words before it grows.
    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: [], count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    @inline(__always)
    private static func equal(_ key: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count == bytes.count else { return false }
        return key.withUnsafeBufferPointer { k in
            guard let a = k.baseAddress, let b = bytes.baseAddress else { return true }  // both empty
            return memcmp(a, b, bytes.count) == 0
        }
    }

    /// The slot holding `bytes`, or the empty slot where it would go.
    @inline(__always)
    private func slot(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = Self.hash(bytes) & mask
        while values[i] != nil {
            if Self.equal(keys[i], bytes) { return i }
            i = (i + 1) & mask
        }
        return i
    }

    /// The value for the word whose UTF-8 bytes are `bytes`.
    func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        values[slot(bytes)]
    }

    /// The value for `word`.
    func value(_ word: String) -> Value? {
        var result: Value?
        TextFold.withUTF8(word) { result = value($0) }
        return result
    }

    /// Sets the value for `word`.
    mutating func set(_ word: String, _ value: Value) {
        if (count + 1) * 2 > keys.count { grow() }
        TextFold.withUTF8(word) { bytes in
            let i = slot(bytes)
            if values[i] == nil { count += 1; keys[i] = Array(bytes) }
            values[i] = value
        }
    }

    private mutating func grow() {
        let old = zip(keys, values).compactMap { key, value in value.map { (key, $0) } }
        let size = keys.count * 2
        keys = Array(repeating: [], count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
        count = 0
        for (key, value) in old { set(String(decoding: key, as: UTF8.self), value) }
    }
}

extension WordMap: Sendable where Value: Sendable {}
