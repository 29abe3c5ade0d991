import Foundation

/// The entity recognizer's phrase tables (dictionary names, person titles, office-chain words) with
/// every word replaced by its word id, so matching compares integers. Built once per workspace;
/// read-only afterwards.
final class EntityVocabulary {
    /// A dictionary name or alias: its words are `words[start ..< start + count]`.
    struct DictionaryPhrase {
        var start: Int32
        var count: Int32
        var entry: Int32
        /// Only an all-capitals token matches ("WHO").
        var acronym: Bool
        /// A lower-case word in text does not match.
        var capitalized: Bool
    }

    /// A title or chain phrase: `words[start ..< start + count]`.
    struct PhraseSpan {
        var start: Int32
        var count: Int32
    }

    /// The phrases starting with one word: index ranges into `dictionary` and `sequences`.
    struct WordPhrases {
        var dictionaryStart: Int32 = 0, dictionaryCount: Int32 = 0
        var titleStart: Int32 = 0, titleCount: Int32 = 0
        var chainStart: Int32 = 0, chainCount: Int32 = 0
    }

    let words: UnsafeMutableBufferPointer<Int32>
    let dictionary: UnsafeMutableBufferPointer<DictionaryPhrase>
    let sequences: UnsafeMutableBufferPointer<PhraseSpan>
    /// By word id, for the words the tables hold (ids below `phrases.count`).
    let phrases: UnsafeMutableBufferPointer<WordPhrases>
    /// The kind of each dictionary entry, by entry index.
    let entryKinds: [EntityKind]

    init(words: [Int32], dictionary: [DictionaryPhrase], sequences: [PhraseSpan], phrases: [WordPhrases], entryKinds: [EntityKind]) {
        func copy<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
            let p = UnsafeMutableBufferPointer<T>.allocate(capacity: max(a.count, 1))
            _ = p.initialize(from: a)
            return UnsafeMutableBufferPointer(rebasing: p[0..<a.count])
        }
        self.words = copy(words)
        self.dictionary = copy(dictionary)
        self.sequences = copy(sequences)
        self.phrases = copy(phrases)
        self.entryKinds = entryKinds
    }

    deinit {
        // The buffers hold trivial values: deallocating is enough.
        words.baseAddress?.deallocate()
        dictionary.baseAddress?.deallocate()
        sequences.baseAddress?.deallocate()
        phrases.baseAddress?.deallocate()
    }
}

/// One thread's entity-recognition state for one dictionary: word ids, the phrase tables in those
/// ids, and the buffers an article is tokenized into (reused from article to article).
///
/// Words are remembered across articles: each distinct word as written is measured, folded and
/// looked up once, then found by its bytes (`PaddedWordTable`). The answers depend only on a word's bytes
/// and the dictionary, so the cache never changes what is recognized; it starts afresh (keeping
/// the tables' words) when it grows past `maxWords`.
final class EntityWorkspace {
    /// What every token of one word as written shares.
    struct RawWord {
        var word: Int32
        var spelling: Int32
        /// `EntityToken.Flags.wordBits`.
        var flags: UInt32
    }

    /// A folded spelling's word id and spelling id.
    struct FoldedWord {
        var word: Int32
        var spelling: Int32
    }

    let vocabulary: EntityVocabulary

    /// Words as written → ids and flags.
    private var raw = PaddedWordTable<RawWord>(capacity: 4096)
    /// Names (people's, acronyms', organizations') → the index of the dictionary entry
    /// `EntityDictionary.lookup` finds for them, or -1.
    private var entryOfName = PaddedWordTable<Int32>(capacity: 256)
    /// Byte runs of articles (mention texts, names, keys) → their `String`, so a text seen before
    /// costs a hash probe instead of UTF-8 validation and a new `String`.
    private var strings = PaddedWordTable<String>(capacity: 256)
    /// Bytes a caller assembles (names, keys), followed by `PaddedWordTable.padding` zeros when
    /// passed to `string(_:)`/`entryIndex(_:_:in:)` (`withScratch`).
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    /// Folded spellings → ids.
    @exclusivity(unchecked) private var folded: WordMap<FoldedWord>
    /// Folded words as `String`s → word id: `String` equality decides which spellings are one word.
    @exclusivity(unchecked) private var wordIDs: [String: Int32]
    /// The table bits (`notName`, `surname`, … `hasChain`) of each word id.
    @exclusivity(unchecked) private var wordFlags: [UInt32]
    /// Each folded spelling as a `String`, by spelling id.
    @exclusivity(unchecked) private var spellings: [String]
    /// The state right after the tables were loaded, to start afresh from.
    private let base: (folded: WordMap<FoldedWord>, wordIDs: [String: Int32], wordFlags: [UInt32], spellings: [String])

