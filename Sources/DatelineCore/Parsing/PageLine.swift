/// One non-empty line of a page dump with the measurements the layout passes need.
import Foundation

struct PageLine {
    /// Position among the page's lines (blank lines included), for ordering.
    var index: Int
    /// The line, trimmed, with runs of spaces collapsed.
    var text: String
    /// `TextFold.key(text)`.
    var folded: String
    /// `folded` trimmed of spaces and full stops, for comparing a line with the title and lede.
    /// Computed on demand: only the few lines checked as repeats of the title or lede need it.
    var trimmedKey: String { FastScan.trim(folded, " .") }
    var words: Int
    /// `Tokenizer.wordCount(text)` when the line was measured on the way in.
    private var measuredTokens: Int?
    /// `Tokenizer.wordCount(text)`: what the line adds to the article's word count as a paragraph.
    var tokens: Int { measuredTokens ?? Tokenizer.wordCount(text) }
    /// A blank line precedes this one.
    var blankBefore: Bool
    /// The line read as a photo caption, if it is one.
    var caption: Caption?
    /// An image placeholder ("<headline> ảnh 1").
    var imageAlt: Bool
    /// The title of a link printed twice on one line ("A A" → "A").
    var doubled: String?

    init(index: Int, text: String, blankBefore: Bool) {
        self.init(index: index, text: text, blankBefore: blankBefore, measured: nil)
    }

    /// `measured` is what `measureClean` found for `text` (its word counts and whether it is ASCII), when
    /// the caller scanned it already.
    private init(index: Int, text: String, blankBefore: Bool, measured: CleanLine?) {
        self.index = index
        self.text = text
        if measured?.ascii == true {
            var copy = text
            self.folded = copy.withUTF8 { TextFold.asciiKey($0) } ?? TextFold.key(text)
        } else {
            self.folded = TextFold.key(text)
        }
        self.words = measured?.words ?? PageLine.countWords(text)
        self.measuredTokens = measured?.tokens
        self.blankBefore = blankBefore
        self.caption = PageLine.caption(text: text, folded: folded, words: words)
        self.imageAlt = PageLine.isImageAlt(folded: folded)
        self.doubled = PageLine.doubledTitle(text)
    }

    /// Ends like a sentence: `.`, `!`, `?`, `…`, `./.`, possibly followed by quotes or brackets.
    var endsSentence: Bool { PageLine.endsSentence(text) }

    /// A headline-like line: a few words, no closing full stop, starts with a capital, digit, quote or bracket.
    var isTitleLike: Bool {
        guard words >= 2, words <= 30, !endsSentence || text.hasSuffix("?") || text.hasSuffix("!") else { return false }
        guard let first = text.unicodeScalars.first else { return false }
        return FastScan.isUpper(first) || FastScan.isDigit(first) || "\"“‘'[(«".unicodeScalars.contains(first)
    }

    /// Running text: ends like a sentence, or is long enough that it cannot be a heading.
    var isProse: Bool { (endsSentence && words >= 6) || words >= 30 }

    static func endsSentence(_ text: String) -> Bool {
        var scalars = text.unicodeScalars.reversed().makeIterator()
        while let u = scalars.next() {
            switch u {
            case "\"", "”", "’", "'", ")", "]", "»", " ", "*": continue
            case ".", "!", "?", "…", "。": return true
            default: return false
            }
        }
        return false
    }

    static func countWords(_ text: String) -> Int {
        var counter = WordCounter()
        TextFold.withUTF8(text) { buf in
            var i = 0
            while i < buf.count {
                let b = buf[i]
                if b < 0x80 {
                    counter.add(ascii: b)
                    i += 1
                    continue
                }
                let (u, len) = UTF8Scan.decode(buf, at: i)
                i += len
                counter.add(u)
            }
        }
        return counter.count
    }

    /// Counts words one scalar at a time, as `countWords` defines them: runs of letters and digits,
    /// joined by an apostrophe (’ or ') or a nonspacing mark.
    struct WordCounter {
        private(set) var count = 0
        private var inWord = false

