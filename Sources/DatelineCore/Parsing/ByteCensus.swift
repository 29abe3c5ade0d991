/// What `PageDecoder` needs to know about a page's bytes before accepting them, in one pass:
/// whether they are well-formed UTF-8 (and all ASCII), whether they hold a NUL, and how many of
/// their first 8,192 scalars are control codes. Eight ASCII bytes are checked at a time; other
/// bytes one scalar at a time.
struct ByteCensus {
    /// Scalars looked at for the control-code share.
    static let scalarLimit = 8192

    // `isASCII`, `control` and `total` hold only for accepted bytes: no NUL, well-formed.
    var hasNUL = false
    /// Well-formed UTF-8 (Unicode Table 3-7: no overlong forms, surrogates or scalars past
    /// U+10FFFF, no truncated sequence). Not decided when `hasNUL`.
    var isValid = true
    var isASCII = true
    /// Control codes (C0 other than TAB, LF, FF, CR; DEL; C1) and U+FFFD among the first scalars.
    var control = 0
    /// Scalars counted (at most `scalarLimit`).
    var total = 0

    /// Text whose characters are mostly control codes is not a page dump.
    var looksBinary: Bool { total > 0 && control * 10 > total }

    /// The census of a string's UTF-8.
    static func of(_ text: String) -> ByteCensus {
        var census = ByteCensus()
        TextFold.withUTF8(text) { census = of($0) }
        return census
    }

    /// The census of bytes. Stops at the first NUL; after the first ill-formed sequence only
    /// looks for a NUL.
    static func of(_ buf: UnsafeBufferPointer<UInt8>) -> ByteCensus {
        var c = ByteCensus()
        guard let p = buf.baseAddress else { return c }
        let n = buf.count
        // Counts live in locals (registers); they matter only when the bytes are accepted, so
        // only the last return stores them.
        var i = 0, total = 0, control = 0, isASCII = true
        // While at least eight more scalars are counted: the ASCII lanes before the first
        // non-ASCII byte of each word in bulk, then that one scalar.
        while i &+ 8 <= n && total <= scalarLimit - 8 {
            let x = ByteLanes.load(p, i)
            let high = x & ByteLanes.highs
            let k = high == 0 ? 8 : high.trailingZeroBitCount >> 3
            if k > 0 {
                let lanes: UInt64 = ~0 &>> UInt64(truncatingIfNeeded: 64 &- 8 &* k)
                let a = x & lanes
                var below = ByteLanes.asciiLanesBelow0x20(a) & lanes
                while below != 0 {
                    let b = UInt8(truncatingIfNeeded: a &>> UInt64(truncatingIfNeeded: below.trailingZeroBitCount & ~7))
                    if b == 0 { c.hasNUL = true; return c }
                    if b != 9 && b != 10 && b != 13 && b != 12 { control &+= 1 }
                    below &= below &- 1
                }
                let del = ByteLanes.asciiDELLanes(a)  // lanes past k are 0
                if del != 0 { control &+= ByteLanes.laneCount(del) }
                total &+= k
                i &+= k
                if k == 8 { continue }
            }
            // A non-ASCII scalar: counted, and a C1 control or U+FFFD counts as a control code.
            isASCII = false
            let len = validLength(p, n, i)
            if len == 0 { c.isValid = false; return c.finish(p, n, from: i) }
            let b = p[i]
            if b == 0xC2 {
                if p[i &+ 1] <= 0x9F { control &+= 1 }
            } else if b == 0xEF && p[i &+ 1] == 0xBF && p[i &+ 2] == 0xBD {
                control &+= 1
            }
            total &+= 1
            i &+= len
        }
        // The rest one scalar at a time, counting up to the scalar limit.
        while i < n {
            if total >= scalarLimit && i &+ 8 <= n {
                // Past the limit only well-formedness and NULs matter: skip ASCII lanes in bulk.
                let x = ByteLanes.load(p, i)
                let high = x & ByteLanes.highs
                let k = high == 0 ? 8 : high.trailingZeroBitCount >> 3
                if k > 0 {
                    let lanes: UInt64 = ~0 &>> UInt64(truncatingIfNeeded: 64 &- 8 &* k)
                    if ByteLanes.zeroLanes(x | ~lanes) != 0 { c.hasNUL = true; return c }
                    i &+= k
                    continue
                }
            }
            let b = p[i]
            if b < 0x80 {
                if b == 0 { c.hasNUL = true; return c }
                if total < scalarLimit {
                    total &+= 1
                    if b < 0x20 {
                        if b != 9 && b != 10 && b != 13 && b != 12 { control &+= 1 }
                    } else if b == 0x7F {
                        control &+= 1
                    }
                }
                i &+= 1
                continue
            }
            isASCII = false
            let len = validLength(p, n, i)
            if len == 0 { c.isValid = false; return c.finish(p, n, from: i) }
            if total < scalarLimit {
                total &+= 1
                if b == 0xC2 {
                    if p[i &+ 1] <= 0x9F { control &+= 1 }
                } else if b == 0xEF && p[i &+ 1] == 0xBF && p[i &+ 2] == 0xBD {
                    control &+= 1
                }
            }
            i &+= len
        }
        c.total = total
        c.control = control
        c.isASCII = isASCII
        return c
    }

    /// After a NUL or an ill-formed sequence at `start`: a NUL decides; otherwise look for one later.
    private func finish(_ p: UnsafePointer<UInt8>, _ n: Int, from start: Int) -> ByteCensus {
        var c = self
        if c.hasNUL { return c }
        var i = start
        while i &+ 8 <= n {
            if ByteLanes.zeroLanes(ByteLanes.load(p, i)) != 0 { break }
            i &+= 8
        }
        while i < n {
            if p[i] == 0 { c.hasNUL = true; break }
            i &+= 1
        }
        return c
    }

    /// The length of the well-formed UTF-8 sequence of two to four bytes starting at `i` (whose
    /// first byte is not ASCII), or 0 when it is ill-formed (Unicode Table 3-7).
    @inline(__always)
    static func validLength(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
        let b = p[i]
        if b < 0xC2 { return 0 }  // continuation byte or overlong lead
        if b < 0xE0 {
            return i &+ 1 < n && p[i &+ 1] & 0xC0 == 0x80 ? 2 : 0
        }
        if b < 0xF0 {
            guard i &+ 2 < n else { return 0 }
            let c1 = p[i &+ 1]
            let low: UInt8 = b == 0xE0 ? 0xA0 : 0x80    // no overlong forms
            let high: UInt8 = b == 0xED ? 0x9F : 0xBF   // no surrogates
            return c1 >= low && c1 <= high && p[i &+ 2] & 0xC0 == 0x80 ? 3 : 0
        }
        guard b <= 0xF4, i &+ 3 < n else { return 0 }
        let c1 = p[i &+ 1]
        let low: UInt8 = b == 0xF0 ? 0x90 : 0x80       // no overlong forms
        let high: UInt8 = b == 0xF4 ? 0x8F : 0xBF      // nothing past U+10FFFF
        return c1 >= low && c1 <= high && p[i &+ 2] & 0xC0 == 0x80 && p[i &+ 3] & 0xC0 == 0x80 ? 4 : 0
    }
}
