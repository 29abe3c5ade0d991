/// What `PageDecoder` needs to know about a page's UTF-8 bytes before accepting it: whether it
/// holds a NUL, and how many of its first 8,192 scalars are control codes. One pass, eight bytes
/// at a time; only words holding a control byte, C2 or EF are looked at byte by byte.
struct ByteCensus {
    /// Scalars looked at for the control-code share.
    static let scalarLimit = 8192

    var hasNUL = false
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

    /// The census of UTF-8 bytes. Stops at the first NUL (`hasNUL` then decides).
    static func of(_ buf: UnsafeBufferPointer<UInt8>) -> ByteCensus {
        var c = ByteCensus()
        guard let p = buf.baseAddress else { return c }
        let n = buf.count
        var i = 0
        // Bytes, not decoded scalars: a scalar starts at every byte that is not a continuation
        // byte; C1 controls are C2 80–C2 9F and U+FFFD is EF BF BD in UTF-8.
        while i < n && c.total < scalarLimit {
            if i + 8 <= n && c.total <= scalarLimit - 8 {
                let x = ByteLanes.load(p, i)
                let ascii = x & ByteLanes.highs == 0
                var special = ByteLanes.lanesBelow(x, 0x20) | ByteLanes.lanesEqual(x, 0x7F)
                if !ascii { special |= ByteLanes.lanesEqual(x, 0xC2) | ByteLanes.lanesEqual(x, 0xEF) }
                if special == 0 {
                    c.total += 8 - ByteLanes.continuationLanes(x).nonzeroBitCount
                    i += 8
                    continue
                }
                // At most eight more scalars: the limit cannot be reached inside the word.
                let end = i + 8
                while i < end {
                    if c.step(p, n, &i) { return c }
                }
                continue
            }
            if c.step(p, n, &i) { return c }
        }
        // Past the counted scalars only NULs matter.
        while i + 8 <= n {
            if ByteLanes.zeroLanes(ByteLanes.load(p, i)) != 0 { break }
            i += 8
        }
        while i < n {
            if p[i] == 0 { c.hasNUL = true; return c }
            i += 1
        }
        return c
    }

    /// Counts the byte at `i` and moves past it; true at a NUL.
    @inline(__always)
    private mutating func step(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int) -> Bool {
        let b = p[i]
        i += 1
        if b < 0x80 {
            total += 1
            if b < 0x20 {
                if b == 0 { hasNUL = true; return true }
                if b != 9 && b != 10 && b != 13 && b != 12 { control += 1 }
            } else if b == 0x7F {
                control += 1
            }
            return false
        }
        if b & 0xC0 == 0x80 { return false }
        total += 1
        if b == 0xC2, i < n, p[i] <= 0x9F { control += 1 }
        if b == 0xEF, i + 1 < n, p[i] == 0xBF, p[i + 1] == 0xBD { control += 1 }
        return false
    }
}
