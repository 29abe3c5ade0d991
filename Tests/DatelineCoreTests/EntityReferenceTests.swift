import DatelineTestSupport
import XCTest
@testable import DatelineCore

/// The entity scan and recognizer against their previous definitions (kept below as references):
/// the faster ones must give the same words and the same mentions for every input.
final class EntityReferenceTests: XCTestCase {
    /// A deterministic generator, so a failure repeats.
    typealias Generator = SplitMix64

    /// Pieces random texts are made of: ASCII words and possessives, apostrophes, Vietnamese with
    /// precomposed and combining marks, CJK, emoji, odd spaces and dashes, digits, punctuation.
    static let fragments: [String] = [
        "a", "Lam", "LAM", "the", "People", "People's", "People’s", "Laos’", "Nam's", "s", "S", "'s", "’s", "'", "’", "''",
        "O'Neil", "rock'n'roll", "x2", "2024", "Tô", "Lâm", "Lâm’s", "Nguyễn", "Phạm", "Thủ", "tướng", "e\u{301}",
        "Vie\u{323}\u{302}t", "中国", "北京市", "🇻🇳", "👍🏽", "é", "ß", "İ", "Ω", " ", " ", "  ", "\t", "\n", "\u{00A0}",
        "\u{200B}", "\u{2011}", "-", "–", "—", ",", ".", "(", ")", ")(", ";", ":", "\"", "«", "»", "_", "#", "\u{0}",
        "abcdefgh", "abcdefghijklmnopq", "ABCDEFGHIJ", "Đ", "đ", "ư", "ơ", "\u{FEFF}", "\u{1F600}", "a'b", "a’b", "’a",
    ]

    static func randomText(_ g: inout Generator, pieces: Int) -> String {
        var s = ""
        for _ in 0..<pieces { s += fragments[Int(g.next() % UInt64(fragments.count))] }
        return s
    }

    struct Found: Equatable {
        var start, end, scalarStart, length: Int
        var gap: UInt32
    }

    static func words(_ buf: UnsafeBufferPointer<UInt8>, readable: Int? = nil) -> [Found] {
        var out: [Found] = []
        EntityTokenizer.forEachWord(buf, readable: readable) { out.append(Found(start: $0.start, end: $0.end, scalarStart: $0.scalarStart, length: $0.length, gap: $0.gap)) }
        return out
    }

    static func referenceWords(_ buf: UnsafeBufferPointer<UInt8>) -> [Found] {
        var out: [Found] = []
        ReferenceTokenizer.forEachWord(buf) { out.append(Found(start: $0.start, end: $0.end, scalarStart: $0.scalarStart, length: $0.length, gap: $0.gap)) }
        return out
    }

    /// `forEachWord` gives the reference's words, alone and as a paragraph of a padded buffer
    /// whose next bytes are more text (readable past the end).
    func testWordScanMatchesReference() {
        var g = Generator(seed: 7)
        var texts = ["", " ", "a", "'s", "’s", "ab's", "abc’s", "s's", "x’’", "a'", "abcdefgh", "abcdefghi jklmnopqrs",
                     "Tô Lâm’s visit", "中国 🇻🇳 e\u{301}", String(repeating: "word ", count: 20_000),
                     String(repeating: "Nguyễn’s ", count: 5_000), String(repeating: "x", count: 100_003)]
        for k in 0..<3_000 { texts.append(Self.randomText(&g, pieces: k % 40)) }
        for text in texts {
            let bytes = Array(text.utf8)
            let expected = bytes.withUnsafeBufferPointer { Self.referenceWords($0) }
            XCTAssertEqual(bytes.withUnsafeBufferPointer { Self.words($0) }, expected, text.debugDescription)
            // As the workspace scans: more text after the paragraph, then 8 zero bytes.
            let next = Self.randomText(&g, pieces: 3) + "abcdefghij"
            let padded = bytes + Array(next.utf8) + [UInt8](repeating: 0, count: 8)
            let got = padded.withUnsafeBufferPointer {
                Self.words(UnsafeBufferPointer(rebasing: $0[0..<bytes.count]), readable: $0.count)
            }
            XCTAssertEqual(got, expected, text.debugDescription)
        }
    }

