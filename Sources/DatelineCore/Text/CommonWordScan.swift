/// Counts `LanguageDetector` detection words in UTF-8 text without making strings: the tokens are
/// exactly `Tokenizer`'s, each is lower-cased into a `UInt64` key (its UTF-8 bytes, lane 0 first;
/// every detection word fits in eight bytes) and looked up in a small open-addressed table.
enum CommonWordScan {
    /// The number of tokens in `buf[0..<end]` (`end` on a scalar boundary) and, per language of
    /// `LanguageDetector.languages`, how many of them lower-cased are detection words.
    /// Bytes of `buf` past `end` are never part of a token (they may be read, then masked off).
    static func hits(_ buf: UnsafeBufferPointer<UInt8>, end: Int) -> (words: Int, hits: [Int]) {
        guard let p = buf.baseAddress, end > 0 else { return (0, Array(repeating: 0, count: table.languages)) }
        let count = buf.count  // bytes up to here may be read; tokens end at `end`
        var tally = Tally()
        table.slots.withUnsafeBufferPointer { slots in
            let slots = slots.baseAddress!
            // The scanner of `Tokenizer.scanBytes` on `buf[0..<end]`, a token at a time.
            var i = 0
            while i < end {
                // Skip to the next token: it starts at a letter or digit (a stray mark is skipped).
                let b = p[i]
                if b < 0x80 {
                    if !isAlnum(b) { i &+= 1; continue }
                    // Most tokens are ASCII letters or digits ended by ASCII punctuation that cannot
                    // join: find the end eight bytes at a time and count the token without the
                    // general loop below.
                    if i &+ 8 <= count {
                        var j = i
                        var stop = ByteLanes.nonAlnumLanes(ByteLanes.load(p, j))
                        while stop == 0 && j &+ 16 <= count {
                            j &+= 8
                            stop = ByteLanes.nonAlnumLanes(ByteLanes.load(p, j))
                        }
                        let e = j &+ stop.trailingZeroBitCount >> 3  // meaningful only when stop != 0
                        if stop != 0 && e < end {
                            let c = p[e]
                            // An apostrophe or hyphen may join; "." or "," only after a digit.
                            if c < 0x80 && c != 0x27 && c != 0x2D && !((c == 0x2E || c == 0x2C) && p[e &- 1] < 0x40) {
                                tally.add(asciiKey(p, count, i, e), slots)
                                i = e &+ 1  // `c` is skipped
                                continue
                            }
                        }
                    }
                } else {
                    let (u, len) = UTF8Scan.decode(buf, at: i)
                    let k = Tokenizer.kind(u)
                    if k == .other || k == .mark { i &+= len; continue }
                }
                let start = i
                var nonASCII = false
                var last: Tokenizer.Kind = .other
                while i < end {
                    let c = p[i]
                    if c < 0x80 {
                        if isAlnum(c) {
                            // A run of ASCII letters and digits, eight bytes at a time.
                            var j = i &+ 1
                            while j < end {
                                if j &+ 8 <= count {
                                    let stop = ByteLanes.nonAlnumLanes(ByteLanes.load(p, j))
                                    if stop == 0 { j &+= 8; continue }
                                    j &+= stop.trailingZeroBitCount >> 3
                                    break
                                }
                                guard isAlnum(p[j]) else { break }
                                j &+= 1
                            }
                            if j > end { j = end }  // the sample ends inside the run
                            last = p[j &- 1] &- 0x30 < 10 ? .digit : .letter
                            i = j
                            continue
                        }
                        // ASCII punctuation joins only as an apostrophe, a hyphen, "." or ",".
                        if (c == 0x27 || c == 0x2D || c == 0x2E || c == 0x2C) && i &+ 1 < end,
                           joins(UInt32(c), last: last, next: Tokenizer.kind(UTF8Scan.decode(buf, at: i &+ 1).scalar)) {
                            i &+= 1
                            continue
                        }
                        break
                    }
                    let (u, len) = UTF8Scan.decode(buf, at: i)
                    let k = Tokenizer.kind(u)
                    if k != .other {
                        nonASCII = true
                        if k != .mark { last = k }
                        i &+= len
                        continue
                    }
                    let v = u.value
                    if (Tokenizer.isApostrophe(v) || Tokenizer.isHyphen(v)) && i &+ len < end,
                       joins(v, last: last, next: Tokenizer.kind(UTF8Scan.decode(buf, at: i &+ len).scalar)) {
                        nonASCII = true
                        i &+= len
                        continue
                    }
                    break
                }
                // The token ends before the punctuation at `i` (skipped next) or at the sample's end.
                tally.add(key(buf, start, i, nonASCII: nonASCII), slots)
            }
        }
        return (tally.words, tally.hits(languages: table.languages))
    }

