/// What `PageDecoder` needs to know about a page's bytes before accepting them, in one pass:
/// whether they are well-formed UTF-8 (and all ASCII), whether they hold a NUL, and how many of
/// their first 8,192 scalars are control codes; and, for `PageDecoder.normalizeNewlines`, whether
/// they hold a CR or a scalar NFC may change. Sixteen or eight ASCII bytes are checked at a time;
/// other bytes one scalar at a time.
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
    /// Holds a CR byte (decided for all the bytes, not only the first scalars).
    var hasCR = false
    /// Holds a scalar that may change under NFC (`NFCCheck`; decided for all the bytes).
    var mayChangeNFC = false

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
        var s = Tally()
        var i = 0
        // Words while eight more scalars stay within the limit, scalars up to the limit, words
        // past it (not counted), then the last few bytes.
        var step = words(p, n, &i, &s, counting: true)
        while step == .ok && i < n && s.total < scalarLimit { step = scalar(p, n, &i, &s) }
        if step == .ok { step = words(p, n, &i, &s, counting: false) }
        while step == .ok && i < n { step = scalar(p, n, &i, &s) }
        switch step {
        case .nul:
            c.hasNUL = true
            return c
        case .invalid:
            c.isValid = false
            return c.finish(p, n, from: i)
        case .ok:
            c.total = s.total
            c.control = s.control
            c.isASCII = s.isASCII
            c.hasCR = s.cr
            c.mayChangeNFC = s.nfc
            return c
        }
    }

    /// The census's running counts (see the properties of the same meaning).
    struct Tally {
        var total = 0, control = 0, isASCII = true, cr = false, nfc = false
    }

    /// How a step of the census ended; after `.invalid` the position is the ill-formed sequence.
    enum Step { case ok, nul, invalid }

    /// The bytes from `i` (a scalar boundary) eight at a time, while eight remain and, when
    /// `counting`, while eight more scalars stay within the limit; `i` ends on a scalar boundary
    /// (or at the ill-formed sequence). Per word, the ASCII lanes are looked at together and each
    /// non-ASCII scalar is validated where it starts, hopping over the ASCII lanes between them, so
    /// a word is loaded once. The counts live in locals (registers) during the loop.
    @inline(__always)
    static func words(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, _ s: inout Tally, counting: Bool) -> Step {
        var at = i
        var total = s.total, control = s.control, isASCII = s.isASCII, cr = s.cr, nfc = s.nfc
        defer {
            i = at
            s = Tally(total: total, control: control, isASCII: isASCII, cr: cr, nfc: nfc)
        }
        while at &+ 8 <= n && (!counting || total <= scalarLimit &- 8) {
            let x = ByteLanes.load(p, at)
            let high = x & ByteLanes.highs
            if high == 0 && at &+ 16 <= n {
                // Sixteen plain bytes (most of a page) in one test: when counting, printable ASCII
                // or LF (nothing to count but the scalars); past the limit, ASCII but NUL and CR.
                let y = ByteLanes.load(p, at &+ 8)
                if counting {
                    if total <= scalarLimit &- 16 && plainLanes(x) & plainLanes(y) == ByteLanes.highs {
                        total &+= 16
                        at &+= 16
                        continue
                    }
                } else if y & ByteLanes.highs == 0 && (zeroOrCRLanes(x) | zeroOrCRLanes(y)) == 0 {
                    at &+= 16
                    continue
                }
            }
            let ascii = ~x & ByteLanes.highs
            let x7 = x & ~ByteLanes.highs  // no carries between lanes below
            // ASCII lanes below 0x20: NUL, CR, TAB, LF, FF or a control code.
            var below = ~(x7 &+ ByteLanes.splat(0x60)) & ascii
            while below != 0 {
                let b = UInt8(truncatingIfNeeded: x &>> UInt64(truncatingIfNeeded: below.trailingZeroBitCount & ~7))
                if b == 0 { return .nul }
                if b == 13 {
                    cr = true
                } else if counting && b != 9 && b != 10 && b != 12 {
                    control &+= 1
                }
                below &= below &- 1
            }
            if counting {
                let del = (x7 &+ ByteLanes.ones) & ascii
                if del != 0 { control &+= ByteLanes.laneCount(del) }
                total &+= ByteLanes.laneCount(ascii)
            }
            if high == 0 {
                at &+= 8
                continue
            }
            isASCII = false
            let start = at, stop = at &+ 8
            var j = start &+ high.trailingZeroBitCount >> 3
            while true {
                let len = validLength(p, n, j)
                if len == 0 { at = j; return .invalid }
                let b = p[j]
                if counting {
                    // A C1 control or U+FFFD counts as a control code.
                    total &+= 1
                    if b == 0xC2 {
                        if p[j &+ 1] <= 0x9F { control &+= 1 }
                    } else if b == 0xEF && p[j &+ 1] == 0xBF && p[j &+ 2] == 0xBD {
                        control &+= 1
                    }
                }
                if b >= 0xCC && !nfc && scalarMayChangeNFC(p, j) { nfc = true }
                j &+= len
                if j >= stop { break }
                // The next non-ASCII lane at or after `j` (a stray continuation byte is ill-formed there).
                let rest = high & (~0 &<< UInt64(truncatingIfNeeded: 8 &* (j &- start)))
                if rest == 0 { j = stop; break }
                j = start &+ rest.trailingZeroBitCount >> 3
            }
            at = j
        }
        return .ok
    }

    /// One scalar at `i`, counted while fewer than `scalarLimit` are.
    @inline(__always)
    static func scalar(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, _ s: inout Tally) -> Step {
        let b = p[i]
        let counting = s.total < scalarLimit
        if b < 0x80 {
            if b == 0 { return .nul }
            if b == 13 { s.cr = true }
            if counting {
                s.total &+= 1
                if b < 0x20 {
                    if b != 9 && b != 10 && b != 13 && b != 12 { s.control &+= 1 }
                } else if b == 0x7F {
                    s.control &+= 1
                }
            }
            i &+= 1
            return .ok
        }
        s.isASCII = false
        let len = validLength(p, n, i)
        if len == 0 { return .invalid }
        if counting {
            s.total &+= 1
            if b == 0xC2 {
                if p[i &+ 1] <= 0x9F { s.control &+= 1 }
            } else if b == 0xEF && p[i &+ 1] == 0xBF && p[i &+ 2] == 0xBD {
                s.control &+= 1
            }
        }
        if b >= 0xCC && !s.nfc && scalarMayChangeNFC(p, i) { s.nfc = true }
        i &+= len
        return .ok
    }

    /// The high bit of each lane holding printable ASCII (0x20–0x7E) or LF: bytes the census
    /// neither counts as control codes nor decodes. Exact for an all-ASCII `x`; otherwise a carry
    /// out of a non-ASCII lane can only disturb the lanes above it, and that lane itself is never
    /// flagged, so "all eight lanes flagged" stays exact.
    @inline(__always)
    static func plainLanes(_ x: UInt64) -> UInt64 {
        let atLeastSpace = x &+ ByteLanes.splat(0x60)                      // high bit where the byte >= 0x20
        let del = x &+ ByteLanes.ones                                      // high bit where the byte >= 0x7F
        let lf = ~((x ^ ByteLanes.splat(0x0A)) &+ ByteLanes.splat(0x7F))  // high bit where the byte is LF
        return (atLeastSpace | lf) & ~del & ~x & ByteLanes.highs
    }

    /// Nonzero when some lane of `x` is NUL or CR (only "any" is exact).
    @inline(__always)
    static func zeroOrCRLanes(_ x: UInt64) -> UInt64 { ByteLanes.zeroLanes(x) | ByteLanes.lanesEqual(x, 13) }

    /// `NFCCheck.mayChange` for the well-formed scalar whose lead byte (0xCC or above) is at `i`;
    /// Vietnamese letters (U+1E00–U+1EFF: E1 B8–BB ..) and General Punctuation U+2002–U+203F
    /// (E2 80 82–BF: quotes, dashes) are answered from their bytes.
    @inline(__always)
    static func scalarMayChangeNFC(_ p: UnsafePointer<UInt8>, _ i: Int) -> Bool {
        let b = p[i], c1 = p[i &+ 1]
        if b == 0xE1 && c1 & 0xFC == 0xB8 { return false }
        if b == 0xE2 && c1 == 0x80 && p[i &+ 2] >= 0x82 { return false }
        return scalarMayChangeNFCSlow(p, i)
    }

    /// The general case of `scalarMayChangeNFC`, out of line: `NFCCheck`'s Unicode property look-ups
    /// would otherwise put their setup in every caller's prologue.
    @inline(never)
    static func scalarMayChangeNFCSlow(_ p: UnsafePointer<UInt8>, _ i: Int) -> Bool {
        let b = p[i]
        var v: UInt32, len: Int
        if b >= 0xF0 { v = UInt32(b & 0x07); len = 4 } else if b >= 0xE0 { v = UInt32(b & 0x0F); len = 3 } else { v = UInt32(b & 0x1F); len = 2 }
        for k in 1..<len { v = v << 6 | UInt32(p[i &+ k] & 0x3F) }
        return NFCCheck.mayChange(v)
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