    /// Paragraphs built from titles, names, dictionary names, acronyms and noise.
    static let phrases: [String] = [
        "Thủ tướng", "thủ tướng", "Gen.", "General Secretary", "General Secretary of the CPV Central Committee", "President",
        "Deputy Minister", "Minister of National Defence", "Mr.", "Ambassador", "Chairman", "Secretary", "Politburo member",
        "Tô Lâm", "Phạm Minh Chính", "Bounmy Vannachack", "Nguyen Minh Tam", "Lê Hoài Trung", "Khamliang Outhakaysone",
        "Thongsalith Mangnomek", "Phan Van Giang", "Lâm", "Giang", "Chính", "Trung", "Bounmy", "Lâm Đồng", "To Lam",
        "Vientiane", "Hà Nội", "Việt Nam", "Vietnam", "Laos", "Lào", "Communist Party of Vietnam", "CPV", "LPRP", "WHO", "who",
        "Mekong River Commission", "(MRC)", "(CPV)", "(LPRP)", "Lao People’s Revolutionary Party", "Ho Chi Minh City",
        "Ministry of Foreign Affairs", "(MFA)", "National Assembly", "(NA)", "Doi Moi", "Tom Smith", "Smith",
        "the", "and", "of", "for", "và", "của", "met", "said", "visited", "in", "on", "The", "May", "a", "A",
        ",", ".", ";", "(", ")", "-", "–", "’s", "'s", "中国", "🇻🇳", "e\u{301}", "2024", "O'Neil", "Đại tướng", "Bộ trưởng",
    ]

    static func randomParagraph(_ g: inout Generator) -> String {
        let count = Int(g.next() % 30)
        var s = ""
        for k in 0..<count {
            let piece = phrases[Int(g.next() % UInt64(phrases.count))]
            if k > 0 {
                switch g.next() % 10 {
                case 0: s += ", "
                case 1: s += ""
                case 2: s += " ("
                case 3: s += ") "
                default: s += " "
                }
            }
            s += piece
        }
        return s
    }

    static func referenceMentions(_ paragraphs: [String], _ dictionary: EntityDictionary) -> [Mention] {
        let workspace = EntityWorkspace(dictionary: dictionary)
        workspace.load(paragraphs)
        return ReferenceRecognition(dictionary: dictionary, workspace: workspace).run()
    }

    /// The recognizer finds the reference's mentions, with the bundled dictionary and with an
    /// analyst's (people, an override, ignored forms), on random and hand-written articles.
    func testRecognizerMatchesReference() throws {
        let analyst = try EntityDictionary.parse(yaml: """
            entities:
              - name: Tô Lâm
                kind: person
                aliases: [To Lam]
              - name: Tom Smith
                kind: person
              - name: Mekong River Commission
                kind: organization
                aliases: [MRC]
            ignore: [Doi Moi, Giang]
            """)
        let dictionaries = [EntityDictionary.bundled, EntityDictionary.bundled.merging(analyst)]
        var articles: [[String]] = [
            [], [""],
            ["Deputy Minister Bounmy Vannachack met Ambassador Nguyen Minh Tam in Vientiane.",
             "Bounmy said the Mekong River Commission (MRC) would meet again."],
            ["HÀ NỘI — General Secretary of the Communist Party of Việt Nam (CPV) Central Committee Tô Lâm told Thongsalith Mangnomek, Secretary of the Lao People’s Revolutionary Party (LPRP) Central Committee",
             "Lâm welcomed Mangnomek’s visit. Lê Hoài Trung and Tô Lâm met. Doi Moi."],
        ]
        var g = Generator(seed: 42)
        for _ in 0..<600 {
            articles.append((0..<Int(1 + g.next() % 5)).map { _ in Self.randomParagraph(&g) })
        }
        var kinds: [EntityKind: Int] = [:]
        for dictionary in dictionaries {
            for article in articles {
                let expected = Self.referenceMentions(article, dictionary)
                let got = EntityRecognizer(dictionary: dictionary).recognize(paragraphs: article)
                XCTAssertEqual(got, expected, "\(article)")
                for m in expected { kinds[m.kind, default: 0] += 1 }
            }
        }
        // The articles exercise every kind of mention, people found by every rule included.
        XCTAssertGreaterThan(kinds[.person] ?? 0, 500)
        XCTAssertGreaterThan(kinds[.organization] ?? 0, 500)
        XCTAssertGreaterThan(kinds[.place] ?? 0, 500)
    }
}