    // The current article (valid until the next `load`).
    /// All paragraphs' UTF-8 bytes, back to back, followed by `PaddedWordTable.padding` zeros.
    private(set) var bytes = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    private var byteCapacity = 0
    private(set) var tokens = UnsafeMutableBufferPointer<EntityToken>(start: nil, count: 0)
    private var tokenCapacity = 0
    /// Paragraph `p`'s tokens are `tokens[tokenBounds[p] ..< tokenBounds[p + 1]]`.
    @exclusivity(unchecked) var tokenBounds: [Int] = []
    /// The indices (into `tokens`, in order) of the tokens a recognizer rule may start at: those
    /// with `hasDictionary`, `hasTitle` or `capitalized` (`ruleStartBits`). Paragraph `p`'s are
    /// `ruleStarts[ruleStartBounds[p] ..< ruleStartBounds[p + 1]]`.
    private(set) var ruleStarts = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    @exclusivity(unchecked) private(set) var ruleStartBounds: [Int] = []
    static let ruleStartBits = EntityToken.Flags.hasDictionary.rawValue | EntityToken.Flags.hasTitle.rawValue
        | EntityToken.Flags.capitalized.rawValue
    @exclusivity(unchecked) private var byteBounds: [Int] = []
    /// Per paragraph: whether a token is in capitals right after an opening bracket (a possible
    /// acronym definition, "… (CPV)").
    @exclusivity(unchecked) private(set) var mayDefineAcronym: [Bool] = []
    /// Per word id, bits the recognizer sets for one article and clears after it (`marks(upTo:)`).
    private var markBuffer = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    @exclusivity(unchecked) private var foldBuffer: [UInt8] = []
    @exclusivity(unchecked) private var foldSink = TextFold.FoldSink(track: false)

    /// Distinct words as written kept at most; past this the cache starts afresh.
    static let maxWords = 100_000

    init(dictionary: EntityDictionary) {
        var folded = WordMap<FoldedWord>(capacity: 2048)
        var wordIDs: [String: Int32] = [:]
        var wordFlags: [UInt32] = []
        var spellings: [String] = []
        var phrases: [EntityVocabulary.WordPhrases] = []

        /// The id of folded word `s`, registering it.
        func id(_ s: String) -> Int32 {
            var known: FoldedWord?
            TextFold.withUTF8(s) { known = folded.value($0) }
            if let known { return known.word }
            let made = Self.register(s, wordIDs: &wordIDs, wordFlags: &wordFlags, spellings: &spellings)
            if made.new { phrases.append(.init()) }
            folded.set(s, made.word)
            return made.word.word
        }
        typealias F = EntityToken.Flags

        var words: [Int32] = []
        var dictionaryPhrases: [EntityVocabulary.DictionaryPhrase] = []
        var sequences: [EntityVocabulary.PhraseSpan] = []
        for (first, list) in dictionary.phrasesByFirstToken {
            let w = id(first)
            let start = Int32(dictionaryPhrases.count)
            for phrase in list {
                let wordsStart = Int32(words.count)
                for token in phrase.tokens { words.append(id(token)) }
                dictionaryPhrases.append(.init(start: wordsStart, count: Int32(phrase.tokens.count), entry: Int32(phrase.entry),
                                               acronym: phrase.acronym, capitalized: phrase.capitalized))
            }
            phrases[Int(w)].dictionaryStart = start
            phrases[Int(w)].dictionaryCount = Int32(list.count)
            wordFlags[Int(w)] |= F.hasDictionary.rawValue
        }
        /// Registers `index`'s phrases by first word; returns (word, start, count) per first word.
        func sequenceTable(_ index: PhraseIndex, _ firsts: [String], _ set: (inout EntityVocabulary.WordPhrases, Int32, Int32) -> Void, flag: F) {
            for first in firsts {
                let w = id(first)
                guard wordFlags[Int(w)] & flag.rawValue == 0, let candidates = index.candidates(first) else { continue }
                let start = Int32(sequences.count)
                for phrase in candidates {
                    let wordsStart = Int32(words.count)
                    for token in phrase { words.append(id(token)) }
                    sequences.append(.init(start: wordsStart, count: Int32(phrase.count)))
                }
                set(&phrases[Int(w)], start, Int32(candidates.count))
                wordFlags[Int(w)] |= flag.rawValue
            }
        }
        func firstWords(_ list: [String]) -> [String] { list.compactMap { $0.split(separator: " ").first.map(String.init) } }
        sequenceTable(EntityRecognizer.titleIndex, firstWords(PersonTitles.titles), { $0.titleStart = $1; $0.titleCount = $2 }, flag: .hasTitle)
        sequenceTable(EntityRecognizer.chainIndex, firstWords(PersonTitles.chainWords), { $0.chainStart = $1; $0.chainCount = $2 }, flag: .hasChain)
        func mark(_ list: [String], _ flag: F) { for s in list { wordFlags[Int(id(s))] |= flag.rawValue } }
        mark(Array(PersonTitles.vietnameseSurnames), .surname)
        mark(Array(PersonTitles.notNames), .notName)
        mark(Array(PersonTitles.connectors), .connector)
        mark(Array(PersonTitles.abbreviations), .abbreviation)
        mark(["and", "va"], .andWord)
        mark(EntityRecognizer.acronymConnectors, .acronymConnector)

        vocabulary = EntityVocabulary(words: words, dictionary: dictionaryPhrases, sequences: sequences, phrases: phrases,
                                      entryKinds: dictionary.entries.map(\.kind))
        self.folded = folded
        self.wordIDs = wordIDs
        self.wordFlags = wordFlags
        self.spellings = spellings
        base = (folded, wordIDs, wordFlags, spellings)
    }

