/// An open-addressing hash table from short byte strings (words as written, names) to values,
/// hashing and comparing keys eight bytes at a time.
///
/// The last chunk of a key is read as a whole 8-byte load and masked, so callers' key bytes must be
/// readable (initialized) for 8 bytes past their end: the entity workspace pads its buffers for
/// this. Keys are copied into one zero-padded arena. Not thread-safe (one per thread).
final class PaddedWordTable<Value> {
    private struct Entry {
        var hash: UInt64
        /// The key's first eight bytes (zeros past its end): for keys of up to eight bytes (most
        /// words) comparing it and the count compares the key, without reading the arena.
        var head: UInt64
        var keyStart: Int
        var keyCount: Int
        var value: Value
    }

    /// Entry index + 1 per slot; 0 marks an empty slot.
    private var slots: UnsafeMutablePointer<Int32>
    private var mask: Int
    private var entries: UnsafeMutablePointer<Entry>
    private var entryCapacity: Int
    private(set) var count = 0
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int

    /// Readable bytes a key must have past its end.
    static var padding: Int { 8 }

    /// An empty table sized for about `capacity` keys before it grows.
    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        mask = size - 1
        entryCapacity = max(capacity, 8)
        entries = .allocate(capacity: entryCapacity)
        arenaCapacity = entryCapacity * 8
        arena = .allocate(capacity: arenaCapacity + Self.padding)
        arena.initialize(repeating: 0, count: arenaCapacity + Self.padding)
    }

    deinit {
        entries.deinitialize(count: count)
        entries.deallocate()
        slots.deallocate()
        arena.deallocate()
    }

    /// Bytes `k ..< k + 8` of the key at `p` of `count` bytes, those past its end zeroed.
    @inline(__always)
    private static func chunk(_ p: UnsafePointer<UInt8>, _ k: Int, _ count: Int) -> UInt64 {
        let v = UInt64(littleEndian: UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self))
        let rest = count - k
        return rest >= 8 ? v : v & ((1 &<< (UInt64(truncatingIfNeeded: rest) &* 8)) &- 1)
    }

    /// The hash of the key of `count` bytes at `p` whose first chunk is `head`.
    @inline(__always)
    private static func hash(_ p: UnsafePointer<UInt8>, _ count: Int, head: UInt64) -> UInt64 {
        var h = ((UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15) ^ head) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        var k = 8
        while k < count {
            h = (h ^ chunk(p, k, count)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            k += 8
        }
        return h
    }

    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var k = 0
        repeat {
            if chunk(a, k, count) != chunk(b, k, count) { return false }
            k += 8
        } while k < count
        return true
    }

    /// The value for the key of `count` bytes at `p` (readable `padding` bytes further).
    @inline(__always)
    func value(_ p: UnsafePointer<UInt8>, _ count: Int) -> Value? {
        let head = Self.chunk(p, 0, count)
        let h = Self.hash(p, count, head: head)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[i]) &- 1
            if e < 0 { return nil }
            let entry = entries + e
            if entry.pointee.head == head, entry.pointee.keyCount == count,
               count <= 8 || Self.equal(arena + entry.pointee.keyStart + 8, p + 8, count &- 8) {
                return entry.pointee.value
            }
            i = (i &+ 1) & mask
        }
    }

    /// Adds the key of `count` bytes at `p` (readable `padding` bytes further), which must not be
    /// in the table yet.
    func insert(_ p: UnsafePointer<UInt8>, _ count: Int, _ value: Value) {
        let head = Self.chunk(p, 0, count)
        let h = Self.hash(p, count, head: head)
        if self.count == entryCapacity {
            let bigger = UnsafeMutablePointer<Entry>.allocate(capacity: entryCapacity * 2)
            bigger.moveInitialize(from: entries, count: self.count)
            entries.deallocate()
            entries = bigger
            entryCapacity *= 2
        }
        if arenaCount + count > arenaCapacity {
            let capacity = max(arenaCapacity * 2, arenaCount + count)
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + Self.padding)
            bigger.initialize(repeating: 0, count: capacity + Self.padding)
            bigger.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = bigger
            arenaCapacity = capacity
        }
        (arena + arenaCount).update(from: p, count: count)
        (entries + self.count).initialize(to: Entry(hash: h, head: head, keyStart: arenaCount, keyCount: count, value: value))
        arenaCount += count
        self.count += 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 { i = (i &+ 1) & mask }
        slots[i] = Int32(self.count)
        if self.count * 2 > mask + 1 { grow() }
    }

    /// Doubles the slot table and re-places every entry.
    private func grow() {
        let size = (mask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        mask = size - 1
        for e in 0..<count {
            var i = Int(truncatingIfNeeded: entries[e].hash) & mask
            while slots[i] != 0 { i = (i &+ 1) & mask }
            slots[i] = Int32(e + 1)
        }
    }
}