/// `EntityTokenizer.forEachWord` as it was before the single-space and padded-lane paths (the
/// reference for `testWordScanMatchesReference`).
enum ReferenceTokenizer {
    @inline(__always)
    static func forEachWord(_ buf: UnsafeBufferPointer<UInt8>, _ body: (EntityTokenizer.Word) -> Void) {
        guard let p = buf.baseAddress else { return }
        let n = buf.count
        let classes = EntityTokenizer.byteClass
        // `i` ≤ `n` and `offset` ≤ `i` throughout, so the `&+` below cannot overflow.
        var i = 0
        /// Code points before `i`.
        var offset = 0
        while true {
            var gap = EntityTokenizer.Gap()
            // Between words: collect the punctuation (spaces left out).
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
                if FastScan.isWordScalar(u) { break }
                if !FastScan.isSpace(u) { for k in i..<(i &+ len) { gap.add(p[k]) } }
                i &+= len; offset &+= 1
            }
            let start = i, scalarStart = offset
            // The word: word scalars, and apostrophes followed by a letter ("People's").
            while true {
                // A run of ASCII letters and digits: eight bytes at a time while they fit, then bytewise.
                let run = i
                while i &+ 8 <= n {
                    let m = ByteLanes.nonAlnumLanes(ByteLanes.load(p, i))
                    if m != 0 { i &+= m.trailingZeroBitCount &>> 3; break }
                    i &+= 8
                }
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
                if FastScan.isWordScalar(u)
                    || (EntityTokenizer.isApostrophe(u) && i &+ len < n && FastScan.isLetter(UTF8Scan.decode(buf, at: i &+ len).scalar)) {
                    i &+= len; offset &+= 1
                    continue
                }
                break
            }
            var end = i
            var length = offset &- scalarStart
            // Drop a possessive 's / ’s, then any trailing apostrophes (' or ’, whose last byte is 0x99).
            if length > 2, p[end &- 1] | 0x20 == UInt8(ascii: "s") {
                let before = UTF8Scan.start(before: end &- 1, in: buf)
                if EntityTokenizer.isApostrophe(UTF8Scan.decode(buf, at: before).scalar) { end = before; length &-= 2 }
            }
            while end > start, p[end &- 1] == 0x27 || p[end &- 1] == 0x99 {
                let before = UTF8Scan.start(before: end, in: buf)
                guard EntityTokenizer.isApostrophe(UTF8Scan.decode(buf, at: before).scalar) else { break }
                end = before; length &-= 1
            }
            body(EntityTokenizer.Word(start: start, end: end, scalarStart: scalarStart, length: length, gap: gap.flags))
        }
    }
}

