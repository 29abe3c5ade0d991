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

    /// A line measured by the definitions (`TextFold.key`, `countWords`, `Tokenizer.wordCount`).
    init(index: Int, text: String, blankBefore: Bool) {
        self.init(index: index, text: text, folded: TextFold.key(text), words: PageLine.countWords(text),
                  tokens: nil, blankBefore: blankBefore)
    }

    /// A line whose key and counts the caller found already (`tokens` nil: count on demand).
    private init(index: Int, text: String, folded: String, words: Int, tokens: Int?, blankBefore: Bool) {
        self.index = index
        self.text = text
        self.folded = folded
        self.words = words
        self.measuredTokens = tokens
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
            let scratch = LineScratch(capacity: buf.count)
            defer { scratch.deallocate() }
            FastScan.forEachLine(buf) { start, end in
                let raw = UnsafeBufferPointer(rebasing: buf[start..<end])
                // Each branch appends its line straight away: no optional to copy from and destroy.
                var appended = false
                if raw.isEmpty {
                    // A blank line.
                } else if let scanned = LineScan.clean(raw, scratch) {
                    // Already clean: a slice of the page (no copy through a validating decoder).
                    let lower = utf8.index(utf8.startIndex, offsetBy: start)
                    let slice = String(text[lower..<utf8.index(lower, offsetBy: end - start)])
                    lines.append(PageLine(index: index, text: slice, scanned: scanned, scratch: scratch, blankBefore: blank))
                    appended = true
                } else {
                    var copy = clean(raw)
                    if !copy.isEmpty {
                        // A cleaned line is clean; the definitions are the fallback all the same.
                        if let scanned = copy.withUTF8({ LineScan.clean($0, scratch) }) {
                            lines.append(PageLine(index: index, text: copy, scanned: scanned, scratch: scratch, blankBefore: blank))
                        } else {
                            lines.append(PageLine(index: index, text: copy, blankBefore: blank))
                        }
                        appended = true
                    }
                }
                blank = !appended
                index += 1
            }
        }
        return lines
    }

    /// A line `LineScan.clean` scanned: its key is in `scratch` (else folded now), its counts those
    /// the scan found (else counted by the definitions).
    private init(index: Int, text: String, scanned: LineScan.Result, scratch: LineScratch, blankBefore: Bool) {
        let folded = scanned.keyLength.map { scratch.key(length: $0) } ?? TextFold.key(text)
        if let counts = scanned.counts {
            self.init(index: index, text: text, folded: folded, words: counts.words, tokens: counts.tokens,
                      blankBefore: blankBefore)
        } else {
            self.init(index: index, text: text, folded: folded, words: PageLine.countWords(text), tokens: nil,
                      blankBefore: blankBefore)
        }
    }

    /// A line that is not clean as it is (`LineScan.clean` gave nil), trimmed of spaces (NBSP,
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

    /// Folded words that open a caption line ("Photo: …", "Ảnh: …"), and the endings of image file names.
    private static let leadingCaptionMarkers = ["photo:", "anh:", "image:", "photo credit:"]
    private static let imageExtensions = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"]

    static func caption(text: String, folded: String, words: Int) -> Caption? {
        guard mayBeCaption(folded: folded, words: words) else { return nil }
        return captionParts(text: text, folded: folded, words: words)
    }

    private static let imageExtensionBytes = imageExtensions.map { Array($0.utf8) }
    private static let leadingCaptionMarkerBytes = leadingCaptionMarkers.map { Array($0.utf8) }

    /// Whether `captionParts` can find a caption: the byte tests its string tests imply (an ASCII
    /// character matches no other `Character`, so a `hasSuffix`/`hasPrefix` of ASCII text needs the
    /// bytes to match), so the many lines that are no caption skip them.
    private static func mayBeCaption(folded: String, words: Int) -> Bool {
        var may = false
        TextFold.withUTF8(folded) { f in
            guard let last = f.last else { return }
            let n = f.count
            if last == UInt8(ascii: ")") || (last == UInt8(ascii: ".") && n >= 2 && f[n - 2] == UInt8(ascii: ")")) {
                may = true
                return
            }
            if last == UInt8(ascii: "g") || last == UInt8(ascii: "f") || last == UInt8(ascii: "p") {
                if imageExtensionBytes.contains(where: { hasBytes(f, $0, atEnd: true) }) { may = true; return }
            }
            if words <= 40, let first = f.first,
               first == UInt8(ascii: "p") || first == UInt8(ascii: "a") || first == UInt8(ascii: "i") {
                may = leadingCaptionMarkerBytes.contains { hasBytes(f, $0, atEnd: false) }
            }
        }
        return may
    }

    /// Folded caption markers as bytes (all ASCII).
    private static let foldedCaptionMarkerBytes = foldedCaptionMarkers.map { Array($0.utf8) }

    /// False only when no folded caption marker can open the text after the last "(" of `folded`:
    /// that text starts with an ASCII letter (so trimming leaves its start alone) and no marker's
    /// bytes start there.
    private static func markerMayFollowParenthesis(_ folded: String) -> Bool {
        var may = true
        TextFold.withUTF8(folded) { f in
            guard let base = f.baseAddress, let open = f.lastIndex(of: UInt8(ascii: "(")), open + 1 < f.count,
                  (f[open + 1] | 0x20) &- 0x61 < 26 else { return }
            let rest = f.count - open - 1
            may = foldedCaptionMarkerBytes.contains { marker in
                marker.count <= rest && marker.withUnsafeBufferPointer { memcmp(base + open + 1, $0.baseAddress!, marker.count) == 0 }
            }
        }
        return may
    }

    /// `s.unicodeScalars.lastIndex(of: "(")`, found by its byte (which no other scalar holds).
    private static func lastParenthesis(_ s: String) -> String.Index? {
        var offset: Int?
        TextFold.withUTF8(s) { offset = $0.lastIndex(of: UInt8(ascii: "(")) }
        return offset.map { s.utf8.index(s.utf8.startIndex, offsetBy: $0) }
    }

    /// Whether `bytes` start (or end) with `s`'s bytes.
    @inline(__always)
    private static func hasBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ s: [UInt8], atEnd: Bool) -> Bool {
        let k = s.count
        guard bytes.count >= k, let base = bytes.baseAddress else { return false }
        return s.withUnsafeBufferPointer { memcmp(base + (atEnd ? bytes.count - k : 0), $0.baseAddress!, k) == 0 }
    }

    /// `caption` itself.
    private static func captionParts(text: String, folded: String, words: Int) -> Caption? {
        guard let last = folded.utf8.last else { return nil }
        // Cheap exits first: most lines are neither bracketed credits, file names nor "Photo:" lines.
        if last == UInt8(ascii: "g") || last == UInt8(ascii: "f") || last == UInt8(ascii: "p") {
            for ext in imageExtensions where folded.hasSuffix(ext) {
                let base = FastScan.trim(String(text.unicodeScalars.dropLast(ext.unicodeScalars.count)))
                guard base.contains(" ") else { return nil }  // a bare file name is furniture
                return Caption(text: base, credit: nil)
            }
        }
        let closes = last == UInt8(ascii: ")") || (last == UInt8(ascii: ".") && folded.utf8.dropLast().last == UInt8(ascii: ")"))
        if closes, markerMayFollowParenthesis(folded), let open = lastParenthesis(text), let foldedOpen = lastParenthesis(folded) {
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

/// Scratch storage for `LineScan.clean`, allocated once per page: a line's key and its stand-ins.
struct LineScratch {
    /// The longest line (in bytes) the scratch serves.
    let capacity: Int
    /// Room for a key of up to twice the line (`LineScan.clean` keeps within it).
    let key: UnsafeMutablePointer<UInt8>
    /// One ASCII stand-in per scalar (see `LineScalar`).
    let standIns: UnsafeMutablePointer<UInt8>
    /// `LineScalar.tableBase`, looked up once per page.
    let table: UnsafePointer<UInt16>

    init(capacity: Int) {
        self.capacity = capacity
        table = LineScalar.tableBase
        key = .allocate(capacity: 2 * capacity + 8)
        standIns = .allocate(capacity: capacity + 8)
    }

    func deallocate() {
        key.deallocate()
        standIns.deallocate()
    }

    /// The first `length` bytes of `key` as a string.
    func key(length: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: key, count: length), as: UTF8.self)
    }
}