    /// Tokens and hits so far: per language, a 21-bit field of one of two words (a sample of
    /// 4,000 scalars has at most 2,000 tokens, so no field overflows).
    struct Tally {
        var words = 0
        var low: UInt64 = 0, high: UInt64 = 0

        /// Counts a token with key `key` (0: no detection word), looked up in `slots`
        /// (`WordTable.slots`).
        @inline(__always)
        mutating func add(_ key: UInt64, _ slots: UnsafePointer<UInt64>) {
            words += 1
            guard key != 0 else { return }
            var s = WordTable.slot(key)
            while true {
                let k = slots[3 &* s]
                if k == key {
                    low &+= slots[3 &* s &+ 1]
                    high &+= slots[3 &* s &+ 2]
                    return
                }
                if k == 0 { return }
                s = (s &+ 1) & WordTable.slotMask
            }
        }

        func hits(languages: Int) -> [Int] {
            (0..<languages).map { k in
                Int(((k < 3 ? low : high) >> UInt64(21 * (k % 3))) & 0x1F_FFFF)
            }
        }
    }

    /// The key of token `buf[start..<stop]` lower-cased; 0 when it cannot be a detection word.
    @inline(__always)
    static func key(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ stop: Int, nonASCII: Bool) -> UInt64 {
        nonASCII ? loweredKey(buf, start, stop) : asciiKey(buf.baseAddress!, buf.count, start, stop)
    }

    /// An ASCII letter or digit.
    @inline(__always)
    static func isAlnum(_ b: UInt8) -> Bool { b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26 }

    /// Whether punctuation `v` between a token character of kind `last` and one of kind `next`
    /// joins them into one token (`Tokenizer`'s rule: apostrophes inside words, hyphens inside
    /// words and codes, and "." or "," inside numbers).
    @inline(__always)
    static func joins(_ v: UInt32, last: Tokenizer.Kind, next nk: Tokenizer.Kind) -> Bool {
        if Tokenizer.isApostrophe(v) {
            return last == .letter && nk == .letter
        } else if Tokenizer.isHyphen(v) {
            return (last == .letter || last == .digit) && (nk == .letter || nk == .digit)
                && !(last == .digit && nk == .digit)
        } else if v == 0x2E || v == 0x2C {
            return last == .digit && nk == .digit
        }
        return false
    }

    /// The key of the all-ASCII token `p[start..<stop]` lower-cased; 0 when longer than eight bytes.
    @inline(__always)
    static func asciiKey(_ p: UnsafePointer<UInt8>, _ count: Int, _ start: Int, _ stop: Int) -> UInt64 {
        let len = stop &- start
        guard len <= 8 else { return 0 }
        var x: UInt64 = 0
        if start &+ 8 <= count {
            x = ByteLanes.load(p, start) & (~0 &>> UInt64(truncatingIfNeeded: 64 &- 8 &* len))
        } else {
            for k in 0..<len { x |= UInt64(p[start &+ k]) &<< UInt64(truncatingIfNeeded: 8 &* k) }
        }
        return ByteLanes.lowerASCII(x)
    }

