import Foundation

/// A word of an article as the entity recognizer sees it: plain integers only (no `String`, no
/// reference), so token arrays are built and read without retain/release.
struct EntityToken {
    /// The folded word as an id of its `EntityWorkspace`: two tokens have the same `word` exactly
    /// when their folded strings are equal as `String`s (canonical equivalents share one id).
    var word: Int32
    /// The folded bytes as spelled (`EntityWorkspace.spelling(of:)` gives the `String`).
    var spelling: Int32
    /// Offset and length in Unicode code points within the paragraph.
    var start: Int32
    var length: Int32
    /// UTF-8 byte range of the word as written (without a possessive "’s") in the article's bytes.
    var byteStart: Int32
    var byteEnd: Int32
    var flags: Flags

    @inline(__always) func has(_ f: Flags) -> Bool { flags.rawValue & f.rawValue != 0 }
    @inline(__always) var capitalized: Bool { has(.capitalized) }
    @inline(__always) var allCaps: Bool { has(.allCaps) }
    /// A capitalized, not all-capitals, name-shaped word of at most 16 code points that is not a
    /// sentence word ("The", "May"): a possible word of a person's name.
    @inline(__always) var nameWord: Bool { has(.nameWord) }
    @inline(__always) var gapEmpty: Bool { has(.gapEmpty) }

    /// What a token knows about itself and the punctuation before it, as bits.
    struct Flags: OptionSet {
        let rawValue: UInt32

        // Case and shape of the word as written.
        static let capitalized = Flags(rawValue: 1 << 0)
        /// Two or more upper-case letters and no lower-case one.
        static let allCaps = Flags(rawValue: 1 << 1)
        /// Every scalar is a letter, an apostrophe or a nonspacing mark.
        static let nameShaped = Flags(rawValue: 1 << 2)

        // What the recognizer's tables say about the folded word.
        static let notName = Flags(rawValue: 1 << 3)
        static let surname = Flags(rawValue: 1 << 4)
        /// `PersonTitles.connectors`.
        static let connector = Flags(rawValue: 1 << 5)
        /// `PersonTitles.abbreviations`.
        static let abbreviation = Flags(rawValue: 1 << 6)
        /// "and" or "va".
        static let andWord = Flags(rawValue: 1 << 7)
        /// A lower-case word inside an organization name before its acronym ("of", "cua", …).
        static let acronymConnector = Flags(rawValue: 1 << 8)
        static let hasDictionary = Flags(rawValue: 1 << 9)
        static let hasTitle = Flags(rawValue: 1 << 10)
        static let hasChain = Flags(rawValue: 1 << 11)
        /// The bits that depend only on the word as written.
        static let wordBits: UInt32 = (1 << 12) - 1

        // Of this token.
        static let nameWord = Flags(rawValue: 1 << 12)

        // The non-space characters between the previous word and this one (the gap).
        static let gapEmpty = Flags(rawValue: 1 << 13)
        /// "" or "-": the words of a title or office phrase.
        static let gapJoin = Flags(rawValue: 1 << 14)
        /// "", "-" or ".": the words of a dictionary name.
        static let gapInName = Flags(rawValue: 1 << 15)
        /// "", "(", ")", "-", "‑" or ")(": allowed inside an office chain.
        static let gapChain = Flags(rawValue: 1 << 16)
        static let gapDot = Flags(rawValue: 1 << 17)
        static let gapComma = Flags(rawValue: 1 << 18)
        /// The gap ends with "(".
        static let gapEndsOpen = Flags(rawValue: 1 << 19)
        /// The gap starts with ")".
        static let gapStartsClose = Flags(rawValue: 1 << 20)
    }
}

/// Splits text into words with offsets and the punctuation between them; hyphens and dashes split
/// words, apostrophes inside a word do not, and a possessive "’s" is dropped.
///
/// Works on a paragraph's UTF-8 bytes: a word is always a contiguous run of the text, so a word's
/// key is its byte slice and no `String` is made per word.
enum EntityTokenizer {
    /// Folded words of a name, for dictionary phrases.
    static func foldedTokens(_ text: String) -> [String] {
        var result: [String] = []
        var folded: [UInt8] = []
        var sink = TextFold.FoldSink(track: false)
        TextFold.withUTF8(text) { buf in
            forEachWord(buf) { w in
                _ = measure(UnsafeBufferPointer(rebasing: buf[w.start..<w.end]), folded: &folded, sink: &sink)
                result.append(String(decoding: folded, as: UTF8.self))
            }
        }
        return result
    }

    @inline(__always) static func isApostrophe(_ u: Unicode.Scalar) -> Bool { u == "'" || u == "’" }

