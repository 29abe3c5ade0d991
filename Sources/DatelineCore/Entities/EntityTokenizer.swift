import Foundation

/// A word of a paragraph as the entity recognizer sees it.
struct EntityToken {
    var folded: String
    /// Offset and length in Unicode code points within the paragraph.
    var start: Int
    var length: Int
    /// UTF-8 byte range of the word as written (without a possessive "’s") within the paragraph.
    var byteStart: Int
    var byteEnd: Int
    /// Non-space characters between the previous word and this one ("", "(", ".", ",").
    var gap: TokenGap
    var capitalized: Bool
    var allCaps: Bool
    /// Every scalar is a letter, an apostrophe or a nonspacing mark (the shape of a name word).
    var nameShaped: Bool
    /// Lookups of `folded` in the recognizer's tables, done once per word (`TokenInterner`).
    /// Not counted: the interner that made the token keeps the instance alive for the article
    /// (it is only emptied between articles), so tokens copy as plain values.
    unowned(unsafe) var lookups = EntityToken.noLookups

    /// The token was not looked up (outside the recognizer).
    static let noLookups = Lookups()
    var end: Int { start + length }

    /// The word as written, sliced from its paragraph (most tokens never need it, so it is not
    /// stored).
    func text(in paragraph: String) -> Substring {
        let utf8 = paragraph.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: byteStart)
        return paragraph[lower..<utf8.index(lower, offsetBy: byteEnd - byteStart)]
    }

    /// What the recognizer's word tables say about this token's folded form (a shared reference:
    /// tokens of the same word point to one instance). Filled in once, then only read.
    final class Lookups: @unchecked Sendable {
        /// Dictionary phrases starting with this word, longest first.
        var dictionaryPhrases: [EntityDictionary.Phrase]?
        /// Person titles and office-chain phrases starting with this word, longest first.
        var titlePhrases: [[String]]?
        var chainPhrases: [[String]]?
        var isSurname = false
        var isNotName = false

        init() {}

        func copy() -> Lookups {
            let c = Lookups()
            c.dictionaryPhrases = dictionaryPhrases; c.titlePhrases = titlePhrases; c.chainPhrases = chainPhrases
            c.isSurname = isSurname; c.isNotName = isNotName
            return c
        }
    }
}

/// Splits text into words with offsets and the punctuation between them; hyphens and dashes split
/// words, apostrophes inside a word do not, and a possessive "’s" is dropped.
///
/// Works on the paragraph's UTF-8 bytes: a word is always a contiguous run of the text, so each
/// token's text and folded key are made straight from a byte slice.
enum EntityTokenizer {
    static func tokens(_ text: String, interner: TokenInterner? = nil) -> [EntityToken] {
        var result: [EntityToken] = []
        TextFold.withUTF8(text) { buf in
            result.reserveCapacity(buf.count / 5)
            var scanner = Scanner(buf: buf, interner: interner)
            scanner.run { result.append($0) }
        }
        return result
    }

    /// Folded words of a name, for dictionary phrases.
    static func foldedTokens(_ text: String) -> [String] {
        tokens(text).map(\.folded)
    }

    /// The tokenizer's state over one paragraph's bytes.
    private struct Scanner {
        let buf: UnsafeBufferPointer<UInt8>
        /// Byte and scalar offsets of the current word's start, when inside a word.
        var wordStart: (byte: Int, scalar: Int)?
        var gap: [UInt8] = []
        var folded: [UInt8] = []
        var foldSink = TextFold.FoldSink(track: false)

        let interner: TokenInterner?

        init(buf: UnsafeBufferPointer<UInt8>, interner: TokenInterner?) {
            self.buf = buf
            self.interner = interner
        }

        @inline(__always) static func isApostrophe(_ u: Unicode.Scalar) -> Bool { u == "'" || u == "’" }

        /// Classes of ASCII bytes: 1 word (letter or digit), 2 space, 3 apostrophe, 0 other.
        private static let asciiClass: [UInt8] = (0..<128).map { b -> UInt8 in
            let u = Unicode.Scalar(UInt8(b))
            if FastScan.isWordScalar(u) { return 1 }
            if FastScan.isSpace(u) { return 2 }
            if b == 0x27 { return 3 }
            return 0
        }

