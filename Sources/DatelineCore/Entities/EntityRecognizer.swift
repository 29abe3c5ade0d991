/// Finds people, organizations and places in an article's paragraphs and resolves every mention
/// to a canonical entity.
///
/// People are found after titles ("Gen. Phan Van Giang", "Thủ tướng Phạm Minh Chính",
/// "General Secretary of the CPV Central Committee To Lam") and by Vietnamese family names; later
/// short mentions resolve to them ("Giang", "Lâm", "Khamliang"). Organizations come from the
/// dictionary and from acronym definitions ("Communist Party of Vietnam (CPV)" makes "CPV" an alias);
/// places from the gazetteer. Within an article a person's canonical name is the fullest form the
/// article uses, unless the dictionary names the person.
struct EntityRecognizer {
    let dictionary: EntityDictionary

    private static let titleIndex = PhraseIndex(PersonTitles.titles)
    private static let chainIndex = PhraseIndex(PersonTitles.chainWords)

    private struct Person {
        var name: String
        var tokens: [String]  // folded
        var shortForms: [String]
    }

    private struct LearnedOrg {
        var name: String
        var forms: [[String]]  // folded token sequences: full name and acronym
    }

    func recognize(paragraphs: [String]) -> [Mention] {
        let interner = TokenInterner.cached(for: dictionary.phrasesIdentity, lookup: lookups)
        interner.trimBetweenArticles()
        let tokenized = paragraphs.map { EntityTokenizer.tokens($0, interner: interner) }
        var people: [Person] = []
        var peopleByKey: [String: Int] = [:]
        var orgs: [LearnedOrg] = []

        func addPerson(_ tokens: ArraySlice<EntityToken>, in paragraph: String) {
            let folded = tokens.map(\.folded)
            let key = folded.joined()
            guard !dictionary.ignored.contains(key) else { return }
            if peopleByKey[key] != nil { return }
            // A shorter form of someone already known ("Lam" after "To Lam") is not a new person.
            if folded.count == 1, people.contains(where: { $0.shortForms.contains(folded[0]) }) { return }
            var name = tokens.map { $0.text(in: paragraph) }.joined(separator: " ")
            if let entry = dictionary.lookup(name), entry.kind == .person { name = entry.name }
            var shorts: [String] = []
            if folded.count >= 2 {
                if PersonTitles.vietnameseSurnames.contains(folded[0]) {
                    shorts = [folded[folded.count - 1]]
                } else {
                    shorts = [folded[0], folded[folded.count - 1]]
                }
            }
            // A longer form of a single-word person replaces it.
            if let i = people.firstIndex(where: { $0.tokens.count == 1 && folded.contains($0.tokens[0]) }) {
                peopleByKey[people[i].tokens.joined()] = nil
                people[i] = Person(name: name, tokens: folded, shortForms: shorts)
                peopleByKey[key] = i
                return
            }
            peopleByKey[key] = people.count
            people.append(Person(name: name, tokens: folded, shortForms: shorts))
        }

        // Pass 1: discover people and acronym definitions.
        for (p, tokens) in tokenized.enumerated() {
            let paragraph = paragraphs[p]
            var i = 0
            while i < tokens.count {
                if let (length, entry) = dictionaryMatch(tokens, at: i), entry.kind == .person {
                    addPerson(tokens[i..<(i + length)], in: paragraph)
                    i += length
                    continue
                }
                if let titleEnd = Self.titleMatch(tokens, at: i, requireCapital: false) {
                    if let name = nameAfterTitle(tokens, titleEnd: titleEnd, titleStart: i) {
                        addPerson(tokens[name], in: paragraph)
                        i = name.upperBound
                        continue
                    }
                    i = titleEnd
                    continue
                }
                if let run = appositiveName(tokens, at: i) ?? surnameRun(tokens, at: i) {
                    addPerson(tokens[run], in: paragraph)
                    i = run.upperBound
                    continue
                }
                i += 1
            }
            for (full, acronym) in acronymDefinitions(tokens) where dictionary.lookup(acronym.text(in: paragraph)) == nil {
                let fullName = full.map { $0.text(in: paragraph) }.joined(separator: " ")
                if let known = dictionary.lookup(fullName), known.kind == .organization { continue }
                if orgs.contains(where: { $0.forms.contains([acronym.folded]) }) { continue }
                orgs.append(LearnedOrg(name: fullName, forms: [full.map(\.folded), [acronym.folded]]))
            }
        }

        // Pass 2: tag every mention, longest match first.
        var mentions: [Mention] = []
        var lastMentioned: [String: Int] = [:]  // short form → person index most recently mentioned
        for (p, tokens) in tokenized.enumerated() {
            let text = paragraphs[p].utf8
            func surface(_ range: Range<Int>) -> String {
                let start = tokens[range.lowerBound].byteStart, end = tokens[range.upperBound - 1].byteEnd
                guard start >= 0, end <= text.count, start < end else { return "" }
                return String(decoding: text[text.index(text.startIndex, offsetBy: start)..<text.index(text.startIndex, offsetBy: end)], as: UTF8.self)
            }
            var i = 0
            while i < tokens.count {
                var best: (length: Int, name: String, kind: EntityKind, person: Int?)?
                func consider(_ length: Int, _ name: String, _ kind: EntityKind, person: Int? = nil) {
                    if length > (best?.length ?? 0) { best = (length, name, kind, person) }
                }
                if tokens[i].capitalized {
                    for (index, person) in people.enumerated() where matches(person.tokens, tokens, at: i) {
                        consider(person.tokens.count, person.name, .person, person: index)
                    }
                    for org in orgs {
                        for form in org.forms where matches(form, tokens, at: i) {
                            consider(form.count, org.name, .organization)
                        }
                    }
                }
                if let (length, entry) = dictionaryMatch(tokens, at: i) {
                    consider(length, entry.name, entry.kind)
                }
                if best == nil, tokens[i].capitalized, isLoneWord(tokens, at: i) {
                    let f = tokens[i].folded
                    let candidates = people.indices.filter { people[$0].shortForms.contains(f) }
                    if let pick = candidates.count == 1 ? candidates.first : (lastMentioned[f] ?? candidates.last) {
                        consider(1, people[pick].name, .person, person: pick)
                    }
                }
                if let match = best {
                    let range = i..<(i + match.length)
                    let key = tokens[range].map(\.folded).joined()
                    if !dictionary.ignored.contains(key) {
                        mentions.append(Mention(name: match.name, kind: match.kind, text: surface(range),
                                                paragraph: p, offset: tokens[i].start))
                        if let person = match.person {
                            for s in people[person].shortForms { lastMentioned[s] = person }
                        }
                    }
                    i += match.length
                } else {
                    i += 1
                }
            }
        }
        return mentions
    }

