import Foundation

/// Lays out one page: finds the header (breadcrumb, timestamp, title, byline), the lede, the body
/// paragraphs with their captions, the sign-off, and the teasers and furniture after the story.
///
/// The rules are about the genre, not any one outlet: the body is the run of prose that starts at the
/// dateline paragraph (or the first prose after the title) and ends at a sign-off, a section break
/// ("See more", "Tin bài liên quan"), or the first teaser (a headline followed by another
/// article's dateline, or a link title printed twice).
struct PageAnalyzer {
    let text: String
    let options: ParserOptions
    let hints: PageHints

    private var bylines: BylineDetector { BylineDetector(catalog: .bundled, gazetteer: options.dictionary) }

    private enum Role {
        case unknown, title, section, meta, author, lede, body, caption, captionSource, teaser, credit, signOff, boilerplate
    }

    func analyze() -> Article {
        let lines = PageLine.split(text)
        var roles = [Role](repeating: .unknown, count: lines.count)
        var article = Article()
        /// `TextFold.key` of the title when it is a whole line of the page.
        var titleKey: String?
        var sources: [String] = []
        func addSource(_ s: String) { if !sources.contains(s) { sources.append(s) } }
        let detector = bylines

        // 1. Furniture that is furniture wherever it stands.
        for i in lines.indices where isFurniture(lines[i]) { roles[i] = .boilerplate }

        // 2. Section breaks: the first one after some prose ends the story.
        let firstProse = lines.indices.first { roles[$0] == .unknown && lines[$0].isProse && !isCaption(lines[$0]) } ?? lines.count
        var storyEnd = lines.count
        for i in lines.indices where i > firstProse && isSectionBreak(lines[i]) {
            storyEnd = i
            break
        }

        // 3. The dateline paragraph, if any, opens the body.
        var datelineIndex: Int?
        var datelinePrefix: BylineDetector.DatelinePrefix?
        for i in 0..<storyEnd where roles[i] == .unknown && !isCaption(lines[i]) {
            if let prefix = detector.datelinePrefix(lines[i].text), lines[i].isProse || PageLine.countWords(prefix.rest) >= 12 {
                datelineIndex = i
                datelinePrefix = prefix
                break
            }
            // Datelines come early: stop looking once the story is well under way.
            if lines[i].isProse && i > firstProse + 2 { break }
        }

        // 4. Header: everything before the first prose (or the dateline paragraph).
        let headerEnd = min(datelineIndex ?? firstProse, firstProse, storyEnd)
        for i in 0..<headerEnd where roles[i] == .unknown {
            let line = lines[i]
            if article.section == nil, let section = breadcrumbSection(line) {
                article.section = section; roles[i] = .section; continue
            }
            if article.dateText == nil, line.words <= 16, let found = DateExtractor().metaDate(line.text) {
                article.date = found.date; article.datetime = found.datetime
                article.dateConfidence = found.confidence; article.dateText = found.text
                roles[i] = .meta; continue
            }
            if article.author == nil, let author = detector.author(line) {
                article.author = author; roles[i] = .author; continue
            }
            if BylineDetector.isRelativeTime(line) { roles[i] = .meta; continue }
            if isCaption(line) { roles[i] = .caption; continue }
            if article.title == nil, line.isTitleLike, !isDoubled(line) {
                article.title = line.text; titleKey = line.folded; roles[i] = .title; continue
            }
            roles[i] = isDoubled(line) ? .teaser : .boilerplate
        }

        // 5. Lede and body start.
        var bodyStart: Int
        var lede: String?
        if let d = datelineIndex {
            bodyStart = d
            let before = (headerEnd..<d).filter { roles[$0] == .unknown && lines[$0].isProse && !isCaption(lines[$0]) }
            if !before.isEmpty {
                lede = before.map { lines[$0].text }.joined(separator: " ")
                for i in before { roles[i] = .lede }
            }
        } else if firstProse < storyEnd {
            // Without a dateline, the first prose is the lede and the first body paragraph.
            bodyStart = firstProse
        } else {
            bodyStart = storyEnd
        }

        // 6. Body: prose from bodyStart until the story ends.
        var paragraphs: [String] = []
        /// `TextFold.key` of each paragraph (the line's own key when the paragraph is the whole line).
        var paragraphKeys: [String] = []
        /// The article's word count (`Tokenizer.wordCount` of each paragraph, the line's own count when
        /// the paragraph is the whole line).
        var wordCount = 0
        var captions: [Caption] = []
        var related: [Teaser] = []
        /// `TextFold.key` of each title in `related`.
        var relatedKeys: [String] = []
        var bodyEnd = storyEnd
        var i = bodyStart
        var pendingAltCaption = false
        // What lines are compared with as repeats: the title and the lede (else the first paragraph).
        var repeats = RepeatKeys(title: article.title.map(Self.repeatKey), lede: lede.map(Self.repeatKey))
        bodyLoop: while i < storyEnd {
            defer { i += 1 }
            if lede == nil, repeats.lede == nil, let first = paragraphs.first { repeats.lede = Self.repeatKey(first) }
            let line = lines[i]
            if roles[i] == .boilerplate { continue }
            if roles[i] == .lede { continue }
            if isRepeat(line, repeats) { roles[i] = .boilerplate; continue }
            if isImageAlt(line) {
                // "<headline> ảnh 1": an image placeholder; its caption is the next short line.
                roles[i] = .boilerplate
                pendingAltCaption = true
                continue
            }
            if let caption = captionOf(line) {
                roles[i] = .caption
                if !captions.contains(caption) { captions.append(caption) }
                pendingAltCaption = false
                continue
            }
            if pendingAltCaption, line.isTitleLike, !line.endsSentence || line.words <= 12, i + 1 < storyEnd {
                roles[i] = .caption
                let caption = Caption(text: line.text, credit: nil)
                if !captions.contains(caption) { captions.append(caption) }
                pendingAltCaption = false
                continue
            }
            pendingAltCaption = false
            if let credits = detector.standaloneSignOff(line), !paragraphs.isEmpty {
                roles[i] = .signOff
                credits.forEach(addSource)
                bodyEnd = i + 1
                break bodyLoop
            }
            if let credit = detector.creditLine(line), !paragraphs.isEmpty {
                roles[i] = .credit
                addSource(credit)
                bodyEnd = i + 1
                break bodyLoop
            }
            if isDoubled(line), realProseFollows(lines, roles, from: i + 1, storyEnd: storyEnd, repeats: repeats) {
                // A link to another story inside the page (before or within the body): a teaser, not the end.
                roles[i] = .teaser
                continue
            }
            if isDoubled(line) || startsTeaser(lines, at: i, storyEnd: storyEnd, hasBody: !paragraphs.isEmpty) {
                bodyEnd = i
                break bodyLoop
            }
            if line.text == "./." || line.text == "/." {
                roles[i] = .signOff; bodyEnd = i + 1; break bodyLoop
            }
            // A body paragraph.
            var text = line.text
            var modified = false
            if i == datelineIndex, let prefix = datelinePrefix {
                text = prefix.rest
                modified = true
                article.dateline = prefix.place
                prefix.sources.forEach(addSource)
            }
            var ended = false
            if let signed = detector.trailingSignOff(text) {
                text = signed.text
                modified = true
                signed.sources.forEach(addSource)
                ended = true
            }
            if FastScan.hasASCIISuffix(text, "./.") || FastScan.hasASCIISuffix(text, " /.") {
                text = FastScan.trim(String(text.dropLast(2)))
                if !FastScan.hasASCIISuffix(text, ".") { text += "." }
                modified = true
                ended = true
            }
            roles[i] = .body
            paragraphs.append(text)
            paragraphKeys.append(modified ? TextFold.key(text) : line.folded)
            wordCount += modified ? Tokenizer.wordCount(text) : line.tokens
            if ended { bodyEnd = i + 1; break bodyLoop }
        }
        if i >= storyEnd { bodyEnd = min(bodyEnd, storyEnd) }

        // 7. After the story: credits, sign-offs, teasers; the rest is furniture.
        var k = bodyEnd
        var pendingTeaser: Int?  // index in `related` still waiting for its summary
        var afterBreak = false
        while k < lines.count {
            defer { k += 1 }
            let line = lines[k]
            if k >= storyEnd && isSectionBreak(line) { roles[k] = .boilerplate; afterBreak = true; pendingTeaser = nil; continue }
            if roles[k] == .boilerplate { continue }
            if !afterBreak, let credit = detector.creditLine(line) { roles[k] = .credit; addSource(credit); continue }
            if !afterBreak, !paragraphs.isEmpty, pendingTeaser == nil, let credits = detector.standaloneSignOff(line) {
                roles[k] = .signOff; credits.forEach(addSource); continue
            }
            if isCaption(line) || isImageAlt(line) { roles[k] = .boilerplate; pendingTeaser = nil; continue }
            if let doubled = doubledTitle(line) {
                roles[k] = .teaser
                related.append(Teaser(title: doubled, summary: nil))
                relatedKeys.append(TextFold.key(doubled))
                pendingTeaser = related.count - 1
                continue
            }
            if let p = pendingTeaser, relatedKeys[p] == line.folded {
                roles[k] = .teaser; continue  // the title printed again
            }
            if let p = pendingTeaser, related[p].summary == nil,
               line.isProse || line.words > max(PageLine.countWords(related[p].title) + 3, 14) || isTeaserDatelined(line) {
                related[p].summary = line.text
                roles[k] = .teaser
                pendingTeaser = nil
                continue
            }
            if line.isTitleLike && !isSlug(line) {
                related.append(Teaser(title: line.text, summary: nil))
                relatedKeys.append(line.folded)
                pendingTeaser = related.count - 1
                roles[k] = .teaser
                continue
            }
            roles[k] = .boilerplate
        }

        // Doubled link titles in the header and inside the story are teasers too.
        var headerTeasers: [Teaser] = []
        var headerKeys: [String] = []
        for j in 0..<bodyEnd where roles[j] == .teaser || (roles[j] == .unknown && isDoubled(lines[j])) {
            if let t = doubledTitle(lines[j]) {
                var teaser = Teaser(title: t, summary: nil)
                if j + 1 < bodyEnd, roles[j + 1] == .unknown, lines[j + 1].isProse, !isDoubled(lines[j + 1]) {
                    teaser.summary = lines[j + 1].text
                    roles[j + 1] = .teaser
                }
                headerTeasers.append(teaser)
                headerKeys.append(TextFold.key(t))
                roles[j] = .teaser
            }
        }
        related = Self.dedupe(headerTeasers + related, keys: headerKeys + relatedKeys)

        // Captions found outside the body before it started (header photos).
        var early: [Caption] = []
        for j in 0..<min(bodyStart, lines.count) where roles[j] == .caption || (roles[j] == .unknown && captionOf(lines[j]) != nil) {
            if let c = captionOf(lines[j]), !early.contains(c), !captions.contains(c) { early.append(c) }
            roles[j] = .caption
        }
        captions = early + captions

        // 8. Whatever is left unclaimed was dropped: keep it for auditing.
        var boilerplate: [String] = []
        for j in lines.indices where roles[j] == .unknown || roles[j] == .boilerplate {
            boilerplate.append(lines[j].text)
        }

        // 9. Dates when the header gave none: the opening paragraphs.
        if article.dateText == nil {
            let extractor = DateExtractor()
            let opening = ([lede].compactMap { $0 } + Array(paragraphs.prefix(3)))
            var datelineText: [String] = []
            if let d = datelineIndex { datelineText = [lines[d].text] }
            var pageYearsCache: [Int]?
            let years: () -> [Int] = {
                if let cached = pageYearsCache { return cached }
                let y = extractor.pageYears(self.text)
                pageYearsCache = y
                return y
            }
            for chunk in datelineText + opening {
                if let found = extractor.proseDate(chunk, years: years) {
                    article.date = found.date; article.datetime = found.datetime
                    article.dateConfidence = found.confidence; article.dateText = found.text
                    break
                }
            }
        }

        // 10. Hints from a scraper win over what the page says.
        if let title = hints.title, !title.isEmpty { article.title = title; titleKey = nil }
        if let date = hints.date, !date.isEmpty {
            if let full = DateExtractor().firstFullDate(in: date) {
                article.date = full.iso
                article.datetime = full.time.map { "\(full.iso)T\($0)\(full.offset ?? "")" }
                article.dateConfidence = .explicit
                article.dateText = date
            }
        }
        if let source = hints.source, !source.isEmpty {
            let canonical = SourceCatalog.bundled.canonical(source) ?? source
            if !sources.contains(canonical) { sources.insert(canonical, at: 0) }
        }

        article.lede = lede ?? paragraphs.first
        article.paragraphs = paragraphs
        article.captions = captions
        article.related = related
        article.boilerplate = boilerplate
        article.sources = sources
        let bodyText = paragraphs.joined(separator: "\n")
        article.lang = hints.lang ?? LanguageDetector.detect(bodyText.isEmpty ? text : bodyText)
        article.wordCount = wordCount
        article.mentions = EntityRecognizer(dictionary: options.dictionary).recognize(paragraphs: paragraphs)
        article.id = ArticleID.make(titleKey: article.title.map { titleKey ?? TextFold.key($0) } ?? "",
                                    paragraphKeys: paragraphKeys, fallback: text)
        return article
    }