        mutating func run(_ emit: (EntityToken) -> Void) {
            var i = 0, offset = 0
            let n = buf.count
            Self.asciiClass.withUnsafeBufferPointer { classes in
                while i < n {
                    let b = buf[i]
                    if b < 0x80 {
                        let c = classes[Int(b)]
                        if c == 1 {
                            if wordStart == nil { wordStart = (i, offset) }
                            // The rest of an ASCII word in one tight loop.
                            i += 1; offset += 1
                            while i < n, buf[i] < 0x80, classes[Int(buf[i])] == 1 { i += 1; offset += 1 }
                            continue
                        }
                        if c == 3, wordStart != nil, i + 1 < n, FastScan.isLetter(UTF8Scan.decode(buf, at: i + 1).scalar) {
                            // An apostrophe inside a word ("People's") belongs to it.
                        } else {
                            flush(end: i, scalarEnd: offset, emit)
                            if c != 2 { gap.append(b) }
                        }
                        i += 1; offset += 1
                        continue
                    }
                    let (u, len) = UTF8Scan.decode(buf, at: i)
                    if FastScan.isWordScalar(u) {
                        if wordStart == nil { wordStart = (i, offset) }
                    } else if Self.isApostrophe(u), wordStart != nil, i + len < buf.count,
                              FastScan.isLetter(UTF8Scan.decode(buf, at: i + len).scalar) {
                        // An apostrophe inside a word belongs to it.
                    } else {
                        flush(end: i, scalarEnd: offset, emit)
                        if !FastScan.isSpace(u) { gap.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<(i + len)])) }
                    }
                    i += len
                    offset += 1
                }
            }
            flush(end: buf.count, scalarEnd: offset, emit)
        }

        /// Ends the current word at byte `end` (scalar offset `scalarEnd`) and emits its token.
        mutating func flush(end: Int, scalarEnd: Int, _ emit: (EntityToken) -> Void) {
            guard let start = wordStart else { return }
            wordStart = nil
            var end = end
            var length = scalarEnd - start.scalar
            // Drop a possessive 's / ’s, then any trailing apostrophes.
            if length > 2, buf[end - 1] == UInt8(ascii: "s") || buf[end - 1] == UInt8(ascii: "S") {
                let before = UTF8Scan.start(before: end - 1, in: buf)
                if Self.isApostrophe(UTF8Scan.decode(buf, at: before).scalar) { end = before; length -= 2 }
            }
            while end > start.byte {
                let before = UTF8Scan.start(before: end, in: buf)
                guard Self.isApostrophe(UTF8Scan.decode(buf, at: before).scalar) else { break }
                end = before; length -= 1
            }
            let word = UnsafeBufferPointer(rebasing: buf[start.byte..<end])
            let shape: WordShape
            if let interner {
                if let known = interner.shape(ofRaw: word) {
                    shape = known
                } else {
                    let measured = Self.measure(word, folded: &folded, sink: &foldSink)
                    shape = interner.add(raw: word, measured, folded: folded)
                }
            } else {
                let measured = Self.measure(word, folded: &folded, sink: &foldSink)
                shape = WordShape(folded: String(decoding: folded, as: UTF8.self), lookups: EntityToken.noLookups,
                                  capitalized: measured.capitalized, allCaps: measured.allCaps, nameShaped: measured.nameShaped)
            }
            let gapText = gap.isEmpty ? TokenGap() : gap.withUnsafeBufferPointer { TokenGap(bytes: $0) }
            emit(EntityToken(
                folded: shape.folded,
                start: start.scalar, length: length, byteStart: start.byte, byteEnd: end,
                gap: gapText,
                capitalized: shape.capitalized, allCaps: shape.allCaps, nameShaped: shape.nameShaped,
                lookups: shape.lookups))
            gap.removeAll(keepingCapacity: true)
        }

        /// The case and shape of a word, with its folded bytes left in `folded`.
        static func measure(_ word: UnsafeBufferPointer<UInt8>, folded: inout [UInt8], sink: inout TextFold.FoldSink) -> MeasuredWord {
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
            return MeasuredWord(capitalized: first.map(FastScan.isUpper) ?? false,
                                allCaps: upper >= 2 && lower == 0, nameShaped: nameShaped)
        }
    }

    /// Case and shape flags of a word as written.
    struct MeasuredWord {
        var capitalized: Bool
        var allCaps: Bool
        var nameShaped: Bool
    }
}

/// The punctuation between two words of a paragraph, as a plain value (no allocation): its byte
/// count, its first eight bytes and its last byte. Equality and prefix tests are exact for gaps of
/// up to eight bytes (all the recognizer compares with); `hasSuffix` looks at the last byte.
struct TokenGap: Equatable, ExpressibleByStringLiteral {
    private(set) var count = 0
    private var head: UInt64 = 0
    private var last: UInt8 = 0

    init() {}

    init(bytes: UnsafeBufferPointer<UInt8>) {
        count = bytes.count
        for (k, b) in bytes.prefix(8).enumerated() { head |= UInt64(b) << (8 * UInt64(k)) }
        last = bytes.last ?? 0
    }

    init(stringLiteral value: String) {
        var copy = value
        self = copy.withUTF8 { TokenGap(bytes: $0) }
    }

    var isEmpty: Bool { count == 0 }