/// One pass over a line's bytes that checks it is clean, writes its `TextFold.key` and writes an ASCII
/// stand-in for each scalar, which a second, eight-bytes-at-a-time pass counts words on: Vietnamese
/// ("Thủ tướng" → "Thu tuong") is then counted at the speed of English.
enum LineScan {
    struct Result {
        /// The length of `TextFold.key(line)`, written to the scratch's `key`; nil when some scalar
        /// needs the general fold (or the key would outgrow twice the line).
        var keyLength: Int?
        /// `PageLine.countWords(line)` and `Tokenizer.wordCount(line)`; nil when some scalar has no
        /// stand-in (a combining mark).
        var counts: (words: Int, tokens: Int)?
    }

    /// For a clean line (no control characters, no leading, trailing or doubled spaces, only plain
    /// ASCII spaces: usable as it is) its key and counts; nil when the line is not clean. The bytes
    /// are a `String`'s, so valid UTF-8 (other bytes give some answer, never a read out of bounds).
    static func clean(_ bytes: UnsafeBufferPointer<UInt8>, _ scratch: LineScratch) -> Result? {
        guard let src = bytes.baseAddress, let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20,
              bytes.count <= scratch.capacity else {
            return nil
        }
        let n = bytes.count
        let key = scratch.key, standIns = scratch.standIns
        let table = scratch.table
        var state = State()
        // `o <= n + i` throughout (one key byte per input byte, more only within `fold`'s room
        // check), so an eight-byte store at `key + o` with `i + 8 <= n` stays below `2n`; `p <= i`.
        var i = 0, o = 0, p = 0
        while i < n {
            if i &+ 8 <= n {
                let w = ByteLanes.load(src, i)
                // All eight lanes are written; those before the first non-ASCII lane are exact (the
                // sums carry only upward) and the rest are written over later.
                ByteLanes.store(ByteLanes.lowerASCII(w), key + o)
                ByteLanes.store(w, standIns + p)
                let high = w & ByteLanes.highs
                if high == 0 {
                    i &+= 8; o &+= 8; p &+= 8
                    continue
                }
                let taken = high.trailingZeroBitCount &>> 3
                i &+= taken; o &+= taken; p &+= taken
            }
            let b = src[i]
            if b < 0x80 {
                key[o] = b &- 65 < 26 ? b &+ 32 : b
                standIns[p] = b
                i &+= 1; o &+= 1; p &+= 1
                continue
            }
            // The common non-ASCII scalar: two bytes, or three below the table's limit (Vietnamese
            // E1 BA xx, E1 BB xx), whose fold is one ASCII byte and which has a stand-in.
            var entry: UInt16 = 0
            var length = 0
            if b >= 0xC2 && b < 0xE0 && i &+ 2 <= n {
                entry = table[Int(UInt32(b & 0x1F) << 6 | UInt32(src[i &+ 1] & 0x3F))]
                length = 2
            } else if b >= 0xE0 && b < 0xE3 && i &+ 3 <= n {
                // E0, E1 and E2 lead U+0800–U+2FFF, all below the table's limit.
                entry = table[Int(UInt32(b & 0x0F) << 12 | UInt32(src[i &+ 1] & 0x3F) << 6 | UInt32(src[i &+ 2] & 0x3F))]
                length = 3
            }
            if entry & 0x8000 == 0 && entry & 0xFF != 0 {
                key[o] = UInt8(truncatingIfNeeded: entry)
                standIns[p] = UInt8(truncatingIfNeeded: entry &>> 8)
                i &+= length; o &+= 1; p &+= 1
                continue
            }
            // Offsets passed by value: were they `inout`, they would live in memory for the whole loop.
            guard let next = scalar(src, n, i, o, p, key, standIns, table, &state) else { return nil }
            (i, o, p) = next
        }
        ByteLanes.store(ByteLanes.splat(UInt8(ascii: "@")), standIns + p)  // `measureASCII` reads 8 bytes on
        guard let counts = measureASCII(standIns, p) else { return nil }
        return Result(keyLength: state.keyComplete ? o : nil, counts: state.standInsComplete ? counts : nil)
    }