        @inline(__always)
        mutating func add(ascii b: UInt8) {
            let letter = (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10
            if letter && !inWord { count += 1 }
            inWord = letter || (inWord && b == 0x27)
        }

        @inline(__always)
        mutating func add(_ u: Unicode.Scalar) {
            let letter = FastScan.isLetter(u) || FastScan.isDigit(u)
            if letter && !inWord { count += 1 }
            inWord = letter || (inWord && (u == "’" || FastScan.isNonspacingMark(u)))
        }
    }

    /// Splits page text into trimmed non-empty lines, remembering blank lines before each.
    /// The text must have LF line ends (`PageDecoder.normalizeNewlines`).
    static func split(_ text: String) -> [PageLine] {
        var lines: [PageLine] = []
        var blank = true
        var index = 0
        let utf8 = text.utf8
        TextFold.withUTF8(text) { buf in
            FastScan.forEachLine(buf) { start, end in
                let raw = UnsafeBufferPointer(rebasing: buf[start..<end])
                let cleaned: String
                var measured = measureClean(raw)
                if measured != nil {
                    // Already clean: a slice of the page (no copy through a validating decoder).
                    let lower = utf8.index(utf8.startIndex, offsetBy: start)
                    cleaned = String(text[lower..<utf8.index(lower, offsetBy: end - start)])
                } else {
                    var copy = clean(raw)
                    measured = copy.withUTF8 { measureClean($0) }  // a cleaned line is clean
                    cleaned = copy
                }
                if cleaned.isEmpty {
                    blank = true
                } else {
                    lines.append(PageLine(index: index, text: cleaned, blankBefore: blank, measured: measured))
                    blank = false
                }
                index += 1
            }
        }
        return lines
    }

    /// What one pass over a clean line measures.
    struct CleanLine {
        /// `countWords(text)`.
        var words: Int
        /// `Tokenizer.wordCount(text)`: the article's word count adds these up for body paragraphs.
        var tokens: Int
        var ascii: Bool
    }

    /// For a clean line (no control characters, no leading, trailing or doubled spaces, only plain
    /// ASCII spaces: usable as it is) its `countWords`, its `Tokenizer.wordCount` and whether it is
    /// all ASCII, in one pass over the bytes; `nil` when the line is not clean.
    static func measureClean(_ bytes: UnsafeBufferPointer<UInt8>) -> CleanLine? {
        guard let base = bytes.baseAddress, let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else {
            return nil
        }
        return measureClean(base, bytes.count, table: LineScalar.tableBase)
    }