    /// Whether the gap starts with `prefix` (of at most eight bytes).
    func hasPrefix(_ prefix: TokenGap) -> Bool {
        guard prefix.count <= count, prefix.count <= 8 else { return false }
        let mask: UInt64 = prefix.count == 8 ? ~0 : (1 << (8 * UInt64(prefix.count))) - 1
        return head & mask == prefix.head
    }

    /// Whether the gap ends with the one-byte `suffix`.
    func hasSuffix(_ suffix: TokenGap) -> Bool {
        precondition(suffix.count == 1, "TokenGap.hasSuffix compares one byte")
        return count >= 1 && last == suffix.last
    }
}

/// What a word as written gives every token of it: its folded form, the tables' lookups, and
/// its case and shape.
struct WordShape {
    var folded: String
    var lookups: EntityToken.Lookups
    var capitalized: Bool
    var allCaps: Bool
    var nameShaped: Bool
}

/// Shares one folded string and one table lookup among all tokens of the same word: each
/// distinct word as written is measured and folded once, and each distinct folded word is made
/// into a `String` and looked up once.
///
/// The recognizer keeps one interner per thread and dictionary (`cached`), so words are
/// remembered across articles: news vocabulary repeats, and most words of an article were seen
/// before. The answers depend only on a word's bytes and the dictionary, so a cache never changes
/// what is recognized; it is emptied when it grows past `maxWords`.
final class TokenInterner {
    /// Words as written → their shape.
    @exclusivity(unchecked) private var raw = WordMap<WordShape>(capacity: 1024)
    /// Folded words → the shared folded string and lookups.
    @exclusivity(unchecked) private var words = WordMap<(folded: String, lookups: EntityToken.Lookups)>(capacity: 1024)
    private let lookup: (String) -> EntityToken.Lookups

    /// Distinct words as written kept at most; past this the interner starts afresh.
    static let maxWords = 100_000

    /// `lookup` says what the word tables hold for a folded word.
    init(lookup: @escaping (String) -> EntityToken.Lookups) {
        self.lookup = lookup
    }

    /// The shape of a word already seen as written (`bytes`), if any.
    @inline(__always)
    func shape(ofRaw bytes: UnsafeBufferPointer<UInt8>) -> WordShape? {
        raw.value(bytes)
    }

    /// Empties the interner when it has grown past `maxWords`. Called between articles only: the
    /// tokens of an article point at lookups the interner keeps alive.
    func trimBetweenArticles() {
        if raw.count >= Self.maxWords {
            raw = WordMap(capacity: 1024)
            words = WordMap(capacity: 1024)
        }
    }

    /// Records a new word as written (`bytes`) with its measured shape and folded bytes.
    func add(raw bytes: UnsafeBufferPointer<UInt8>, _ measured: EntityTokenizer.MeasuredWord, folded: [UInt8]) -> WordShape {
        let (foldedWord, lookups) = folded.withUnsafeBufferPointer { intern($0) }
        let shape = WordShape(folded: foldedWord, lookups: lookups, capitalized: measured.capitalized,
                              allCaps: measured.allCaps, nameShaped: measured.nameShaped)
        raw.set(bytes, shape)
        return shape
    }

    /// The shared folded string and lookups for the folded word whose UTF-8 bytes are `bytes`.
    func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, EntityToken.Lookups) {
        if let known = words.value(bytes) { return known }
        let folded = String(decoding: bytes, as: UTF8.self)
        let entry = (folded: folded, lookups: lookup(folded))
        words.set(bytes, entry)
        return entry
    }

    // MARK: - One interner per thread and dictionary

    /// This thread's interner for the dictionary whose phrases `identity` names, made with
    /// `lookup` the first time.
    static func cached(for identity: EntityDictionary.PhrasesIdentity,
                       lookup: @escaping (String) -> EntityToken.Lookups) -> TokenInterner {
        let caches = ThreadInterners.current
        if let hit = caches.entries.first(where: { $0.identity === identity }) { return hit.interner }
        let made = TokenInterner(lookup: lookup)
        // A few dictionaries per thread at most (the bundled one, an analyst's): drop the oldest.
        if caches.entries.count >= 4 { caches.entries.removeFirst() }
        caches.entries.append((identity, made))
        return made
    }
}

/// The interners of one thread (thread-local storage through a pthread key, released when the
/// thread ends). A thread only ever touches its own instance.
final class ThreadInterners {
    var entries: [(identity: EntityDictionary.PhrasesIdentity, interner: TokenInterner)] = []

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<ThreadInterners>.fromOpaque(pointer).release()
        }
        return key
    }()

    static var current: ThreadInterners {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<ThreadInterners>.fromOpaque(pointer).takeUnretainedValue()
        }
        let made = ThreadInterners()
        pthread_setspecific(key, Unmanaged.passRetained(made).toOpaque())
        return made
    }
}