    // MARK: - Line tests

    private func isFurniture(_ line: PageLine) -> Bool {
        let f = line.folded
        if f.utf8.count <= Self.longestWidget, PagePhrases.widgets.contains(f) { return true }
        if line.words == 0 { return true }  // symbols only: "![]() |", "***"
        // An ASCII first byte other than a prefix's first byte rules the prefix out (`hasASCIIPrefix`).
        let first = f.utf8.first ?? 0
        if first == UInt8(ascii: "!") || first == UInt8(ascii: "[") || first >= 0x80,
           FastScan.hasASCIIPrefix(f, "![") || FastScan.hasASCIIPrefix(f, "[![") {
            return true
        }
        if line.words <= 3 && FastScan.contains(f, "](") { return true }
        if first == UInt8(ascii: "h") || first == UInt8(ascii: "w") || first >= 0x80,
           FastScan.hasASCIIPrefix(f, "http://") || FastScan.hasASCIIPrefix(f, "https://") || FastScan.hasASCIIPrefix(f, "www.") {
            return !f.contains(" ")
        }
        // Strong phrases count in lines of up to 40 words, the others in short lines that are not
        // prose; when both count, one pass looks for either.
        let strong = line.words <= 40
        let weak = line.words <= PagePhrases.furnitureMaxWords && !line.isProse
        if strong && weak {
            if Self.anyFurniture.occurs(in: f) { return true }
        } else if strong {
            if Self.strongFurniture.occurs(in: f) { return true }
        } else if weak {
            if Self.furniture.occurs(in: f) { return true }
        }
        if line.words <= 3, FastScan.hasASCIISuffix(f, ":"), !f.contains(" ") { return true }  // "Nguồn:", "Tags:"
        return false
    }