    /// The fixed word tables (titles, office chains, surnames, non-names) merged into one map, so
    /// a word costs one hash for all of them.
    private static let wordTables: [String: EntityToken.Lookups] = {
        var table: [String: EntityToken.Lookups] = [:]
        func entry(_ key: String) -> EntityToken.Lookups {
            if let known = table[key] { return known }
            let made = EntityToken.Lookups()
            table[key] = made
            return made
        }
        for key in PersonTitles.titles.compactMap({ $0.split(separator: " ").first.map(String.init) }) {
            entry(key).titlePhrases = titleIndex.candidates(key)
        }
        for key in PersonTitles.chainWords.compactMap({ $0.split(separator: " ").first.map(String.init) }) {
            entry(key).chainPhrases = chainIndex.candidates(key)
        }
        for key in PersonTitles.vietnameseSurnames { entry(key).isSurname = true }
        for key in PersonTitles.notNames { entry(key).isNotName = true }
        return table
    }()

    /// What the word tables and the dictionary hold for one folded word (asked once per distinct
    /// word of an article, through `TokenInterner`).
    private func lookups(_ folded: String) -> EntityToken.Lookups {
        let lookups = Self.wordTables[folded]?.copy() ?? EntityToken.Lookups()
        lookups.dictionaryPhrases = dictionary.phrasesByFirstToken[folded]
        return lookups
    }

    private static func titleMatch(_ tokens: [EntityToken], at i: Int, requireCapital: Bool) -> Int? {
        guard i < tokens.count else { return nil }
        return PhraseIndex.match(tokens[i].lookups.titlePhrases, tokens, at: i, requireCapital: requireCapital)
    }

    private static func chainMatch(_ tokens: [EntityToken], at i: Int, requireCapital: Bool) -> Int? {
        guard i < tokens.count else { return nil }
        return PhraseIndex.match(tokens[i].lookups.chainPhrases, tokens, at: i, requireCapital: requireCapital)
    }

    // MARK: - People