    /// `measureClean` over `n > 0` bytes at `base`, with `LineScalar`'s table opened once: the state of
    /// `countWords` and `Tokenizer.scanBytes` lives in local variables for the whole loop.
    private static func measureClean(_ base: UnsafePointer<UInt8>, _ n: Int, table: UnsafePointer<UInt8>) -> CleanLine? {
        var words = 0
        var inWord = false
        var tokens = 0
        var inToken = false
        /// The kind of the current token's last letter or digit (`.other` outside a token).
        var lastKind = Tokenizer.Kind.other
        var previousSpace = false
        var ascii = true
        var i = 0
        /// No 8-byte step before this offset: the last window held a byte that needs the slow path.
        var slowUntil = 0
        while i < n {
            // Eight plain ASCII bytes (letters, digits, spaces, punctuation that joins no token) at once:
            // no control character, apostrophe, hyphen, full stop or comma (no token joining to decide)
            // nor doubled space. Otherwise the bytes before the first that needs it go byte by byte.
            if i >= slowUntil && i &+ 8 <= n {
                let w = ByteLanes.load(base, i)
                let taken: Int
                if w & ByteLanes.highs != 0 {
                    taken = (w & ByteLanes.highs).trailingZeroBitCount / 8
                } else {
                    let spaces = ByteLanes.inRange(w, 0x20, 0x20)
                    let special = ByteLanes.inRange(w, 0x00, 0x1F) | ByteLanes.inRange(w, 0x7F, 0x7F)
                        | ByteLanes.inRange(w, 0x27, 0x27) | ByteLanes.inRange(w, 0x2C, 0x2E)
                        | (spaces & ((spaces << 8) | (previousSpace ? 0x80 : 0)))
                    if special == 0 {
                        let alnum = ByteLanes.alphanumericLanes(w)
                        words &+= ByteLanes.countHighBits(alnum & ~((alnum << 8) | (inWord ? 0x80 : 0)))
                        tokens &+= ByteLanes.countHighBits(alnum & ~((alnum << 8) | (inToken ? 0x80 : 0)))
                        let lastAlnum = alnum >> 63 != 0
                        inWord = lastAlnum
                        inToken = lastAlnum
                        lastKind = lastAlnum ? (w >> 56 &- 0x30 < 10 ? .digit : .letter) : .other
                        previousSpace = w >> 56 == 0x20
                        i &+= 8
                        continue
                    }
                    taken = special.trailingZeroBitCount / 8
                }
                slowUntil = i &+ taken &+ 1
            }
            let b = base[i]
            let v: UInt32
            if b < 0x80 {
                i &+= 1
                let digit = b &- 0x30 < 10
                if digit || (b | 0x20) &- 0x61 < 26 {
                    if !inWord { inWord = true; words &+= 1 }
                    if !inToken { inToken = true; tokens &+= 1 }
                    lastKind = digit ? .digit : .letter
                    previousSpace = false
                    continue
                }
                if b < 0x20 || b == 0x7F || (b == 0x20 && previousSpace) { return nil }
                previousSpace = b == 0x20
                inWord = inWord && b == 0x27
                guard inToken else { continue }
                v = UInt32(b)
            } else {
                // One non-ASCII scalar. Two- and three-byte sequences below the table's limit (all of
                // Latin and Vietnamese) index the table by their value straight from the bytes.
                ascii = false
                let c: UInt8
                if b < 0xE0 && i &+ 2 <= n {
                    let value = UInt32(b & 0x1F) << 6 | UInt32(base[i &+ 1] & 0x3F)
                    i &+= 2
                    c = table[Int(value)]  // below 0x800 < tableLimit
                    v = value
                } else if b >= 0xE0 && b < 0xF0 && i &+ 3 <= n
                            && (UInt32(b & 0x0F) << 12 | UInt32(base[i &+ 1] & 0x3F) << 6) < ScalarClass.tableLimit {
                    let value = UInt32(b & 0x0F) << 12 | UInt32(base[i &+ 1] & 0x3F) << 6 | UInt32(base[i &+ 2] & 0x3F)
                    i &+= 3
                    c = table[Int(value)]
                    v = value
                } else {
                    let (u, len) = UTF8Scan.decode(UnsafeBufferPointer(start: base, count: n), at: i)
                    i &+= len
                    c = LineScalar.classify(u)
                    v = u.value
                }
                if c & LineScalar.unclean != 0 { return nil }
                previousSpace = false
                let letter = c & LineScalar.letter != 0
                if letter && !inWord { words &+= 1 }
                inWord = letter || (inWord && c & LineScalar.joinsWord != 0)
                let k = LineScalar.kind(c)
                guard k == .other else {
                    if !inToken {
                        if k == .mark { continue }  // a stray mark starts no token
                        inToken = true
                        tokens &+= 1
                    }
                    if k != .mark { lastKind = k }
                    continue
                }
                guard inToken else { continue }
            }
            // After punctuation or a space inside a token: the token goes on only when the punctuation
            // joins it to what follows at `i` (`Tokenizer.joins`).
            if i < n, Tokenizer.joins(v, last: lastKind, next: LineScalar.kind(at: i, base, n, table: table)) { continue }
            inToken = false
            lastKind = .other
        }
        return CleanLine(words: words, tokens: tokens, ascii: ascii)
    }