/// The recognizer as it was before dictionary matches were found once per article and texts
/// were made from cached bytes (the reference for `testRecognizerMatchesReference`).
final class ReferenceRecognition {
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
    }

    /// Paragraph `p`'s tokens.
    @inline(__always) func paragraph(_ p: Int) -> Tokens {
        UnsafeBufferPointer(rebasing: all[bounds[p]..<bounds[p + 1]])
    }

    /// The text of `t[range]` as written (from the first word's start to the last word's end).
    func surface(_ t: Tokens, _ range: Range<Int>) -> String {
        let start = Int(t[range.lowerBound].byteStart), end = Int(t[range.upperBound - 1].byteEnd)
        guard start < end else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The words of `t[range]` as written, joined by single spaces.
    func spacedText(_ t: Tokens, _ range: Range<Int>) -> String {
        var out: [UInt8] = []
        for k in range {
            if k > range.lowerBound { out.append(0x20) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(t[k].byteStart)..<Int(t[k].byteEnd)]))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The folded words of `t[range]` joined without separator: the key people are told apart by
    /// and `EntityDictionary.ignored` is asked with.
    func foldedKey(_ t: Tokens, _ range: Range<Int>) -> String {
        var key = ""
        for k in range { key += workspace.spelling(of: t[k]) }
        return key
    }

    func run() -> [Mention] {
        let paragraphCount = bounds.count - 1
        typealias F = EntityToken.Flags
        let pass1Starts = F.hasDictionary.rawValue | F.hasTitle.rawValue | F.capitalized.rawValue
        let pass2Starts = F.hasDictionary.rawValue | F.capitalized.rawValue
        // Pass 1: discover people and acronym definitions.
        for p in 0..<paragraphCount {
            let t = paragraph(p)
            var i = 0
            while i < t.count {
                // Every rule below starts at a dictionary word, a title or a capitalized word.
                if t[i].flags.rawValue & pass1Starts == 0 { i += 1; continue }
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
                if t[i].capitalized, let run = appositiveName(t, at: i) ?? surnameRun(t, at: i) {
                    addPerson(t, run)
                    i = run.upperBound
                    continue
                }
                i += 1
            }
            guard workspace.mayDefineAcronym[p] else { continue }
            for (full, acronym) in acronymDefinitions(t) where workspace.entryIndex(of: surface(t, acronym..<(acronym + 1)), in: dictionary) == nil {
                let fullName = spacedText(t, full)
                if let known = workspace.entryIndex(of: fullName, in: dictionary), entryKinds[known] == .organization { continue }
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
            let t = paragraph(p)
            var i = 0
            while i < t.count {
                // Only a dictionary word or a capitalized word starts a mention.
                if t[i].flags.rawValue & pass2Starts == 0 { i += 1; continue }
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

    // MARK: - People

    private func addPerson(_ t: Tokens, _ range: Range<Int>) {
        let words = range.map { t[$0].word }
        var key: String?
        if !dictionary.ignored.isEmpty {
            let made = foldedKey(t, range)
            guard !dictionary.ignored.contains(made) else { return }
            key = made
        }
        // Already known: the same words make the same key; failing that, compare keys.
        if people.contains(where: { $0.words == words }) { return }
        let personKey = key ?? foldedKey(t, range)
        if people.contains(where: { $0.key == personKey }) { return }
        // A shorter form of someone already known ("Lam" after "To Lam") is not a new person.
        if words.count == 1, people.contains(where: { $0.shortForms.contains(words[0]) }) { return }
        var name = spacedText(t, range)
        if let entry = workspace.entryIndex(of: name, in: dictionary), entryKinds[entry] == .person { name = dictionary.entries[entry].name }
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
        guard t[i].nameWord, dictionaryMatch(t, at: i) == nil else { return nil }
        if i > 0, t[i].gapEmpty, t[i - 1].nameWord { return nil }
        var end = i + 1
        while end < t.count, end - i < 4, t[end].gapEmpty, t[end].nameWord,
              titleMatch(t, at: end, requireCapital: true) == nil,
              dictionaryMatch(t, at: end) == nil {
            end += 1
        }
        guard end - i >= 2, end < t.count, t[end].has(.gapComma),
              t[end].capitalized, titleMatch(t, at: end, requireCapital: true) != nil else { return nil }
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
            let letters = Array(workspace.spelling(of: t[i]).unicodeScalars.filter { $0.properties.isAlphabetic })
            guard letters.count >= 2, letters.count <= 10 else { continue }
            // Walk back over the name: capitalized words and connectors joined by spaces.
            var start = i
            while start > 0 {
                let prev = t[start - 1]
                if start < i, !t[start].gapEmpty { break }
                if prev.capitalized || prev.has(.acronymConnector)
                    || (!prev.capitalized && start - 1 > 0 && t[start - 1].gapEmpty && t[start - 2].capitalized
                        && workspace.spelling(of: prev).unicodeScalars.count <= 5) {
                    start -= 1
                } else { break }
                if i - start > 12 { break }
            }
            while start < i, !t[start].capitalized { start += 1 }
            guard start < i else { continue }
            // Prefer the shortest suffix whose initials spell the acronym.
            var pick: Int?
            /// Whether the first letters of the folded words `s..<i` (capitalized ones only, or all)
            /// spell `letters`; a word that folds to nothing has no first letter.
            func spells(from s: Int, capitalizedOnly: Bool) -> Bool {
                var n = 0
                for k in s..<i where !capitalizedOnly || t[k].capitalized {
                    guard let first = workspace.spelling(of: t[k]).unicodeScalars.first else { continue }
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

    // MARK: - Phrase matching on word ids

    /// The longest dictionary name or alias at `i`, as its length in tokens and entry index.
    @inline(__always)
    private func dictionaryMatch(_ t: Tokens, at i: Int) -> (Int, Int)? {
        let token = t[i]
        guard token.has(.hasDictionary) else { return nil }
        let wp = phrases[Int(token.word)]
        let first = Int(wp.dictionaryStart)
        for k in first..<(first + Int(wp.dictionaryCount)) {
            let phrase = dictionaryPhrases[k]
            let n = Int(phrase.count)
            guard matches(Int(phrase.start), n, t, at: i) else { continue }
            if phrase.acronym && !token.allCaps { continue }
            if phrase.capitalized && !token.capitalized { continue }
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

    @inline(__always)
    private func matches(_ form: [Int32], _ t: Tokens, at i: Int) -> Bool {
        guard !form.isEmpty, i + form.count <= t.count else { return false }
        for (k, w) in form.enumerated() where t[i + k].word != w { return false }
        return true
    }
}