    struct State {
        var keyComplete = true
        var standInsComplete = true
    }

    /// Any other scalar at `i`: its key bytes (or the key given up), its stand-in (or a neutral byte,
    /// counts given up), and the offsets after them; nil when it makes the line unclean or the bytes
    /// are not valid UTF-8.
    @inline(never)
    private static func scalar(
        _ src: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ o: Int, _ p: Int,
        _ key: UnsafeMutablePointer<UInt8>, _ standIns: UnsafeMutablePointer<UInt8>, _ table: UnsafePointer<UInt16>,
        _ state: inout State
    ) -> (i: Int, o: Int, p: Int)? {
        var o = o, p = p
        let b = src[i]
        var length: Int
        var v: UInt32
        switch b {
        case 0xC2...0xDF: length = 2; v = UInt32(b & 0x1F)
        case 0xE0...0xEF: length = 3; v = UInt32(b & 0x0F)
        case 0xF0...0xF4: length = 4; v = UInt32(b & 0x07)
        default: return nil
        }
        guard i + length <= n else { return nil }
        for k in 1..<length {
            let c = src[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            v = v << 6 | UInt32(c & 0x3F)
        }
        guard let u = Unicode.Scalar(v), v >= 0x80 else { return nil }
        let single: UInt8, standIn: UInt8
        if v < ScalarClass.tableLimit {
            let entry = table[Int(v)]
            single = UInt8(truncatingIfNeeded: entry)
            standIn = UInt8(truncatingIfNeeded: entry >> 8)
        } else {
            single = 0
            standIn = LineScalar.standIn(for: u)
        }
        if standIn == LineScalar.unclean { return nil }
        if standIn == LineScalar.noStandIn {
            state.standInsComplete = false
            standIns[p] = UInt8(ascii: "@")  // neither space nor control: cleanliness is still checked
        } else {
            standIns[p] = standIn
        }
        p += 1
        if single != 0 {
            key[o] = single
            o += 1
        } else if state.keyComplete {
            // Every byte still to read may add one key byte: keep room for them.
            let room = 2 * n - (n - i - length)
            var complete = false
            if let slot = FoldTable.slot(v) {
                let table = FoldTable.shared
                let a = Int(table.start[slot]), e = Int(table.start[slot + 1])
                if o + (e - a) <= room {
                    for j in a..<e { key[o] = table.bytes[j]; o += 1 }
                    complete = true
                }
            } else if FoldRules.isInvariant(v) {
                for j in i..<(i + length) { key[o] = src[j]; o += 1 }  // same length: always fits
                complete = true
            }
            if !complete {
                state.keyComplete = false
                o = 0  // what is written from now on is never read
            }
        }
        return (i + length, o, p)
    }

    /// `countWords` and `Tokenizer.wordCount` of `n` ASCII bytes, or nil when they hold a control
    /// character or a doubled space. The eight bytes after them must be readable.
    ///
    /// Both counts are the runs of letters and digits, less the runs that continue a word or token:
    /// for `countWords`, a run after apostrophes that follow a run; for the tokenizer, a run after one
    /// joining punctuation byte (`Tokenizer.joins`). Runs are counted eight bytes at a time; only the
    /// few bytes that may join or be unclean are looked at one by one.
    static func measureASCII(_ base: UnsafePointer<UInt8>, _ n: Int) -> (words: Int, tokens: Int)? {
        var runs = 0
        var joinedWords = 0
        var joinedTokens = 0
        /// The high bit of lane 0 set when the byte before the window is a letter or digit (a space).
        var alnumBefore: UInt64 = 0
        var spaceBefore: UInt64 = 0
        var i = 0
        while i < n {
            let w = ByteLanes.load(base, i)
            let alnum = ByteLanes.alphanumericLanes(w)
            runs &+= ByteLanes.countHighBits(alnum & ~((alnum << 8) | alnumBefore))
            alnumBefore = alnum >> 56
            let spaces = ByteLanes.inRange(w, 0x20, 0x20)
            // Controls, DEL, doubled spaces, and 0x27–0x2E (the apostrophe, hyphen, full stop and
            // comma, with the brackets, * and + among them): the bytes to look at one by one.
            var special = ((w &+ ByteLanes.splat(0x01)) | ~(w &+ ByteLanes.splat(0x60))
                           | ((w &+ ByteLanes.splat(0x80 - 0x27)) & ~(w &+ ByteLanes.splat(0x7F - 0x2E)))) & ByteLanes.highs
            special |= spaces & ((spaces << 8) | spaceBefore)
            spaceBefore = spaces >> 56
            while special != 0 {
                let j = i &+ special.trailingZeroBitCount &>> 3
                special &= special &- 1
                guard j < n else { break }
                switch joinsAt(base, j, n) {
                case .unclean: return nil
                case .word: joinedWords &+= 1
                case .token: joinedTokens &+= 1
                case .wordAndToken: joinedWords &+= 1; joinedTokens &+= 1
                case .none: break
                }
            }
            i &+= 8
        }
        return (runs &- joinedWords, runs &- joinedTokens)
    }

    private enum Join { case none, word, token, wordAndToken, unclean }

    /// What the special byte at `j` (see `measureASCII`) does: makes the line unclean, or joins the
    /// run after it to the word or token before it.
    @inline(__always)
    private static func joinsAt(_ base: UnsafePointer<UInt8>, _ j: Int, _ n: Int) -> Join {
        let b = base[j]
        if b < 0x20 || b == 0x7F || b == 0x20 { return .unclean }  // only doubled spaces get here
        guard j > 0, j &+ 1 < n else { return .none }
        let next = kind(base[j &+ 1])
        guard next != .other else { return .none }
        // `countWords`: a word goes on through apostrophes; the last of a run after a letter or
        // digit joins the word to the run that follows.
        var word = false
        if b == 0x27 {
            var k = j &- 1
            while k > 0 && base[k] == 0x27 { k &-= 1 }
            word = kind(base[k]) != .other
        }
        // The tokenizer: a token is open at `j` only right after its letter or digit.
        let last = kind(base[j &- 1])
        let token = last != .other && Tokenizer.joins(UInt32(b), last: last, next: next)
        return word ? (token ? .wordAndToken : .word) : (token ? .token : .none)
    }

    /// `Tokenizer.kind` of an ASCII byte.
    @inline(__always)
    private static func kind(_ b: UInt8) -> Tokenizer.Kind {
        b &- 0x30 < 10 ? .digit : (b | 0x20) &- 0x61 < 26 ? .letter : .other
    }
}

/// For each scalar from U+0080 below `ScalarClass.tableLimit` (Latin, Vietnamese, Greek, Cyrillic,
/// Thai, Lao, punctuation…), in one load: its fold when that is one ASCII byte (else 0) in the low
/// byte, and in the high byte its stand-in, `noStandIn` or `unclean`.
///
/// A stand-in is an ASCII byte that `PageLine.countWords` and `Tokenizer` treat exactly like the
/// scalar wherever it stands: "ộ" → "a", "’" → "'", "–" → "@". Scalars with none are the
/// nonspacing marks and a few others, which no ASCII byte imitates.
enum LineScalar {
    static let noStandIn: UInt8 = 0x80
    /// A C1 control or a Unicode space: the line is not clean.
    static let unclean: UInt8 = 0xFF