    /// A line that is not clean as it is (`measureClean` gave nil), trimmed of spaces (NBSP,
    /// zero-width and other Unicode spaces included) with internal runs collapsed and control
    /// characters dropped.
    private static func clean(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var pendingSpace = false
        var i = 0
        while i < raw.count {
            let (u, len) = UTF8Scan.decode(raw, at: i)
            defer { i += len }
            if FastScan.isSpace(u) {
                pendingSpace = !out.isEmpty
                continue
            }
            if u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0) { continue }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: raw[i..<(i + len)]))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// "Delegates at the meeting (Photo: VNA)" → text and credit; "… To Lam.jpg" → the file's title.
    static let foldedCaptionMarkers = PagePhrases.captionMarkers.map { TextFold.key($0) }

    /// Folded words that open a caption line ("Photo: …", "Ảnh: …").
    private static let leadingCaptionMarkers = ["photo:", "anh:", "image:", "photo credit:"]

    static func caption(text: String, folded: String, words: Int) -> Caption? {
        guard let last = folded.utf8.last else { return nil }
        // Cheap exits first: most lines are neither bracketed credits, file names nor "Photo:" lines.
        if last == UInt8(ascii: "g") || last == UInt8(ascii: "f") || last == UInt8(ascii: "p") {
            for ext in [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"] where folded.hasSuffix(ext) {
                let base = FastScan.trim(String(text.unicodeScalars.dropLast(ext.unicodeScalars.count)))
                guard base.contains(" ") else { return nil }  // a bare file name is furniture
                return Caption(text: base, credit: nil)
            }
        }
        let closes = last == UInt8(ascii: ")") || (last == UInt8(ascii: ".") && folded.utf8.dropLast().last == UInt8(ascii: ")"))
        if closes, let open = text.unicodeScalars.lastIndex(of: "("),
           let foldedOpen = folded.unicodeScalars.lastIndex(of: "(") {
            let innerFolded = FastScan.trim(String(folded.unicodeScalars[folded.unicodeScalars.index(after: foldedOpen)...]), ").")
            for marker in foldedCaptionMarkers where innerFolded.hasPrefix(marker) {
                let inner = FastScan.trim(String(text.unicodeScalars[text.unicodeScalars.index(after: open)...]), ").")
                let credit = FastScan.trim(String(inner.unicodeScalars.dropFirst(marker.unicodeScalars.count)), " :")
                var body = FastScan.trim(String(text.unicodeScalars[..<open]))
                if body.hasSuffix(".") && !body.hasSuffix("..") { body.removeLast() }
                return Caption(text: body.isEmpty ? text : body, credit: credit.isEmpty ? nil : credit)
            }
        }
        if words <= 40, let first = folded.utf8.first, first == UInt8(ascii: "p") || first == UInt8(ascii: "a") || first == UInt8(ascii: "i") {
            for marker in leadingCaptionMarkers where folded.hasPrefix(marker) {
                let rest = FastScan.trim(String(text.unicodeScalars.dropFirst(marker.unicodeScalars.count)))
                return Caption(text: rest, credit: nil)
            }
        }
        return nil
    }

    /// An image placeholder such as "<headline> ảnh 1" or "<headline> photo 2".
    static func isImageAlt(folded: String) -> Bool {
        // Ends with "<word> <1–2 digits>".
        let utf8 = folded.utf8
        guard let last = utf8.last, last >= 0x30, last <= 0x39 else { return false }
        let bytes = Array(utf8.suffix(10))
        var end = bytes.count
        var digits = 0
        while end > 0, bytes[end - 1] >= 0x30, bytes[end - 1] <= 0x39 { end -= 1; digits += 1 }
        guard digits >= 1, digits <= 2, end > 0, bytes[end - 1] == 0x20 else { return false }
        let head = bytes[..<(end - 1)]
        for word in [" anh", " photo", " image", " hinh"] {
            let w = Array(word.utf8)
            if head.count >= w.count, Array(head.suffix(w.count)) == w { return true }
        }
        return false
    }