    /// After a title: skip an office chain (capitalized office words, connectors, acronyms in
    /// brackets, places, further titles), then take 1–4 capitalized name words.
    private func nameAfterTitle(_ tokens: [EntityToken], titleEnd: Int, titleStart: Int) -> Range<Int>? {
        var i = titleEnd
        var steps = 0
        var previousWasAbbreviation = PersonTitles.abbreviations.contains(tokens[titleEnd - 1].folded) && titleEnd - titleStart == 1
        var afterAnd = false
        while i < tokens.count, steps < 30 {
            steps += 1
            let t = tokens[i]
            defer { if !(PersonTitles.connectors.contains(t.folded) && !t.capitalized) { afterAnd = false } }
            guard chainGapAllowed(t.gap, afterAbbreviation: previousWasAbbreviation) else { return nil }
            previousWasAbbreviation = false
            if let end = Self.titleMatch(tokens, at: i, requireCapital: false) {
                previousWasAbbreviation = end - i == 1 && PersonTitles.abbreviations.contains(t.folded)
                i = end; continue
            }
            if !t.capitalized && PersonTitles.connectors.contains(t.folded) {
                // "… and President X": after "and" comes another office, never the name itself.
                afterAnd = t.folded == "and" || t.folded == "va"
                i += 1; continue
            }
            if let end = Self.chainMatch(tokens, at: i, requireCapital: false) {
                i = end; continue
            }
            if let (length, entry) = dictionaryMatch(tokens, at: i) {
                if entry.kind == .person { return i..<(i + length) }
                i += length; continue
            }
            if t.allCaps { i += 1; continue }
            guard isNameWord(t), !afterAnd else { return nil }
            var end = i + 1
            while end < tokens.count, end - i < 4, tokens[end].gap.isEmpty, isNameWord(tokens[end]),
                  Self.titleMatch(tokens, at: end, requireCapital: true) == nil {
                end += 1
            }
            return i..<end
        }
        return nil
    }

    /// A name followed by its office: "Thongsalith Mangnomek, Secretary of the …".
    private func appositiveName(_ tokens: [EntityToken], at i: Int) -> Range<Int>? {
        guard isNameWord(tokens[i]), dictionaryMatch(tokens, at: i) == nil else { return nil }
        if i > 0, tokens[i].gap.isEmpty, isNameWord(tokens[i - 1]) { return nil }
        var end = i + 1
        while end < tokens.count, end - i < 4, tokens[end].gap.isEmpty, isNameWord(tokens[end]),
              Self.titleMatch(tokens, at: end, requireCapital: true) == nil,
              dictionaryMatch(tokens, at: end) == nil {
            end += 1
        }
        guard end - i >= 2, end < tokens.count, tokens[end].gap == ",",
              tokens[end].capitalized, Self.titleMatch(tokens, at: end, requireCapital: true) != nil else { return nil }
        if Self.chainMatch(tokens, at: i, requireCapital: false) != nil { return nil }
        return i..<end
    }

    /// A Vietnamese name without a title: a run of capitalized syllables starting with a family name
    /// ("Lê Hoài Trung"); three or more words, or two with Vietnamese diacritics ("Tô Lâm").
    private func surnameRun(_ tokens: [EntityToken], at i: Int) -> Range<Int>? {
        let t = tokens[i]
        guard t.capitalized, !t.allCaps, t.lookups.isSurname else { return nil }
        if i > 0, tokens[i].gap.isEmpty, isNameWord(tokens[i - 1]) { return nil }
        if dictionaryMatch(tokens, at: i) != nil { return nil }
        var end = i + 1
        while end < tokens.count, end - i < 4, tokens[end].gap.isEmpty, isNameWord(tokens[end]),
              tokens[end].length <= 7 {
            end += 1
        }
        let count = end - i
        if count >= 3 { return i..<end }
        if count == 2 {
            // A word with a non-ASCII scalar has more UTF-8 bytes than scalars.
            let diacritics = tokens[i..<end].allSatisfy { $0.byteEnd - $0.byteStart > $0.length }
            if diacritics { return i..<end }
        }
        return nil
    }

    private func chainGapAllowed(_ gap: TokenGap, afterAbbreviation: Bool) -> Bool {
        switch gap {
        case "", "(", ")", "-", "‑", ")(": return true
        case ".": return afterAbbreviation
        default: return false
        }
    }

    private func isNameWord(_ t: EntityToken) -> Bool {
        guard t.capitalized, !t.allCaps, t.length <= 16, t.nameShaped, !t.lookups.isNotName else { return false }
        return true
    }