    /// Classes of bytes: ASCII 1 word (letter or digit), 2 space, 3 apostrophe, 0 other; 4 any
    /// byte of a multi-byte scalar. Allocated once for the life of the process (never freed), so
    /// scanners can keep a plain pointer to it.
    nonisolated(unsafe) static let byteClass: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 {
            guard b < 0x80 else { table[b] = 4; continue }
            let u = Unicode.Scalar(UInt8(b))
            table[b] = FastScan.isWordScalar(u) ? 1 : FastScan.isSpace(u) ? 2 : b == 0x27 ? 3 : 0
        }
        return UnsafePointer(table)
    }()

    /// 1 for each scalar below `ScalarClass.tableLimit` that `FastScan.isWordScalar` accepts, else 0.
    /// The scan reads it through a local pointer, so a multi-byte scalar costs one load instead of
    /// the lazy-global check of `ScalarClass`'s table every time. Allocated once, never freed.
    nonisolated(unsafe) static let wordScalars: UnsafePointer<UInt8> = {
        let count = Int(ScalarClass.tableLimit)
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
        for v in 0..<count {
            table[v] = Unicode.Scalar(UInt32(v)).map { FastScan.isWordScalar($0) ? 1 : 0 } ?? 0
        }
        return UnsafePointer(table)
    }()

    /// `FastScan.isWordScalar(u)`, from `table` (`wordScalars`) when `u` is in it.
    @inline(__always)
    static func isWordScalar(_ u: Unicode.Scalar, _ table: UnsafePointer<UInt8>) -> Bool {
        u.value < ScalarClass.tableLimit ? table[Int(u.value)] != 0 : FastScan.isWordScalar(u)
    }

    /// A word found by `forEachWord`.
    struct Word {
        /// Byte range of the word (a possessive dropped) in the scanned buffer.
        var start: Int
        var end: Int
        /// Code-point offset and length.
        var scalarStart: Int
        var length: Int
        /// The gap bits (`EntityToken.Flags.gap…`) of the punctuation before the word.
        var gap: UInt32
    }

    /// Calls `body` with the words of one paragraph's UTF-8 bytes, in order. The scan state lives
    /// in locals and `body` is compiled inline with the scan (no iterator, no `Optional` per word).
    ///
    /// `readable` (at least `buf.count`) is how many bytes from `buf`'s start may be read: with 8
    /// or more past the end (a padded buffer), runs of ASCII letters and digits are read eight
    /// bytes at a time right up to the paragraph's end.
    @inline(__always)
    static func forEachWord(_ buf: UnsafeBufferPointer<UInt8>, readable: Int? = nil, _ body: (Word) -> Void) {
        guard let p = buf.baseAddress else { return }
        let n = buf.count
        // Eight-byte loads start at most here.
        let lastLoad = max(readable ?? n, n) &- 8
        let classes = EntityTokenizer.byteClass, wordScalars = EntityTokenizer.wordScalars
        // `i` ≤ `n` and `offset` ≤ `i` throughout, so the `&+` below cannot overflow.
        var i = 0
        /// Code points before `i`.
        var offset = 0
        while true {
            var gap = Gap()
            // Between words: collect the punctuation (spaces left out). Most words follow one
            // space: take it without the loop.
            if i &+ 1 < n, p[i] == 0x20, classes[Int(p[i &+ 1])] == 1 { i &+= 1; offset &+= 1 } else {
                while true {
                    guard i < n else { return }
                    let b = p[i]
                    let c = classes[Int(b)]
                    if c == 1 { break }
                    if c != 4 {
                        if c != 2 { gap.add(b) }
                        i &+= 1; offset &+= 1
                        continue
                    }
                    let (u, len) = UTF8Scan.decode(buf, at: i)
                    if isWordScalar(u, wordScalars) { break }
                    if !FastScan.isSpace(u) { for k in i..<(i &+ len) { gap.add(p[k]) } }
                    i &+= len; offset &+= 1
                }
            }
            let start = i, scalarStart = offset
            // The word: word scalars, and apostrophes followed by a letter ("People's").
            while true {
                // A run of ASCII letters and digits: eight bytes at a time while they may be
                // read (past the paragraph's end if padded: then cut back to it), then bytewise.
                let run = i
                while i <= lastLoad {
                    let m = ByteLanes.nonAlnumLanes(ByteLanes.load(p, i))
                    if m != 0 { i &+= m.trailingZeroBitCount &>> 3; break }
                    i &+= 8
                }
                if i > n { i = n }
                while i < n, classes[Int(p[i])] == 1 { i &+= 1 }
                offset &+= i &- run
                guard i < n else { break }
                let c = classes[Int(p[i])]
                if c == 3 {
                    if i &+ 1 < n, FastScan.isLetter(UTF8Scan.decode(buf, at: i &+ 1).scalar) { i &+= 1; offset &+= 1; continue }
                    break
                }
                guard c == 4 else { break }
                let (u, len) = UTF8Scan.decode(buf, at: i)
                if isWordScalar(u, wordScalars)
                    || (isApostrophe(u) && i &+ len < n && FastScan.isLetter(UTF8Scan.decode(buf, at: i &+ len).scalar)) {
                    i &+= len; offset &+= 1
                    continue
                }
                break
            }
            var end = i
            var length = offset &- scalarStart
            // Drop a possessive 's / ’s, then any trailing apostrophes (' or ’, whose last byte is
            // 0x99). The byte before the "s" tells: "'" (0x27), or 0x99 ending "’" (E2 80 99).
            if length > 2, p[end &- 1] | 0x20 == UInt8(ascii: "s") {
                let q = p[end &- 2]
                if q == 0x27 {
                    end &-= 2; length &-= 2
                } else if q == 0x99, p[end &- 3] == 0x80, p[end &- 4] == 0xE2 {
                    end &-= 4; length &-= 2
                }
            }
            while end > start, p[end &- 1] == 0x27 || p[end &- 1] == 0x99 {
                let before = UTF8Scan.start(before: end, in: buf)
                guard isApostrophe(UTF8Scan.decode(buf, at: before).scalar) else { break }
                end = before; length &-= 1
            }
            body(Word(start: start, end: end, scalarStart: scalarStart, length: length, gap: gap.flags))
        }
    }

    /// The punctuation bytes since the last word (spaces left out): its length, first four bytes
    /// and last byte, which is all the recognizer asks of it.
    struct Gap {
        var count = 0
        var head: UInt32 = 0
        var last: UInt8 = 0

        @inline(__always) mutating func add(_ b: UInt8) {
            if count < 4 { head |= UInt32(b) &<< (UInt32(truncatingIfNeeded: count) &* 8) }
            count &+= 1
            last = b
        }

        /// The gap bits of `EntityToken.Flags`.
        @inline(__always) var flags: UInt32 {
            typealias F = EntityToken.Flags
            if count == 0 {
                return F.gapEmpty.rawValue | F.gapJoin.rawValue | F.gapInName.rawValue | F.gapChain.rawValue
            }
            var f: UInt32 = 0
            if last == UInt8(ascii: "(") { f |= F.gapEndsOpen.rawValue }
            if head & 0xFF == UInt32(UInt8(ascii: ")")) { f |= F.gapStartsClose.rawValue }
            switch count {
            case 1:
                switch UInt8(truncatingIfNeeded: head) {
                case UInt8(ascii: "-"): f |= F.gapJoin.rawValue | F.gapInName.rawValue | F.gapChain.rawValue
                case UInt8(ascii: "."): f |= F.gapInName.rawValue | F.gapDot.rawValue
                case UInt8(ascii: ","): f |= F.gapComma.rawValue
                case UInt8(ascii: "("), UInt8(ascii: ")"): f |= F.gapChain.rawValue
                default: break
                }
            case 2:
                // ")("
                if head == 0x2829 { f |= F.gapChain.rawValue }
            case 3:
                // "‑" (U+2011 NON-BREAKING HYPHEN: E2 80 91)
                if head == 0x91_80E2 { f |= F.gapChain.rawValue }
            default: break
            }
            return f
        }
    }

    /// The case and shape bits (`capitalized`, `allCaps`, `nameShaped`) of a word as written,
    /// with its folded bytes left in `folded`.
    static func measure(_ word: UnsafeBufferPointer<UInt8>, folded: inout [UInt8], sink: inout TextFold.FoldSink) -> UInt32 {
        var upper = 0, lower = 0
        var nameShaped = true
        var first: Unicode.Scalar?
        var j = 0
        while j < word.count {
            let b = word[j]
            if b < 0x80 {
                // ASCII: an upper- or lower-case letter, the apostrophe, or a digit.
                if first == nil { first = Unicode.Scalar(b) }
                if b &- 0x41 < 26 { upper += 1 } else if b &- 0x61 < 26 { lower += 1 } else if b != 0x27 { nameShaped = false }
                j += 1
                continue
            }
            let (u, len) = UTF8Scan.decode(word, at: j)
            j += len
            if first == nil { first = u }
            if FastScan.isLetter(u) {
                if FastScan.isUpper(u) { upper += 1 } else if FastScan.isLower(u) { lower += 1 }
            } else if !(isApostrophe(u) || FastScan.isNonspacingMark(u)) {
                nameShaped = false
            }
        }
        folded.removeAll(keepingCapacity: true)
        if upper + lower == word.count {
            // ASCII letters only: folding is lower-casing.
            for b in word { folded.append(b | 0x20) }
        } else {
            TextFold.fold(word, into: &folded, sink: &sink)
        }
        typealias F = EntityToken.Flags
        var flags: UInt32 = 0
        if first.map(FastScan.isUpper) ?? false { flags |= F.capitalized.rawValue }
        if upper >= 2 && lower == 0 { flags |= F.allCaps.rawValue }
        if nameShaped { flags |= F.nameShaped.rawValue }
        return flags
    }
}