    /// A link title printed twice on one line ("A A"). Compares bytes: two equal halves around a
    /// middle space are exactly two equal scalar halves.
    static func doubledTitle(_ text: String) -> String? {
        var title: String?
        TextFold.withUTF8(text) { buf in
            let n = buf.count
            guard n >= 11, n % 2 == 1, buf[n / 2] == 0x20, let base = buf.baseAddress else { return }
            let half = n / 2
            guard memcmp(base, base + half + 1, half) == 0 else { return }
            let head = UnsafeBufferPointer(rebasing: buf[0..<half])
            var scalars = 0
            for b in head where b & 0xC0 != 0x80 { scalars += 1 }
            guard scalars >= 5 else { return }
            title = String(decoding: head, as: UTF8.self)
        }
        guard let title, PageLine.countWords(title) >= 2 else { return nil }
        return title
    }
}

/// What `PageLine.measureClean` needs to know of a non-ASCII scalar, in one table load for the
/// scalars below `ScalarClass.tableLimit` (Latin, Vietnamese, Greek, Cyrillic, Lao, Thai…): whether
/// it makes a line unclean, `countWords`'s letter and joiner tests, and its `Tokenizer.Kind`.
enum LineScalar {
    /// A C1 control or a Unicode space.
    static let unclean: UInt8 = 1
    /// A letter or digit (`FastScan.isLetter || FastScan.isDigit`).
    static let letter: UInt8 = 2
    /// ’ or a nonspacing mark: continues a word.
    static let joinsWord: UInt8 = 4
    private static let kindShift: UInt8 = 3
    private static let kinds: [Tokenizer.Kind] = [.other, .letter, .digit, .mark]

    private static let table: [UInt8] = (0..<ScalarClass.tableLimit).map { v in
        Unicode.Scalar(v).map(compute) ?? unclean
    }

    /// `table`'s elements, copied once into storage that is never freed, for loops that hoist the
    /// table's address out of their body.
    static let tableBase: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: table.count)
        p.initialize(from: table, count: table.count)
        return UnsafePointer(p)
    }()

    private static func compute(_ u: Unicode.Scalar) -> UInt8 {
        var c: UInt8 = 0
        if u.value < 0xA0 || FastScan.isSpace(u) { c |= unclean }
        if FastScan.isLetter(u) || FastScan.isDigit(u) { c |= letter }
        if u == "’" || FastScan.isNonspacingMark(u) { c |= joinsWord }
        let kind = Tokenizer.kind(u)
        c |= UInt8(kinds.firstIndex(of: kind)!) << kindShift
        return c
    }

    @inline(__always)
    static func classify(_ u: Unicode.Scalar) -> UInt8 {
        u.value < ScalarClass.tableLimit ? table.withUnsafeBufferPointer { $0[Int(u.value)] } : compute(u)
    }

    /// `Tokenizer.kind(u)`.
    @inline(__always)
    static func kind(of u: Unicode.Scalar) -> Tokenizer.Kind {
        if u.value < 0x80 {
            let b = UInt8(truncatingIfNeeded: u.value)
            return b &- 0x30 < 10 ? .digit : (b | 0x20) &- 0x61 < 26 ? .letter : .other
        }
        return kind(classify(u))
    }

    /// `kind(of:)` of the scalar at `i` of the `n` valid UTF-8 bytes at `base`; `table` is `tableBase`.
    @inline(__always)
    static func kind(at i: Int, _ base: UnsafePointer<UInt8>, _ n: Int, table: UnsafePointer<UInt8>) -> Tokenizer.Kind {
        let b = base[i]
        if b < 0x80 { return b &- 0x30 < 10 ? .digit : (b | 0x20) &- 0x61 < 26 ? .letter : .other }
        if b < 0xE0 && i &+ 2 <= n {
            return kind(table[Int(UInt32(b & 0x1F) << 6 | UInt32(base[i &+ 1] & 0x3F))])
        }
        return kind(of: UTF8Scan.decode(UnsafeBufferPointer(start: base, count: n), at: i).scalar)
    }

    @inline(__always)
    static func kind(_ c: UInt8) -> Tokenizer.Kind {
        switch c >> kindShift {
        case 1: return .letter
        case 2: return .digit
        case 3: return .mark
        default: return .other
        }
    }
}