    /// A capitalized word not run together with other capitalized words (so "Lâm" alone, not "Lâm Đồng").
    private func isLoneWord(_ tokens: [EntityToken], at i: Int) -> Bool {
        if i + 1 < tokens.count, tokens[i + 1].gap.isEmpty, isNameWord(tokens[i + 1]) { return false }
        if i > 0, tokens[i].gap.isEmpty, isNameWord(tokens[i - 1]),
           Self.titleMatch(tokens, at: i - 1, requireCapital: false) == nil { return false }
        return true
    }

    // MARK: - Organizations and places

    /// "Communist Party of Vietnam (CPV)": the shortest capitalized run before a bracketed acronym whose
    /// initials spell it; failing that, the run from the last organization word.
    private func acronymDefinitions(_ tokens: [EntityToken]) -> [(ArraySlice<EntityToken>, EntityToken)] {
        var found: [(ArraySlice<EntityToken>, EntityToken)] = []
        for (i, t) in tokens.enumerated() where i > 0 && t.allCaps && t.gap.hasSuffix("(") {
            guard i + 1 >= tokens.count || tokens[i + 1].gap.hasPrefix(")") else { continue }
            let letters = Array(t.folded.unicodeScalars.filter { $0.properties.isAlphabetic })
            guard letters.count >= 2, letters.count <= 10 else { continue }
            // Walk back over the name: capitalized words and connectors joined by spaces.
            var start = i
            while start > 0 {
                let prev = tokens[start - 1]
                if start < i, !tokens[start].gap.isEmpty { break }
                if prev.capitalized || ["of", "for", "and", "the", "on", "de", "cua", "va"].contains(prev.folded)
                    || (prev.folded.unicodeScalars.count <= 5 && !prev.capitalized && start - 1 > 0 && tokens[start - 1].gap.isEmpty && tokens[start - 2].capitalized) {
                    start -= 1
                } else { break }
                if i - start > 12 { break }
            }
            while start < i, !tokens[start].capitalized { start += 1 }
            guard start < i else { continue }
            // Prefer the shortest suffix whose initials spell the acronym.
            var pick: Int?
            for s in stride(from: i - 1, through: start, by: -1) where tokens[s].capitalized {
                let initials = tokens[s..<i].filter { $0.capitalized }.compactMap { $0.folded.unicodeScalars.first }
                if initials.count == letters.count && initials == letters { pick = s; break }
                let all = tokens[s..<i].compactMap { $0.folded.unicodeScalars.first }
                if all == letters { pick = s; break }
            }
            if let s = pick, i - s >= 2 {
                found.append((tokens[s..<i], t))
            }
        }
        return found
    }

    private func dictionaryMatch(_ tokens: [EntityToken], at i: Int) -> (Int, EntityDictionary.Entry)? {
        guard let phrases = tokens[i].lookups.dictionaryPhrases else { return nil }
        for phrase in phrases where matches(phrase.tokens, tokens, at: i) {
            if phrase.acronym && !tokens[i].allCaps { continue }
            if phrase.capitalized && !tokens[i].capitalized { continue }
            // Words of a name are written together: no punctuation inside the match.
            if tokens[i..<(i + phrase.tokens.count)].dropFirst().contains(where: { !$0.gap.isEmpty && $0.gap != "-" && $0.gap != "." }) { continue }
            return (phrase.tokens.count, dictionary.entry(at: phrase.entry))
        }
        return nil
    }

    private func matches(_ folded: [String], _ tokens: [EntityToken], at i: Int) -> Bool {
        guard !folded.isEmpty, i + folded.count <= tokens.count else { return false }
        for (k, f) in folded.enumerated() where tokens[i + k].folded != f { return false }
        return true
    }
}

/// Multi-word phrases (folded, space-separated) indexed by first word for longest-match lookup.
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

    /// The end index of the longest phrase starting at `i`, if any.
    func match(_ tokens: [EntityToken], at i: Int, requireCapital: Bool) -> Int? {
        guard i < tokens.count else { return nil }
        return Self.match(byFirst[tokens[i].folded], tokens, at: i, requireCapital: requireCapital)
    }

    /// `match` with the phrases for `tokens[i]` already looked up (`candidates`).
    static func match(_ candidates: [[String]]?, _ tokens: [EntityToken], at i: Int, requireCapital: Bool) -> Int? {
        guard i < tokens.count, let candidates else { return nil }
        if requireCapital && !tokens[i].capitalized { return nil }
        outer: for words in candidates where i + words.count <= tokens.count {
            for (k, w) in words.enumerated() {
                if tokens[i + k].folded != w { continue outer }
                if k > 0 && !(tokens[i + k].gap.isEmpty || tokens[i + k].gap == "-") { continue outer }
            }
            return i + words.count
        }
        return nil
    }
}