    private static let strongFurniture = PhraseMatcher(PagePhrases.strongFurniture)
    /// The longest widget line in UTF-8 bytes: longer lines need no set lookup (no hashing of long lines).
    private static let longestWidget = PagePhrases.widgets.map(\.utf8.count).max() ?? 0
    private static let furniture = PhraseMatcher(PagePhrases.furniture)
    /// `strongFurniture` and `furniture` together.
    private static let anyFurniture = PhraseMatcher(PagePhrases.strongFurniture + PagePhrases.furniture)

    private func isSectionBreak(_ line: PageLine) -> Bool {
        guard line.words <= 6 else { return false }
        var f = FastScan.trim(line.folded, " :.>»-–—|")
        if PagePhrases.sectionBreaks.contains(f) { return true }
        // Nothing but ’ itself matches ’ (it has no canonical equivalents): without its bytes the
        // replacement leaves `f` as it is.
        guard FastScan.firstOffset(of: "’", in: f) != nil else { return false }
        f = f.replacingOccurrences(of: "’", with: "'")
        return PagePhrases.sectionBreaks.contains(f)
    }

    private func breadcrumbSection(_ line: PageLine) -> String? {
        guard line.words <= 14, !line.endsSentence else { return nil }
        let f = line.folded
        // A prefix `start + separator` needs the prefix `start` (no separator joins the character before it).
        for (start, prefixes) in Self.breadcrumbPrefixes
        where FastScan.hasASCIIPrefix(f, start) && prefixes.contains(where: { f.hasPrefix($0) }) {
            let rest = String(line.text.unicodeScalars.dropFirst(start.unicodeScalars.count))
            let parts = rest.split(whereSeparator: { $0 == ">" || $0 == "»" || $0 == "/" || $0 == "|" || $0 == "›" })
                .map { FastScan.trim($0) }.filter { !$0.isEmpty }
            return parts.last
        }
        return nil
    }

