/// Counts `LanguageDetector` detection words in UTF-8 text without making strings: the tokens are
/// exactly `Tokenizer`'s, each is lower-cased into a `UInt64` key (its UTF-8 bytes, lane 0 first;
/// every detection word fits in eight bytes) and looked up in a small open-addressed table.
enum CommonWordScan {
    /// The number of tokens in `buf[0..<end]` (`end` on a scalar boundary) and, per language of
    /// `LanguageDetector.languages` (lane `k`), how many of them lower-cased are detection words.
    /// Bytes of `buf` past `end` are never part of a token (they may be read, then masked off).
    static func hits(_ buf: UnsafeBufferPointer<UInt8>, end: Int) -> (words: Int, hits: SIMD8<Int32>) {
        guard let p = buf.baseAddress, end > 0 else { return (0, SIMD8()) }
        let table = Self.table
        var words = 0
        var hits = SIMD8<Int32>()
        table.keys.withUnsafeBufferPointer { keys in
            table.increments.withUnsafeBufferPointer { increments in
                /// Counts the token `buf[start..<stop]`.
                @inline(__always) func token(_ start: Int, _ stop: Int, nonASCII: Bool) {
                    words += 1
                    let key = nonASCII ? loweredKey(buf, start, stop) : asciiKey(p, buf.count, start, stop)
                    guard key != 0 else { return }
                    var s = WordTable.slot(key)
                    while true {
                        let k = keys[s]
                        if k == key { hits &+= increments[s]; return }
                        if k == 0 { return }
                        s = (s + 1) & WordTable.slotMask
                    }
                }

                // The scanner of `Tokenizer.scanBytes`, on `buf[0..<end]`.
                var i = 0
                var start = -1
                var nonASCII = false
                var last: Tokenizer.Kind = .other
                while i < end {
                    let b = p[i]
                    if b < 0x80 {
                        if b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26 {
                            // A run of ASCII letters and digits in one tight loop.
                            if start < 0 { start = i; nonASCII = false }
                            var j = i + 1
                            while j < end {
                                let c = p[j]
                                guard c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 26 else { break }  // also stops at c >= 0x80
                                j += 1
                            }
                            last = p[j - 1] &- 0x30 < 10 ? .digit : .letter
                            i = j
                            continue
                        }
                        // ASCII punctuation, space or control: kind `.other`.
                        if start >= 0 {
                            if i + 1 < end && (b == 0x27 || b == 0x2D || b == 0x2E || b == 0x2C),
                               joins(UInt32(b), last: last, next: Tokenizer.kind(UTF8Scan.decode(buf, at: i + 1).scalar)) {
                                i += 1
                                continue
                            }
                            token(start, i, nonASCII: nonASCII)
                            start = -1
                        }
                        last = .other
                        i += 1
                        continue
                    }
                    let (u, len) = UTF8Scan.decode(buf, at: i)
                    let k = Tokenizer.kind(u)
                    if k != .other {
                        if start < 0 {
                            if k == .mark { i += len; continue }  // stray mark: skip
                            start = i
                        }
                        nonASCII = true
                        if k != .mark { last = k }
                        i += len
                        continue
                    }
                    // Punctuation: may join if between two token characters.
                    if start >= 0 {
                        let next = i + len
                        let v = u.value
                        if next < end && (Tokenizer.isApostrophe(v) || Tokenizer.isHyphen(v)),
                           joins(v, last: last, next: Tokenizer.kind(UTF8Scan.decode(buf, at: next).scalar)) {
                            nonASCII = true
                            i = next
                            continue
                        }
                        token(start, i, nonASCII: nonASCII)
                        start = -1
                    }
                    last = .other
                    i += len
                }
                if start >= 0 { token(start, end, nonASCII: nonASCII) }
            }
        }
        return (words, hits)
    }

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
        let len = stop - start
        guard len <= 8 else { return 0 }
        var x: UInt64
        if start + 8 <= count {
            x = ByteLanes.load(p, start)
            if len < 8 { x &= (1 &<< UInt64(8 * len)) &- 1 }
        } else {
            x = 0
            for k in 0..<len { x |= UInt64(p[start + k]) << UInt64(8 * k) }
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

    /// Detection words as keys → per-language hit increments.
    struct WordTable: Sendable {
        static let slotBits = 9
        static let slotMask = (1 << slotBits) - 1

        /// The key in each slot; 0 for an empty slot.
        var keys: [UInt64]
        /// Per slot: 1 in lane `k` when the word is in the list of language `k`.
        var increments: [SIMD8<Int32>]

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
            precondition(languages.count <= 8)
            keys = Array(repeating: 0, count: 1 << Self.slotBits)
            increments = Array(repeating: SIMD8(), count: 1 << Self.slotBits)
            for (k, lang) in languages.enumerated() {
                for word in words[lang] ?? [] {
                    let key = Self.key(word)
                    var s = Self.slot(key)
                    while keys[s] != 0 && keys[s] != key { s = (s + 1) & Self.slotMask }
                    keys[s] = key
                    increments[s][k] = 1
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
