/// Finds people, organizations and places in an article's paragraphs and resolves every mention
/// to a canonical entity.
///
/// People are found after titles ("Gen. Phan Van Giang", "Thủ tướng Phạm Minh Chính",
/// "General Secretary of the CPV Central Committee To Lam") and by Vietnamese family names; later
/// short mentions resolve to them ("Giang", "Lâm", "Khamliang"). Organizations come from the
/// dictionary and from acronym definitions ("Communist Party of Vietnam (CPV)" makes "CPV" an alias);
/// places from the gazetteer. Within an article a person's canonical name is the fullest form the
/// article uses, unless the dictionary names the person.
///
/// Each paragraph is tokenized once into plain integer tokens (`EntityWorkspace`); dictionary,
/// title and office-chain phrases are matched as sequences of word ids, so no `String` is made or
/// compared per token.
struct EntityRecognizer {
    let dictionary: EntityDictionary

    static let titleIndex = PhraseIndex(PersonTitles.titles)
    static let chainIndex = PhraseIndex(PersonTitles.chainWords)
    /// Lower-case words that may stand inside an organization's name before its acronym.
    static let acronymConnectors = ["of", "for", "and", "the", "on", "de", "cua", "va"]

    func recognize(paragraphs: [String]) -> [Mention] {
        let workspace = EntityWorkspace.cached(for: dictionary)
        workspace.trimBetweenArticles()
        workspace.load(paragraphs)
        return Recognition(dictionary: dictionary, workspace: workspace).run()
    }
}

/// One article's recognition over its tokens (see `EntityRecognizer`). A class, so the passes
/// call each other without copying the state.
private final class Recognition {
    typealias Tokens = UnsafeBufferPointer<EntityToken>

    private struct Person {
        var name: String
        /// The folded words joined (`String`), as people are told apart.
        var key: String
        var words: [Int32]
        var shortForms: [Int32]
    }

    private struct LearnedOrg {
        var name: String
        var forms: [[Int32]]  // word ids: full name and acronym
    }

    let dictionary: EntityDictionary
    let workspace: EntityWorkspace
    let all: Tokens
    let bytes: UnsafeBufferPointer<UInt8>
    let bounds: [Int]
    // The vocabulary's tables (`EntityVocabulary`).
    let words: UnsafeMutableBufferPointer<Int32>
    let dictionaryPhrases: UnsafeMutableBufferPointer<EntityVocabulary.DictionaryPhrase>
    let sequences: UnsafeMutableBufferPointer<EntityVocabulary.PhraseSpan>
    let phrases: UnsafeMutableBufferPointer<EntityVocabulary.WordPhrases>
    let entryKinds: [EntityKind]
    /// By token (index into `all`): the longest dictionary match there (`dictionaryMatch`), found
    /// the first time it is asked for (length -1: not yet; 0: none), as the rules ask again and again.
    let dictionaryHits: UnsafeMutableBufferPointer<DictionaryHit>

    struct DictionaryHit {
        var length: Int32
        var entry: Int32
    }

    @exclusivity(unchecked) private var people: [Person] = []
    @exclusivity(unchecked) private var orgs: [LearnedOrg] = []

    init(dictionary: EntityDictionary, workspace: EntityWorkspace) {
        self.dictionary = dictionary
        self.workspace = workspace
        self.all = UnsafeBufferPointer(workspace.tokens)
        self.bytes = UnsafeBufferPointer(workspace.bytes)
        self.bounds = workspace.tokenBounds
        let v = workspace.vocabulary
        words = v.words; dictionaryPhrases = v.dictionary; sequences = v.sequences; phrases = v.phrases
        entryKinds = v.entryKinds
        dictionaryHits = .allocate(capacity: max(all.count, 1))
        // All bytes 0xFF: every length -1 (one memset).
        UnsafeMutableRawPointer(dictionaryHits.baseAddress!)
            .initializeMemory(as: UInt8.self, repeating: 0xFF, count: dictionaryHits.count * MemoryLayout<DictionaryHit>.stride)
    }

    deinit { dictionaryHits.baseAddress?.deallocate() }

    /// Paragraph `p`'s tokens.
    @inline(__always) func paragraph(_ p: Int) -> Tokens {
        UnsafeBufferPointer(rebasing: all[bounds[p]..<bounds[p + 1]])
    }