    /// The table, in storage that is never freed, for loops that hoist its address.
    static let tableBase: UnsafePointer<UInt16> = {
        let fold = FoldTable.shared
        let p = UnsafeMutablePointer<UInt16>.allocate(capacity: Int(ScalarClass.tableLimit))
        for v in 0..<ScalarClass.tableLimit {
            guard let u = Unicode.Scalar(v), v >= 0x80 else {
                p[Int(v)] = UInt16(unclean) << 8
                continue
            }
            let single = FoldTable.slot(v).map { fold.single[$0] } ?? 0
            p[Int(v)] = UInt16(single) | UInt16(standIn(for: u)) << 8
        }
        return UnsafePointer(p)
    }()

    /// The candidates, each a different kind of byte for the counters.
    private static let candidates: [UInt8] = Array("a0'-@".utf8)
    private static let candidateTraits = candidates.map { traits(Unicode.Scalar($0)) }

    /// The stand-in of a non-ASCII scalar: the first candidate that agrees with it in everything the
    /// counters ask.
    static func standIn(for u: Unicode.Scalar) -> UInt8 {
        if u.value < 0xA0 || FastScan.isSpace(u) { return unclean }
        let wanted = traits(u)
        return candidateTraits.firstIndex(of: wanted).map { candidates[$0] } ?? noStandIn
    }

    /// What the counters ask of a scalar, one bit each: `countWords` whether it is a letter or digit
    /// and whether it joins a word; `Tokenizer` its kind and, for punctuation (kind `.other`, the
    /// only scalars `Tokenizer.joins` is asked about), whether it is an apostrophe, a hyphen, a full
    /// stop or comma.
    private static func traits(_ u: Unicode.Scalar) -> Int {
        let letter = FastScan.isLetter(u) || FastScan.isDigit(u)
        // `countWords` asks whether a scalar joins a word only when it is not a letter.
        let joinsWord = !letter && (u.value < 0x80 ? u == "'" : u == "’" || FastScan.isNonspacingMark(u))
        let kind = Tokenizer.kind(u)
        let other = kind == .other
        let v = u.value
        var bits = 0
        if letter { bits |= 1 }
        if joinsWord { bits |= 2 }
        if kind == .letter { bits |= 4 }
        if kind == .digit { bits |= 8 }
        if kind == .mark { bits |= 16 }
        if other && Tokenizer.isApostrophe(v) { bits |= 32 }
        if other && Tokenizer.isHyphen(v) { bits |= 64 }
        if other && (v == 0x2E || v == 0x2C) { bits |= 128 }
        return bits
    }
}