    /// The key of token `buf[start..<stop]` lower-cased as `String.lowercased()` does (each
    /// scalar's full lower-case mapping); 0 when that is longer than eight bytes.
    static func loweredKey(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ stop: Int) -> UInt64 {
        var key: UInt64 = 0
        var n = 0
        var i = start
        while i < stop {
            let b = buf[i]
            if b < 0x80 {
                guard n < 8 else { return 0 }
                key |= UInt64(b &- 65 < 26 ? b &+ 32 : b) << UInt64(8 * n)
                n += 1
                i += 1
                continue
            }
            let (u, len) = UTF8Scan.decode(buf, at: i)
            i += len
            let packed = LowerMap.packed(u)
            if packed != 0 {
                let m = Int(packed >> 24)
                guard n + m <= 8 else { return 0 }
                key |= UInt64(packed & 0xFF_FFFF) << UInt64(8 * n)
                n += m
            } else {
                for c in u.properties.lowercaseMapping.utf8 {
                    guard n < 8 else { return 0 }
                    key |= UInt64(c) << UInt64(8 * n)
                    n += 1
                }
            }
        }
        return key
    }

    /// The detection-word table, built once.
    static let table = WordTable(LanguageDetector.detectionWords, languages: LanguageDetector.languages)

    /// Detection words as keys → per-language hit increments (see `Tally`).
    struct WordTable: Sendable {
        static let slotBits = 9
        static let slotMask = (1 << slotBits) - 1

        /// Per slot three words: the key (0 for an empty slot), then the increments of `Tally.low`
        /// and `Tally.high` (1 in the field of each language whose list has the word).
        var slots: [UInt64]
        var languages: Int

        @inline(__always)
        static func slot(_ key: UInt64) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
        }

        /// The UTF-8 bytes of `word` as a key (lane 0 first); `word` must fit in eight bytes.
        static func key(_ word: String) -> UInt64 {
            let bytes = Array(word.utf8)
            precondition(!bytes.isEmpty && bytes.count <= 8, "detection words must be 1 to 8 UTF-8 bytes: \(word)")
            var key: UInt64 = 0
            for (k, b) in bytes.enumerated() { key |= UInt64(b) << UInt64(8 * k) }
            return key
        }

        init(_ words: [String: Set<String>], languages: [String]) {
            precondition(languages.count <= 6, "Tally has fields for six languages")
            self.languages = languages.count
            slots = Array(repeating: 0, count: 3 << Self.slotBits)
            for (k, lang) in languages.enumerated() {
                for word in words[lang] ?? [] {
                    let key = Self.key(word)
                    var s = Self.slot(key)
                    while slots[3 * s] != 0 && slots[3 * s] != key { s = (s + 1) & Self.slotMask }
                    slots[3 * s] = key
                    slots[3 * s + 1 + k / 3] |= 1 << UInt64(21 * (k % 3))
                }
            }
        }
    }

    /// Lower-case mappings of Latin letters (U+0080–U+024F, U+1E00–U+1EFF) as packed UTF-8:
    /// the bytes in the low 24 bits, their count in the top byte; 0 for other scalars or mappings
    /// longer than three bytes (those ask `Unicode.Scalar.Properties`).
    enum LowerMap {
        private static let latin: [UInt32] = (0..<0x250).map { pack(UInt32($0)) }
        private static let latinExtended: [UInt32] = (0x1E00..<0x1F00).map { pack(UInt32($0)) }

        private static func pack(_ v: UInt32) -> UInt32 {
            guard v >= 0x80, let u = Unicode.Scalar(v) else { return 0 }
            let bytes = Array(u.properties.lowercaseMapping.utf8)
            guard !bytes.isEmpty && bytes.count <= 3 else { return 0 }
            var packed = UInt32(bytes.count) << 24
            for (k, b) in bytes.enumerated() { packed |= UInt32(b) << UInt32(8 * k) }
            return packed
        }

        @inline(__always)
        static func packed(_ u: Unicode.Scalar) -> UInt32 {
            let v = u.value
            if v < 0x250 { return latin.withUnsafeBufferPointer { $0[Int(v)] } }
            if v >= 0x1E00 && v < 0x1F00 { return latinExtended.withUnsafeBufferPointer { $0[Int(v - 0x1E00)] } }
            return 0
        }
    }
}