    /// The text of `t[range]` as written (from the first word's start to the last word's end).
    func surface(_ t: Tokens, _ range: Range<Int>) -> String {
        let start = Int(t[range.lowerBound].byteStart), end = Int(t[range.upperBound - 1].byteEnd)
        guard start < end else { return "" }
        // The article's bytes are padded as `string` needs.
        return workspace.string(bytes.baseAddress! + start, end - start)
    }

    /// Appends the words of `t[range]` as written, joined by single spaces, to `out`.
    func appendSpaced(_ t: Tokens, _ range: Range<Int>, to out: inout [UInt8]) {
        for k in range {
            if k > range.lowerBound { out.append(0x20) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(t[k].byteStart)..<Int(t[k].byteEnd)]))
        }
    }

    /// The words of `t[range]` as written, joined by single spaces, and the index of the dictionary
    /// entry of that name (`EntityWorkspace.entryIndex(of:in:)`).
    func spacedName(_ t: Tokens, _ range: Range<Int>) -> (name: String, entry: Int?) {
        workspace.withScratch({ appendSpaced(t, range, to: &$0) }) { p, n in
            (workspace.string(p, n), workspace.entryIndex(p, n, in: dictionary))
        }
    }

    /// The folded words of `t[range]` joined without separator: the key people are told apart by
    /// and `EntityDictionary.ignored` is asked with.
    func foldedKey(_ t: Tokens, _ range: Range<Int>) -> String {
        workspace.withScratch({ out in
            for k in range { out.append(contentsOf: workspace.spelling(of: t[k]).utf8) }
        }) { p, n in workspace.string(p, n) }
    }

    func run() -> [Mention] {
        let paragraphCount = bounds.count - 1
        typealias F = EntityToken.Flags
        let pass1Starts = F.hasDictionary.rawValue | F.hasTitle.rawValue | F.capitalized.rawValue
        let pass2Starts = F.hasDictionary.rawValue | F.capitalized.rawValue
        // Pass 1: discover people and acronym definitions.
        let starts = workspace.ruleStarts, startBounds = workspace.ruleStartBounds
        for p in 0..<paragraphCount {
            let t = paragraph(p), first = bounds[p]
            var i = 0
            // Every rule below starts at a dictionary word, a title or a capitalized word: visit
            // those (`EntityWorkspace.ruleStarts`) from `i` on.
            for s in startBounds[p]..<startBounds[p + 1] {
                let start = Int(starts[s]) &- first
                if start < i { continue }
                i = start
                if t[i].flags.rawValue & pass1Starts == 0 { continue }
                if let (length, entry) = dictionaryMatch(t, at: i), entryKinds[entry] == .person {
                    addPerson(t, i..<(i + length))
                    i += length
                    continue
                }
                if let titleEnd = titleMatch(t, at: i, requireCapital: false) {
                    if let name = nameAfterTitle(t, titleEnd: titleEnd, titleStart: i) {
                        addPerson(t, name)
                        i = name.upperBound
                        continue
                    }
                    i = titleEnd
                    continue
                }
                // Both kinds of name start with a capitalized word.
                if t[i].capitalized, let run = appositiveName(t, at: i) ?? (t[i].has(.surname) ? surnameRun(t, at: i) : nil) {
                    addPerson(t, run)
                    i = run.upperBound
                    continue
                }
                i += 1
            }
            guard workspace.mayDefineAcronym[p] else { continue }
            for (full, acronym) in acronymDefinitions(t) where acronymEntry(t[acronym]) == nil {
                let (fullName, known) = spacedName(t, full)
                if let known, entryKinds[known] == .organization { continue }
                let acronymWord = t[acronym].word
                if orgs.contains(where: { $0.forms.contains([acronymWord]) }) { continue }
                orgs.append(LearnedOrg(name: fullName, forms: [full.map { t[$0].word }, [acronymWord]]))
            }
        }

        // Pass 2: tag every mention, longest match first.
        var mentions: [Mention] = []
        mentions.reserveCapacity(32)
        var lastMentioned: [(word: Int32, person: Int)] = []  // short form → person most recently mentioned
        let ignoring = !dictionary.ignored.isEmpty
        // Bit 1: first word of a person's or learned organization's form; bit 2: a person's short form.
        let marks = workspace.marks()
        for person in people {
            marks[Int(person.words[0])] |= 1
            for s in person.shortForms { marks[Int(s)] |= 2 }
        }
        for org in orgs { for form in org.forms { marks[Int(form[0])] |= 1 } }
        defer {
            for person in people {
                marks[Int(person.words[0])] = 0
                for s in person.shortForms { marks[Int(s)] = 0 }
            }
            for org in orgs { for form in org.forms { marks[Int(form[0])] = 0 } }
        }
        for p in 0..<paragraphCount {
            let t = paragraph(p), first = bounds[p]
            var i = 0
            for s in startBounds[p]..<startBounds[p + 1] {
                let start = Int(starts[s]) &- first
                if start < i { continue }
                i = start
                // Only a dictionary word or a capitalized word starts a mention.
                if t[i].flags.rawValue & pass2Starts == 0 { continue }
                // The best match so far: its length, what it names (0 person, 1 learned
                // organization, 2 dictionary entry) and that thing's index.
                var bestLength = 0, bestSource = 0, bestIndex = 0
                @inline(__always) func consider(_ length: Int, _ source: Int, _ index: Int) {
                    if length > bestLength { bestLength = length; bestSource = source; bestIndex = index }
                }
                let token = t[i]
                let mark = marks[Int(token.word)]
                if token.capitalized, mark & 1 != 0 {
                    for index in people.indices where matches(people[index].words, t, at: i) {
                        consider(people[index].words.count, 0, index)
                    }
                    for index in orgs.indices {
                        for form in orgs[index].forms where matches(form, t, at: i) {
                            consider(form.count, 1, index)
                        }
                    }
                }
                if let (length, entry) = dictionaryMatch(t, at: i) {
                    consider(length, 2, entry)
                }
                // Only a person's short form can resolve to a person.
                if bestLength == 0, token.capitalized, mark & 2 != 0, isLoneWord(t, at: i) {
                    let f = token.word
                    var candidates = 0, first = -1, last = -1
                    for index in people.indices where people[index].shortForms.contains(f) {
                        candidates += 1
                        if first < 0 { first = index }
                        last = index
                    }
                    let recent = lastMentioned.last(where: { $0.word == f })?.person
                    let pick: Int? = candidates == 1 ? first : (recent ?? (last >= 0 ? last : nil))
                    if let pick { consider(1, 0, pick) }
                }
                guard bestLength > 0 else { i += 1; continue }
                let range = i..<(i + bestLength)
                if !ignoring || !dictionary.ignored.contains(foldedKey(t, range)) {
                    let name: String, kind: EntityKind
                    switch bestSource {
                    case 0: name = people[bestIndex].name; kind = .person
                    case 1: name = orgs[bestIndex].name; kind = .organization
                    default: name = dictionary.entries[bestIndex].name; kind = entryKinds[bestIndex]
                    }
                    mentions.append(Mention(name: name, kind: kind, text: surface(t, range), paragraph: p, offset: Int(token.start)))
                    if bestSource == 0 {
                        for s in people[bestIndex].shortForms {
                            if let k = lastMentioned.firstIndex(where: { $0.word == s }) {
                                lastMentioned[k].person = bestIndex
                            } else {
                                lastMentioned.append((s, bestIndex))
                            }
                        }
                    }
                }
                i += bestLength
            }
        }
        return mentions
    }

    /// The dictionary entry of a token's text as written (`EntityWorkspace.entryIndex(of:in:)`).
    private func acronymEntry(_ token: EntityToken) -> Int? {
        let start = Int(token.byteStart), end = Int(token.byteEnd)
        guard start < end else { return workspace.entryIndex(of: "", in: dictionary) }
        return workspace.entryIndex(bytes.baseAddress! + start, end - start, in: dictionary)
    }

    // MARK: - People

    private func addPerson(_ t: Tokens, _ range: Range<Int>) {
        var key: String?
        if !dictionary.ignored.isEmpty {
            let made = foldedKey(t, range)
            guard !dictionary.ignored.contains(made) else { return }
            key = made
        }
        // Already known: the same words make the same key; failing that, compare keys.
        if people.contains(where: { sameWords($0.words, t, range) }) { return }
        let words = range.map { t[$0].word }
        let personKey = key ?? foldedKey(t, range)
        if people.contains(where: { $0.key == personKey }) { return }
        // A shorter form of someone already known ("Lam" after "To Lam") is not a new person.
        if words.count == 1, people.contains(where: { $0.shortForms.contains(words[0]) }) { return }
        let (spaced, entry) = spacedName(t, range)
        var name = spaced
        if let entry, entryKinds[entry] == .person { name = dictionary.entries[entry].name }
        var shorts: [Int32] = []
        if words.count >= 2 {
            if t[range.lowerBound].has(.surname) {
                shorts = [words[words.count - 1]]
            } else {
                shorts = [words[0], words[words.count - 1]]
            }
        }
        let person = Person(name: name, key: personKey, words: words, shortForms: shorts)
        // A longer form of a single-word person replaces it.
        if let i = people.firstIndex(where: { $0.words.count == 1 && words.contains($0.words[0]) }) {
            people[i] = person
            return
        }
        people.append(person)
    }

    /// After a title: skip an office chain (capitalized office words, connectors, acronyms in
    /// brackets, places, further titles), then take 1–4 capitalized name words.
    private func nameAfterTitle(_ t: Tokens, titleEnd: Int, titleStart: Int) -> Range<Int>? {
        var i = titleEnd
        var steps = 0
        var previousWasAbbreviation = t[titleEnd - 1].has(.abbreviation) && titleEnd - titleStart == 1
        var afterAnd = false
        while i < t.count, steps < 30 {
            steps += 1
            let token = t[i]
            defer { if !(token.has(.connector) && !token.capitalized) { afterAnd = false } }
            guard token.has(.gapChain) || (previousWasAbbreviation && token.has(.gapDot)) else { return nil }
            previousWasAbbreviation = false
            if let end = titleMatch(t, at: i, requireCapital: false) {
                previousWasAbbreviation = end - i == 1 && token.has(.abbreviation)
                i = end; continue
            }
            if !token.capitalized && token.has(.connector) {
                // "… and President X": after "and" comes another office, never the name itself.
                afterAnd = token.has(.andWord)
                i += 1; continue
            }
            if let end = chainMatch(t, at: i, requireCapital: false) {
                i = end; continue
            }
            if let (length, entry) = dictionaryMatch(t, at: i) {
                if entryKinds[entry] == .person { return i..<(i + length) }
                i += length; continue
            }
            if token.allCaps { i += 1; continue }
            guard token.nameWord, !afterAnd else { return nil }
            var end = i + 1
            while end < t.count, end - i < 4, t[end].gapEmpty, t[end].nameWord,
                  titleMatch(t, at: end, requireCapital: true) == nil {
                end += 1
            }
            return i..<end
        }
        return nil
    }

    /// A name followed by its office: "Thongsalith Mangnomek, Secretary of the …".
    private func appositiveName(_ t: Tokens, at i: Int) -> Range<Int>? {
        guard t[i].nameWord else { return nil }
        if i > 0, t[i].gapEmpty, t[i - 1].nameWord { return nil }
        // The name is 2–4 name words joined by spaces, then a comma and a capitalized title. The
        // words are found by their flags first: a title or dictionary name inside the run would end
        // it at a word whose gap is empty (no comma), so it rules the name out (checked after).
        var end = i + 1
        while end < t.count, end - i < 4, t[end].gapEmpty, t[end].nameWord { end += 1 }
        guard end - i >= 2, end < t.count, t[end].has(.gapComma), t[end].capitalized,
              dictionaryMatch(t, at: i) == nil else { return nil }
        for k in (i + 1)..<end where titleMatch(t, at: k, requireCapital: true) != nil || dictionaryMatch(t, at: k) != nil {
            return nil
        }
        guard titleMatch(t, at: end, requireCapital: true) != nil else { return nil }
        if chainMatch(t, at: i, requireCapital: false) != nil { return nil }
        return i..<end
    }

    /// A Vietnamese name without a title: a run of capitalized syllables starting with a family name
    /// ("Lê Hoài Trung"); three or more words, or two with Vietnamese diacritics ("Tô Lâm").
    private func surnameRun(_ t: Tokens, at i: Int) -> Range<Int>? {
        let token = t[i]
        guard token.capitalized, !token.allCaps, token.has(.surname) else { return nil }
        if i > 0, token.gapEmpty, t[i - 1].nameWord { return nil }
        if dictionaryMatch(t, at: i) != nil { return nil }
        var end = i + 1
        while end < t.count, end - i < 4, t[end].gapEmpty, t[end].nameWord, t[end].length <= 7 {
            end += 1
        }
        let count = end - i
        if count >= 3 { return i..<end }
        if count == 2 {
            // A word with a non-ASCII scalar has more UTF-8 bytes than scalars.
            let diacritics = (i..<end).allSatisfy { t[$0].byteEnd - t[$0].byteStart > t[$0].length }
            if diacritics { return i..<end }
        }
        return nil
    }

    /// A capitalized word not run together with other capitalized words (so "Lâm" alone, not "Lâm Đồng").
    private func isLoneWord(_ t: Tokens, at i: Int) -> Bool {
        if i + 1 < t.count, t[i + 1].gapEmpty, t[i + 1].nameWord { return false }
        if i > 0, t[i].gapEmpty, t[i - 1].nameWord,
           titleMatch(t, at: i - 1, requireCapital: false) == nil { return false }
        return true
    }

    // MARK: - Organizations and places

    /// "Communist Party of Vietnam (CPV)": the shortest capitalized run before a bracketed acronym whose
    /// initials spell it; failing that, the run from the last organization word. Gives the name's
    /// token range and the acronym's token index.
    private func acronymDefinitions(_ t: Tokens) -> [(Range<Int>, Int)] {
        var found: [(Range<Int>, Int)] = []
        for i in 0..<t.count where i > 0 && t[i].allCaps && t[i].has(.gapEndsOpen) {
            guard i + 1 >= t.count || t[i + 1].has(.gapStartsClose) else { continue }
            var letters: [Unicode.Scalar] = []
            forEachScalar(of: t[i]) { if ScalarClass.has($0, ScalarClass.alphabetic) { letters.append($0) } }
            guard letters.count >= 2, letters.count <= 10 else { continue }
            // Walk back over the name: capitalized words and connectors joined by spaces.
            var start = i
            while start > 0 {
                let prev = t[start - 1]
                if start < i, !t[start].gapEmpty { break }
                if prev.capitalized || prev.has(.acronymConnector)
                    || (!prev.capitalized && start - 1 > 0 && t[start - 1].gapEmpty && t[start - 2].capitalized
                        && scalarCount(of: prev) <= 5) {
                    start -= 1
                } else { break }
                if i - start > 12 { break }
            }
            while start < i, !t[start].capitalized { start += 1 }
            guard start < i else { continue }
            // Prefer the shortest suffix whose initials spell the acronym.
            var pick: Int?
            let initials = (start..<i).map { firstScalar(of: t[$0]) }
            /// Whether the first letters of the folded words `s..<i` (capitalized ones only, or all)
            /// spell `letters`; a word that folds to nothing has no first letter.
            func spells(from s: Int, capitalizedOnly: Bool) -> Bool {
                var n = 0
                for k in s..<i where !capitalizedOnly || t[k].capitalized {
                    guard let first = initials[k - start] else { continue }
                    guard n < letters.count, first == letters[n] else { return false }
                    n += 1
                }
                return n == letters.count
            }
            for s in stride(from: i - 1, through: start, by: -1) where t[s].capitalized {
                if spells(from: s, capitalizedOnly: true) || spells(from: s, capitalizedOnly: false) { pick = s; break }
            }
            if let s = pick, i - s >= 2 {
                found.append((s..<i, i))
            }
        }
        return found
    }

    /// Calls `body` with the scalars of a token's folded spelling (valid UTF-8), in order.
    @inline(__always)
    private func forEachScalar(of token: EntityToken, _ body: (Unicode.Scalar) -> Void) {
        TextFold.withUTF8(workspace.spelling(of: token)) { b in
            var j = 0
            while j < b.count {
                let (u, len) = UTF8Scan.decode(b, at: j)
                body(u)
                j += len
            }
        }
    }

    /// The first scalar of a token's folded spelling, if it has one.
    private func firstScalar(of token: EntityToken) -> Unicode.Scalar? {
        var first: Unicode.Scalar?
        TextFold.withUTF8(workspace.spelling(of: token)) { if !$0.isEmpty { first = UTF8Scan.decode($0, at: 0).scalar } }
        return first
    }

    /// The number of scalars of a token's folded spelling (its bytes that start a scalar).
    private func scalarCount(of token: EntityToken) -> Int {
        var n = 0
        TextFold.withUTF8(workspace.spelling(of: token)) { for b in $0 where b & 0xC0 != 0x80 { n += 1 } }
        return n
    }

    // MARK: - Phrase matching on word ids

    /// The longest dictionary name or alias at `i`, as its length in tokens and entry index
    /// (`longestDictionaryMatch`, found once per article).
    @inline(__always)
    private func dictionaryMatch(_ t: Tokens, at i: Int) -> (Int, Int)? {
        guard t[i].has(.hasDictionary) else { return nil }
        // `t` is a paragraph of `all`.
        let slot = dictionaryHits.baseAddress! + (t.baseAddress! - all.baseAddress! + i)
        if slot.pointee.length < 0 {
            let found = longestDictionaryMatch(t, at: i)
            slot.pointee = DictionaryHit(length: Int32(found?.0 ?? 0), entry: Int32(found?.1 ?? 0))
        }
        let hit = slot.pointee
        return hit.length == 0 ? nil : (Int(hit.length), Int(hit.entry))
    }

    /// The longest dictionary name or alias at `i` (a token with `hasDictionary`), as its length
    /// in tokens and entry index.
    @inline(never)
    private func longestDictionaryMatch(_ t: Tokens, at i: Int) -> (Int, Int)? {
        let token = t[i]
        let wp = phrases[Int(token.word)]
        let first = Int(wp.dictionaryStart)
        for k in first..<(first + Int(wp.dictionaryCount)) {
            let phrase = dictionaryPhrases[k]
            if phrase.acronym && !token.allCaps { continue }
            if phrase.capitalized && !token.capitalized { continue }
            // The phrases listed under a word start with it: compare the words after the first.
            let n = Int(phrase.count), start = Int(phrase.start)
            guard n > 0, n <= t.count &- i else { continue }
            var w = 1
            while w < n, t[i &+ w].word == words[start &+ w] { w &+= 1 }
            if w < n { continue }
            // Words of a name are written together: no punctuation inside the match.
            var joined = true
            var j = i + 1
            while j < i + n { if !t[j].has(.gapInName) { joined = false; break }; j += 1 }
            if !joined { continue }
            return (n, Int(phrase.entry))
        }
        return nil
    }

    /// The end of the longest person title at `i`, if any.
    @inline(__always)
    private func titleMatch(_ t: Tokens, at i: Int, requireCapital: Bool) -> Int? {
        guard i < t.count, t[i].has(.hasTitle) else { return nil }
        let wp = phrases[Int(t[i].word)]
        return sequenceMatch(Int(wp.titleStart), Int(wp.titleCount), t, at: i, requireCapital: requireCapital)
    }

    /// The end of the longest office-chain phrase at `i`, if any.
    @inline(__always)
    private func chainMatch(_ t: Tokens, at i: Int, requireCapital: Bool) -> Int? {
        guard i < t.count, t[i].has(.hasChain) else { return nil }
        let wp = phrases[Int(t[i].word)]
        return sequenceMatch(Int(wp.chainStart), Int(wp.chainCount), t, at: i, requireCapital: requireCapital)
    }

    /// The end of the first of `sequences[first ..< first + count]` (longest first) found at `i`,
    /// its words joined by nothing or a hyphen.
    private func sequenceMatch(_ first: Int, _ count: Int, _ t: Tokens, at i: Int, requireCapital: Bool) -> Int? {
        if requireCapital && !t[i].capitalized { return nil }
        outer: for k in first..<(first + count) {
            let s = sequences[k]
            let n = Int(s.count), start = Int(s.start)
            guard i + n <= t.count else { continue }
            for j in 0..<n {
                if t[i + j].word != words[start + j] { continue outer }
                if j > 0 && !t[i + j].has(.gapJoin) { continue outer }
            }
            return i + n
        }
        return nil
    }

    /// Whether the words `words[start ..< start + n]` are at `i`.
    @inline(__always)
    private func matches(_ start: Int, _ n: Int, _ t: Tokens, at i: Int) -> Bool {
        guard n > 0, i + n <= t.count else { return false }
        for k in 0..<n where t[i + k].word != words[start + k] { return false }
        return true
    }

    /// Whether `form` is the words of `t[range]`.
    @inline(__always)
    private func sameWords(_ form: [Int32], _ t: Tokens, _ range: Range<Int>) -> Bool {
        guard form.count == range.count else { return false }
        for (k, w) in form.enumerated() where t[range.lowerBound + k].word != w { return false }
        return true
    }

    @inline(__always)
    private func matches(_ form: [Int32], _ t: Tokens, at i: Int) -> Bool {
        guard !form.isEmpty, i + form.count <= t.count else { return false }
        for (k, w) in form.enumerated() where t[i + k].word != w { return false }
        return true
    }
}

/// Multi-word phrases (folded, space-separated) indexed by first word, longest first (the order
/// the recognizer tries them in).
struct PhraseIndex: Sendable {
    private var byFirst: [String: [[String]]] = [:]

    init(_ phrases: [String]) {
        for p in phrases {
            let words = p.split(separator: " ").map(String.init)
            guard let first = words.first else { continue }
            byFirst[first, default: []].append(words)
        }
        for key in byFirst.keys { byFirst[key]?.sort { $0.count > $1.count } }
    }

    /// The phrases starting with the folded word `first`, longest first.
    func candidates(_ first: String) -> [[String]]? { byFirst[first] }
}
