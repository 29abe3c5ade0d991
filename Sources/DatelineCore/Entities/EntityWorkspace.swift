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
/// looked up once, then found by its bytes (`WordMap`). The answers depend only on a word's bytes
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
    @exclusivity(unchecked) private var raw = WordMap<RawWord>(capacity: 4096)
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

    // The current article.
    /// All paragraphs' UTF-8 bytes, back to back.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    @exclusivity(unchecked) var tokens: [EntityToken] = []
    /// Paragraph `p`'s tokens are `tokens[tokenBounds[p] ..< tokenBounds[p + 1]]`.
    @exclusivity(unchecked) var tokenBounds: [Int] = []
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
            let word: Int32
            if let w = wordIDs[s] {
                word = w
            } else {
                word = Int32(wordFlags.count)
                wordIDs[s] = word
                wordFlags.append(0)
                phrases.append(.init())
            }
            folded.set(s, FoldedWord(word: word, spelling: Int32(spellings.count)))
            spellings.append(s)
            return word
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
        if raw.count >= Self.maxWords {
            raw = WordMap(capacity: 4096)
            (folded, wordIDs, wordFlags, spellings) = base
        }
    }

    /// Tokenizes `paragraphs` into `bytes`, `tokens` and `tokenBounds`.
    func load(_ paragraphs: [String]) {
        bytes.removeAll(keepingCapacity: true)
        tokenBounds.removeAll(keepingCapacity: true)
        var byteBounds: [Int] = [0]
        byteBounds.reserveCapacity(paragraphs.count + 1)
        for p in paragraphs {
            TextFold.withUTF8(p) { bytes.append(contentsOf: $0) }
            byteBounds.append(bytes.count)
        }
        var toks: [EntityToken] = []
        swap(&toks, &tokens)
        toks.removeAll(keepingCapacity: true)
        toks.reserveCapacity(bytes.count / 5)
        tokenBounds.append(0)
        bytes.withUnsafeBufferPointer { all in
            for p in paragraphs.indices {
                let base = byteBounds[p]
                let buf = UnsafeBufferPointer(rebasing: all[base..<byteBounds[p + 1]])
                EntityTokenizer.scan(buf) { start, end, scalarStart, length, gap in
                    let word = UnsafeBufferPointer(rebasing: buf[start..<end])
                    let shape = raw.value(word) ?? add(word)
                    var flags = shape.flags | gap
                    typealias F = EntityToken.Flags
                    let nameMask = F.capitalized.rawValue | F.allCaps.rawValue | F.nameShaped.rawValue | F.notName.rawValue
                    if flags & nameMask == F.capitalized.rawValue | F.nameShaped.rawValue, length <= 16 {
                        flags |= F.nameWord.rawValue
                    }
                    toks.append(EntityToken(word: shape.word, spelling: shape.spelling,
                                            start: Int32(scalarStart), length: Int32(length),
                                            byteStart: Int32(base + start), byteEnd: Int32(base + end),
                                            flags: F(rawValue: flags)))
                }
                tokenBounds.append(toks.count)
            }
        }
        swap(&toks, &tokens)
    }

    /// Measures and folds a word as written that the cache has not seen, and records it.
    private func add(_ bytes: UnsafeBufferPointer<UInt8>) -> RawWord {
        var flags = EntityTokenizer.measure(bytes, folded: &foldBuffer, sink: &foldSink)
        let ids = foldBuffer.withUnsafeBufferPointer { intern($0) }
        flags |= wordFlags[Int(ids.word)]
        let shape = RawWord(word: ids.word, spelling: ids.spelling, flags: flags)
        raw.set(bytes, shape)
        return shape
    }

    /// The ids of the folded spelling `bytes`, registering a new spelling (and word) if needed.
    private func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> FoldedWord {
        if let known = folded.value(bytes) { return known }
        let s = String(decoding: bytes, as: UTF8.self)
        let word: Int32
        if let w = wordIDs[s] {
            word = w
        } else {
            word = Int32(wordFlags.count)
            wordIDs[s] = word
            wordFlags.append(0)
        }
        let made = FoldedWord(word: word, spelling: Int32(spellings.count))
        spellings.append(s)
        folded.set(bytes, made)
        return made
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