    /// The folded `String` of spelling id `spelling` (as the word was written, folded).
    func spelling(of token: EntityToken) -> String { spellings[Int(token.spelling)] }

    /// Starts the cache afresh when it has grown past `maxWords`. Called between articles only.
    func trimBetweenArticles() {
        if entryOfName.count >= Self.maxWords { entryOfName = PaddedWordTable(capacity: 256) }
        if strings.count >= Self.maxWords { strings = PaddedWordTable(capacity: 256) }
        if raw.count >= Self.maxWords {
            raw = PaddedWordTable(capacity: 4096)
            (folded, wordIDs, wordFlags, spellings) = base
        }
    }

    deinit {
        bytes.baseAddress?.deallocate()
        tokens.baseAddress?.deallocate()
        ruleStarts.baseAddress?.deallocate()
        markBuffer.baseAddress?.deallocate()
    }

    /// Buffer bytes kept between articles; past this, the next smaller article frees them.
    static let keptBytes = 1 << 22

    /// Tokenizes `paragraphs` into `bytes`, `tokens` and `tokenBounds`.
    func load(_ paragraphs: [String]) {
        // Copy the paragraphs' bytes into one padded buffer.
        var total = 0
        byteBounds.removeAll(keepingCapacity: true)
        byteBounds.append(0)
        for p in paragraphs { total += p.utf8.count; byteBounds.append(total) }
        // Tokens keep byte offsets as Int32.
        precondition(total <= Int(Int32.max), "article too large for entity tokens")
        let padding = PaddedWordTable<RawWord>.padding
        if byteCapacity > Self.keptBytes && total + padding <= Self.keptBytes {
            // Give back what one huge article grew the buffers to (the workspace lives as long as its thread).
            bytes.baseAddress?.deallocate()
            byteCapacity = 0
            tokens.baseAddress?.deallocate()
            ruleStarts.baseAddress?.deallocate()
            tokenCapacity = 0
        }
        if total + padding > byteCapacity {
            bytes.baseAddress?.deallocate()
            byteCapacity = max(total + padding, byteCapacity * 2)
            bytes = .allocate(capacity: byteCapacity)
        }
        bytes = UnsafeMutableBufferPointer(start: bytes.baseAddress, count: total)
        let base = bytes.baseAddress!
        for (k, p) in paragraphs.enumerated() {
            TextFold.withUTF8(p) { if let src = $0.baseAddress { (base + byteBounds[k]).initialize(from: src, count: $0.count) } }
        }
        (base + total).initialize(repeating: 0, count: padding)
        // A word takes at least one byte and is followed by one or by the paragraph's end.
        let most = total / 2 + paragraphs.count + 1
        if most > tokenCapacity {
            tokens.baseAddress?.deallocate()
            ruleStarts.baseAddress?.deallocate()
            tokenCapacity = max(most, tokenCapacity * 2)
            tokens = .allocate(capacity: tokenCapacity)
            // One more: `resolve` writes a slot before it knows whether to keep it.
            ruleStarts = .allocate(capacity: tokenCapacity + 1)
        }
        let out = tokens.baseAddress!
        var count = 0
        tokenBounds.removeAll(keepingCapacity: true)
        tokenBounds.append(0)
        mayDefineAcronym.removeAll(keepingCapacity: true)
        ruleStartBounds.removeAll(keepingCapacity: true)
        ruleStartBounds.append(0)
        var startCount = 0
        typealias F = EntityToken.Flags
        let capacity = tokenCapacity
        for k in paragraphs.indices {
            let start = byteBounds[k]
            let first = count
            // First the words' places and gaps (a small body the scan inlines), then their ids and flags.
            // The buffer is readable `padding` bytes past the last paragraph.
            EntityTokenizer.forEachWord(UnsafeBufferPointer(start: base + start, count: byteBounds[k + 1] - start),
                                        readable: total + padding - start) { w in
                // forEachWord consumes a separator after each word, so `most` bounds the count; checked
                // because a tokenizer change breaking that would otherwise write past the buffer.
                precondition(count < capacity, "entity token buffer overflow")
                (out + count).initialize(to: EntityToken(
                    word: 0, spelling: 0,
                    start: Int32(truncatingIfNeeded: w.scalarStart), length: Int32(truncatingIfNeeded: w.length),
                    byteStart: Int32(truncatingIfNeeded: start &+ w.start), byteEnd: Int32(truncatingIfNeeded: start &+ w.end),
                    flags: F(rawValue: w.gap)))
                count &+= 1  // below `capacity` (checked above)
            }
            let acronym = resolve(out + first, out + count, in: base, startCount: &startCount)
            tokenBounds.append(count)
            mayDefineAcronym.append(acronym)
            ruleStartBounds.append(startCount)
        }
        tokens = UnsafeMutableBufferPointer(start: out, count: count)
    }

