/// Eight bytes at a time in one register ("SWAR"), for the runs of ASCII that make up most of news
/// text: line measuring and key folding test or lower-case a whole word of bytes with a few
/// arithmetic operations instead of a branch per byte. Words are read little-endian: byte `k` of the
/// text is bits `8k ..< 8k + 8`.
enum ByteWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let high: UInt64 = 0x8080_8080_8080_8080

    /// The 8 bytes at `p` (any alignment).
    @inline(__always)
    static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    @inline(__always)
    static func store(_ w: UInt64, _ p: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(p).storeBytes(of: w.littleEndian, as: UInt64.self)
    }

    /// The high bit of each byte that lies in `lo...hi`, for a word of ASCII bytes (below 0x80;
    /// the sums below then never carry into the next byte).
    @inline(__always)
    static func inRange(_ w: UInt64, _ lo: UInt8, _ hi: UInt8) -> UInt64 {
        (w &+ ones &* UInt64(0x80 &- lo)) & ~(w &+ ones &* UInt64(0x7F &- hi)) & high
    }

    /// ASCII letters and digits (high bit of each such byte).
    @inline(__always)
    static func alphanumerics(_ w: UInt64) -> UInt64 {
        inRange(w | (ones &* 0x20), 0x61, 0x7A) | inRange(w, 0x30, 0x39)
    }

    /// How many bytes of a mask like `inRange`'s have their high bit set (a multiply sums the
    /// bytes into the top one: cheaper than `nonzeroBitCount` without a POPCNT instruction).
    @inline(__always)
    static func countHighBits(_ mask: UInt64) -> Int {
        Int(((mask >> 7) &* ones) >> 56)
    }

    /// A word of ASCII bytes with A–Z lower-cased.
    @inline(__always)
    static func lowercased(_ w: UInt64) -> UInt64 {
        w | (inRange(w, 0x41, 0x5A) >> 2)
    }
}