    /// Each breadcrumb start with the prefixes it opens a breadcrumb with ("home ", "home>", "home/", "home»").
    private static let breadcrumbPrefixes: [(start: String, prefixes: [String])] =
        PagePhrases.breadcrumbStarts.map { start in (start, [" ", ">", "/", "»"].map { start + $0 }) }

    private func isCaption(_ line: PageLine) -> Bool { line.caption != nil || line.imageAlt }
    private func captionOf(_ line: PageLine) -> Caption? { line.caption }
    private func isImageAlt(_ line: PageLine) -> Bool { line.imageAlt }
    private func doubledTitle(_ line: PageLine) -> String? { line.doubled }




    private func isDoubled(_ line: PageLine) -> Bool { doubledTitle(line) != nil }

    /// `TextFold.key` of the title and of the lede (or first paragraph), trimmed of spaces and full
    /// stops: computed once per page, not once per line compared with them.
    private struct RepeatKeys {
        var title: String?
        var lede: String?
    }

    private static func repeatKey(_ s: String) -> String { FastScan.trim(TextFold.key(s), " .") }

    /// A line that repeats the headline or lede (a page often prints them twice).
    private func isRepeat(_ line: PageLine, _ repeats: RepeatKeys) -> Bool {
        guard line.folded.utf8.count >= 12, repeats.title != nil || repeats.lede != nil else { return false }
        // The line's key trimmed of spaces and full stops, as a slice (no copy): `==` on a slice is the
        // same canonical comparison as on a string.
        let folded = line.folded
        var kept = 0..<0
        TextFold.withUTF8(folded) { kept = FastScan.trimmedRange($0, 0..<$0.count, " .") }
        let utf8 = folded.utf8
        let f = folded[utf8.index(utf8.startIndex, offsetBy: kept.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: kept.upperBound)]
        if let title = repeats.title, title == f { return true }
        if let ledeKey = repeats.lede, line.words >= 6 {
            if ledeKey != f && FastScan.contains(ledeKey, f) { return true }
        }
        return false
    }