    /// Fills in the word ids, spelling ids and word flags of `tokens[first ..< end]` (their byte
    /// ranges in `base` and gap bits set); whether one of them is in capitals right after "(".
    /// Appends the rule starts among them to `ruleStarts` (from `startCount`).
    private func resolve(_ first: UnsafeMutablePointer<EntityToken>, _ end: UnsafeMutablePointer<EntityToken>,
                         in base: UnsafeMutablePointer<UInt8>, startCount: inout Int) -> Bool {
        let starts = ruleStarts.baseAddress!, startBits = Self.ruleStartBits
        var nextStart = startCount
        var index = Int32(truncatingIfNeeded: first - tokens.baseAddress!)
        typealias F = EntityToken.Flags
        let acronymBits = F.allCaps.rawValue | F.gapEndsOpen.rawValue
        let nameMask = F.capitalized.rawValue | F.allCaps.rawValue | F.nameShaped.rawValue | F.notName.rawValue
        let nameBits = F.capitalized.rawValue | F.nameShaped.rawValue
        var acronym = false
        var t = first
        while t < end {
            // Byte offsets fit in Int32 (`load` checks the total), so they read back exactly.
            let byteStart = Int(t.pointee.byteStart)
            let p = UnsafePointer(base + byteStart), n = Int(t.pointee.byteEnd) &- byteStart
            let shape = raw.value(p, n) ?? add(p, n)
            var flags = shape.flags | t.pointee.flags.rawValue
            if flags & nameMask == nameBits, t.pointee.length <= 16 { flags |= F.nameWord.rawValue }
            if flags & acronymBits == acronymBits { acronym = true }
            // Written always, kept (counted) only for a rule start: no branch. At most one per
            // token, and `ruleStarts` has a slot more than `tokens`.
            starts[nextStart] = index
            nextStart &+= flags & startBits != 0 ? 1 : 0
            index &+= 1
            t.pointee.word = shape.word
            t.pointee.spelling = shape.spelling
            t.pointee.flags = F(rawValue: flags)
            t += 1
        }
        startCount = nextStart
        return acronym
    }

    /// The per-word-id mark bits, zeroed, with room for every word id seen so far. The caller
    /// clears the bits it set before the next article.
    func marks() -> UnsafeMutableBufferPointer<UInt8> {
        if markBuffer.count < wordFlags.count {
            let old = markBuffer
            markBuffer = .allocate(capacity: max(wordFlags.count * 2, 1024))
            markBuffer.initialize(repeating: 0)
            old.baseAddress?.deallocate()
        }
        return markBuffer
    }

    /// The index of the entry `dictionary.lookup` gives for `name`, remembered per name: this
    /// workspace's dictionary only (`cached(for:)`).
    func entryIndex(of name: String, in dictionary: EntityDictionary) -> Int? {
        withScratch({ b in TextFold.withUTF8(name) { b.append(contentsOf: $0) } }) { entryIndex($0, $1, in: dictionary) }
    }

