/// Eight-bytes-at-a-time ("SIMD within a register") tests on `UInt64` loads, for byte scanners
/// whose common case is a run of plain ASCII. Lane `k` of a word is the byte at offset `k`.
enum ByteLanes {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `p + i` (any alignment), lane 0 first.
    @inline(__always)
    static func load(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
    }

    /// The value with every lane set to `b`.
    @inline(__always)
    static func splat(_ b: UInt8) -> UInt64 { ones &* UInt64(b) }

    /// Nonzero when some lane of `x` is zero (lanes above a zero lane may be flagged too, so only
    /// "any" is exact).
    @inline(__always)
    static func zeroLanes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }

    /// Nonzero when some lane of `x` equals `b` (only "any" is exact).
    @inline(__always)
    static func lanesEqual(_ x: UInt64, _ b: UInt8) -> UInt64 { zeroLanes(x ^ splat(b)) }

    /// The high bit of each lane holding an ASCII letter (A–Z, a–z); exact per lane, for an
    /// all-ASCII `x`.
    @inline(__always)
    static func asciiLetterLanes(_ x: UInt64) -> UInt64 {
        let y = x | splat(0x20)                   // upper case to lower case; no other byte becomes a letter
        let atLeastA = y &+ splat(0x80 - 0x61)    // high bit set where y >= "a" (no carries: y < 0x80)
        let pastZ = y &+ splat(0x80 - 0x7B)       // high bit set where y > "z"
        return atLeastA & ~pastZ & highs
    }

    /// `x` with every ASCII upper-case letter lane lower-cased, for an all-ASCII `x`.
    @inline(__always)
    static func lowerASCII(_ x: UInt64) -> UInt64 {
        let atLeastA = x &+ splat(0x80 - 0x41)
        let pastZ = x &+ splat(0x80 - 0x5B)
        return x | ((atLeastA & ~pastZ & highs) >> 2)  // 0x80 >> 2 == 0x20
    }
}

extension ByteLanes {
    /// The high bit of each lane holding a byte of 0xCC or above (a UTF-8 lead byte of U+0300 or
    /// beyond); exact per lane.
    @inline(__always)
    static func lanesAtLeast0xCC(_ x: UInt64) -> UInt64 {
        ((x & ~highs) &+ splat(0x80 - 0x4C)) & x & highs
    }
}

extension ByteLanes {
    /// The number of lanes flagged in `m` (high bits only), without a popcount instruction
    /// (the default x86-64 target has none).
    @inline(__always)
    static func laneCount(_ m: UInt64) -> Int { Int(truncatingIfNeeded: ((m &>> 7) &* ones) &>> 56) }
}

extension ByteLanes {
    /// The high bit of each lane that is not an ASCII letter or digit (non-ASCII lanes included);
    /// exact per lane.
    @inline(__always)
    static func nonAlnumLanes(_ x: UInt64) -> UInt64 {
        let x7 = x & ~highs                       // no carries between lanes below
        let digit = (x7 &+ splat(0x80 - 0x30)) & ~(x7 &+ splat(0x80 - 0x3A))
        let y = x7 | splat(0x20)
        let letter = (y &+ splat(0x80 - 0x61)) & ~(y &+ splat(0x80 - 0x7B))
        return ~((digit | letter) & ~x) & highs
    }
}

extension ByteLanes {
    /// Writes `x` to the eight bytes at `p` (any alignment), lane 0 first.
    @inline(__always)
    static func store(_ x: UInt64, _ p: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(p).storeBytes(of: x.littleEndian, as: UInt64.self)
    }

    /// The high bit of each lane that lies in `lo...hi`; exact per lane, for an all-ASCII `x` (the
    /// sums then never carry into the next lane).
    @inline(__always)
    static func inRange(_ x: UInt64, _ lo: UInt8, _ hi: UInt8) -> UInt64 {
        (x &+ splat(0x80 &- lo)) & ~(x &+ splat(0x7F &- hi)) & highs
    }

    /// The high bit of each lane holding an ASCII letter or digit; exact per lane, for an all-ASCII `x`.
    @inline(__always)
    static func alphanumericLanes(_ x: UInt64) -> UInt64 {
        asciiLetterLanes(x) | inRange(x, 0x30, 0x39)
    }

    /// How many lanes of a mask like `inRange`'s have their high bit set (a multiply sums the lanes
    /// into the top one: cheaper than `nonzeroBitCount` without a POPCNT instruction).
    @inline(__always)
    static func countHighBits(_ mask: UInt64) -> Int {
        Int(((mask >> 7) &* ones) >> 56)
    }
}