    /// Whether body prose (not a teaser's summary, a repeat or a caption) comes later in the story.
    private func realProseFollows(_ lines: [PageLine], _ roles: [Role], from start: Int, storyEnd: Int, repeats: RepeatKeys) -> Bool {
        var j = start
        var afterDoubled = true  // called on a doubled line: the next prose may be its summary
        while j < storyEnd {
            let line = lines[j]
            defer { j += 1 }
            if roles[j] == .boilerplate || isCaption(line) || isRepeat(line, repeats) { afterDoubled = false; continue }
            if isDoubled(line) { afterDoubled = true; continue }
            if bylines.creditLine(line) != nil || bylines.standaloneSignOff(line) != nil { return false }
            if line.isProse {
                if afterDoubled { afterDoubled = false; continue }
                return true
            }
            afterDoubled = false
        }
        return false
    }

    /// A headline-like line that opens another article: followed by a datelined summary
    /// ("VOV.VN - …"), or by the same headline again.
    private func startsTeaser(_ lines: [PageLine], at i: Int, storyEnd: Int, hasBody: Bool) -> Bool {
        guard hasBody, i + 1 < lines.count, lines[i].isTitleLike else { return false }
        return lines[i + 1].folded == lines[i].folded || isTeaserDatelined(lines[i + 1])
    }

    private func isTeaserDatelined(_ line: PageLine) -> Bool {
        guard let prefix = bylines.datelinePrefix(line.text) else { return false }
        return !prefix.sources.isEmpty || prefix.place != nil
    }

    /// A URL slug or image file name printed as text ("infographic lich su hinh thanh …").
    private func isSlug(_ line: PageLine) -> Bool {
        let scalars = line.text.unicodeScalars
        guard let first = scalars.first, !first.properties.isUppercase else { return false }
        return scalars.allSatisfy { $0.isASCII && ($0.properties.isLowercase || $0 == " " || $0 == "-" || $0.properties.numericType != nil) }
    }

    /// The teasers with one per title key (`keys[i]` is `TextFold.key` of `teasers[i].title`), the
    /// first of each with the first summary found.
    static func dedupe(_ teasers: [Teaser], keys: [String]) -> [Teaser] {
        var out: [Teaser] = []
        out.reserveCapacity(teasers.count)
        // A page has a handful of teasers: comparing keys with the few kept ones is cheaper than
        // hashing them, and a pre-sized dictionary serves long lists.
        let small = teasers.count <= 24
        var outKeys: [String] = []
        var index: [String: Int] = small ? [:] : Dictionary(minimumCapacity: teasers.count)
        for (t, key) in zip(teasers, keys) {
            let seen = small ? outKeys.firstIndex(of: key) : index[key]
            if let i = seen {
                if out[i].summary == nil { out[i].summary = t.summary }
                continue
            }
            if small { outKeys.append(key) } else { index[key] = out.count }
            out.append(t)
        }
        return out
    }
}