    /// `entryIndex(of:in:)` of the name whose valid UTF-8 is the `n` bytes at `p` (readable
    /// `PaddedWordTable.padding` bytes further); the `String` is made only the first time.
    func entryIndex(_ p: UnsafePointer<UInt8>, _ n: Int, in dictionary: EntityDictionary) -> Int? {
        if let known = entryOfName.value(p, n) { return known < 0 ? nil : Int(known) }
        let found = dictionary.lookupIndex(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
        entryOfName.insert(p, n, Int32(found ?? -1))
        return found
    }

    /// The `String` of the valid UTF-8 `n` bytes at `p` (readable `PaddedWordTable.padding` bytes
    /// further), made once per distinct bytes and then found by them.
    func string(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        if let known = strings.value(p, n) { return known }
        let made = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        strings.insert(p, n, made)
        return made
    }

    /// Calls `body` with the bytes `fill` appends to an emptied scratch buffer (their start and
    /// count), padded as `string(_:_:)` and `entryIndex(_:_:in:)` need.
    @inline(__always)
    func withScratch<R>(_ fill: (inout [UInt8]) -> Void, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        scratch.removeAll(keepingCapacity: true)
        fill(&scratch)
        let n = scratch.count
        for _ in 0..<PaddedWordTable<Int32>.padding { scratch.append(0) }
        return scratch.withUnsafeBufferPointer { body($0.baseAddress!, n) }
    }

    /// Measures and folds a word as written that the cache has not seen, and records it. Kept out
    /// of `resolve`'s loop (rarely taken) so the loop keeps its state in registers.
    @inline(never)
    private func add(_ p: UnsafePointer<UInt8>, _ n: Int) -> RawWord {
        var flags = EntityTokenizer.measure(UnsafeBufferPointer(start: p, count: n), folded: &foldBuffer, sink: &foldSink)
        let ids = foldBuffer.withUnsafeBufferPointer { intern($0) }
        flags |= wordFlags[Int(ids.word)]
        let shape = RawWord(word: ids.word, spelling: ids.spelling, flags: flags)
        raw.insert(p, n, shape)
        return shape
    }

    /// The ids of the folded spelling `bytes`, registering a new spelling (and word) if needed.
    private func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> FoldedWord {
        if let known = folded.value(bytes) { return known }
        let made = Self.register(String(decoding: bytes, as: UTF8.self), wordIDs: &wordIDs, wordFlags: &wordFlags, spellings: &spellings).word
        folded.set(bytes, made)
        return made
    }

    /// Registers the folded spelling `s` (not yet in the byte-keyed map): a new spelling of the word
    /// whose folded String equals it (canonical equivalence), or a new word; `new` when the word is new.
    private static func register(_ s: String, wordIDs: inout [String: Int32], wordFlags: inout [UInt32],
                                 spellings: inout [String]) -> (word: FoldedWord, new: Bool) {
        var new = false
        let word: Int32
        if let w = wordIDs[s] {
            word = w
        } else {
            word = Int32(wordFlags.count)
            wordIDs[s] = word
            wordFlags.append(0)
            new = true
        }
        let made = FoldedWord(word: word, spelling: Int32(spellings.count))
        spellings.append(s)
        return (made, new)
    }

    // MARK: - One workspace per thread and dictionary

    /// This thread's workspace for `dictionary` (for the state of its phrases, `phrasesIdentity`).
    static func cached(for dictionary: EntityDictionary) -> EntityWorkspace {
        let caches = ThreadWorkspaces.current
        let identity = dictionary.phrasesIdentity
        if let hit = caches.entries.first(where: { $0.identity === identity }) { return hit.workspace }
        let made = EntityWorkspace(dictionary: dictionary)
        // A few dictionaries per thread at most (the bundled one, an analyst's): drop the oldest.
        if caches.entries.count >= 4 { caches.entries.removeFirst() }
        caches.entries.append((identity, made))
        return made
    }
}

/// The workspaces of one thread (thread-local storage through a pthread key, released when the
/// thread ends). A thread only ever touches its own instance.
final class ThreadWorkspaces {
    var entries: [(identity: EntityDictionary.PhrasesIdentity, workspace: EntityWorkspace)] = []

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<ThreadWorkspaces>.fromOpaque(pointer).release()
        }
        return key
    }()

    static var current: ThreadWorkspaces {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<ThreadWorkspaces>.fromOpaque(pointer).takeUnretainedValue()
        }
        let made = ThreadWorkspaces()
        pthread_setspecific(key, Unmanaged.passRetained(made).toOpaque())
        return made
    }
}
