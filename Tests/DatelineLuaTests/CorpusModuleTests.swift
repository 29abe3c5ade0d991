import DatelineLua
import DatelineStore
import Foundation
import XCTest

/// Every `corpus` function and article field/method called from Lua on the ingested seeds.
/// Expected values come from the store's Swift API (the source of truth) and from the seed texts.
final class CorpusModuleTests: XCTestCase {
    var seeds: SeedCorpus!
    var engine: LuaEngine!
    var output: OutputCapture!

    /// The VOV seed (seeds/001_...): its title, and facts read off its text.
    let vovTitle = "Vietnamese President highlights special solidarity with Laos"

    override func setUpWithError() throws {
        seeds = try SeedCorpus()
        (engine, output) = try seeds.engine()
    }

    override func tearDown() {
        engine = nil
        output = nil
        seeds = nil
    }

    private func eval(_ code: String) throws -> LuaValue { try engine.value(code) }

    private var vovID: String {
        get throws {
            let rows = try seeds.store.articles().filter { $0.title == vovTitle }
            XCTAssertEqual(rows.count, 1)
            return rows.first?.id ?? ""
        }
    }

    // MARK: count and filters

    func testCountWithFilters() throws {
        let store = seeds.store
        XCTAssertEqual(try eval("return corpus.count()"), .int(try store.count()))
        XCTAssertEqual(try eval("return corpus.count()"), 5)
        XCTAssertEqual(try eval(#"return corpus.count{lang = "en"}"#), 4)
        XCTAssertEqual(try eval(#"return corpus.count{lang = "vi"}"#), 1)
        XCTAssertEqual(try eval(#"return corpus.count{source = "vna"}"#), 2)  // case-insensitive; VNA and VNA|VNS
        XCTAssertEqual(try eval(#"return corpus.count{source = "VOV", lang = "en"}"#), 1)
        XCTAssertEqual(try eval(#"return corpus.count{mentions = "to lam"}"#), .int(try store.articleIDs(mentioning: "Tô Lâm").count))
        XCTAssertEqual(try eval(#"return corpus.count{search = "solidarity"}"#), .int(try store.count(ArticleQuery(search: "solidarity"))))
        XCTAssertEqual(try eval(#"return corpus.count{since = "2026-01-01", before = "2026-02-01"}"#), 1)
        XCTAssertEqual(try eval(#"return corpus.count{include_duplicates = true, limit = 3}"#), 3)
        let long = try store.articles().filter { $0.wordCount > 600 }.count
        XCTAssertEqual(try eval("return corpus.count{where = function(a) return a.word_count > 600 end}"), .int(long))
        XCTAssertEqual(try eval(#"return corpus.count{lang = "en", where = function(a) return a:contains("strategic cohesion") end}"#), 2)
    }

    func testFilterErrorsNameTheKey() throws {
        func message(_ code: String) -> String { engine.failure(code)?.message ?? "(no error)" }
        XCTAssertEqual(message(#"corpus.count{langs = "vi"}"#),
                       "(command line):1: bad argument #1 to 'corpus.count' (unknown filter key 'langs' (known: before, include_duplicates, lang, limit, mentions, order, search, since, source, tag, where))")
        XCTAssertEqual(message("corpus.articles{lang = 5}"),
                       "(command line):1: bad argument #1 to 'corpus.articles' (filter 'lang' must be a string, got number)")
        XCTAssertEqual(message("corpus.count{where = true}"),
                       "(command line):1: bad argument #1 to 'corpus.count' (filter 'where' must be a function, got boolean)")
        XCTAssertEqual(message("corpus.count{include_duplicates = 'yes'}"),
                       "(command line):1: bad argument #1 to 'corpus.count' (filter 'include_duplicates' must be a boolean, got string)")
        XCTAssertEqual(message("corpus.count{limit = -1}"),
                       "(command line):1: bad argument #1 to 'corpus.count' (filter 'limit' must be a non-negative integer, got -1.0)")
        XCTAssertEqual(message("corpus.count{order = 'random'}"),
                       "(command line):1: bad argument #1 to 'corpus.count' (filter 'order' must be \"date\" or \"ingest\", got \"random\")")
        XCTAssertEqual(message("corpus.count{'vi'}"),
                       "(command line):1: bad argument #1 to 'corpus.count' (filter must be a table of named keys (lang, source, ...), not a list)")
        XCTAssertEqual(message("corpus.count('vi')"),
                       "(command line):1: bad argument #1 to 'corpus.count' (filter table expected, got string)")
    }

    // MARK: articles

    func testArticlesStreamInDateOrder() throws {
        let ids = try seeds.store.articles().map { LuaValue.string($0.id) }
        XCTAssertEqual(try eval("local ids = list() for a in corpus.articles() do ids[#ids + 1] = a.id end return ids"), .list(ids))
        let ingest = try seeds.store.articles(ArticleQuery(order: .ingest)).map { LuaValue.string($0.id) }
        XCTAssertEqual(try eval("local ids = {} for a in corpus.articles{order = 'ingest'} do ids[#ids + 1] = a.id end return ids"), .list(ingest))
        XCTAssertEqual(try eval("local n = 0 for a in corpus.articles{lang = 'vi'} do n = n + 1 assert(a.lang == 'vi') end return n"), 1)
    }

    func testScalarFields() throws {
        let id = try vovID
        guard let row = try seeds.store.row(id: id) else { return XCTFail("no row") }
        try engine.run(code: "a = corpus.get('\(id)')")
        XCTAssertEqual(try eval("return a.id"), .string(id))
        XCTAssertEqual(try eval("return a.title"), .string(vovTitle))
        XCTAssertEqual(try eval("return a.lang"), "en")
        XCTAssertEqual(try eval("return a.sources"), ["VOV"])
        XCTAssertEqual(try eval("return a.date"), "2026-01-26")
        XCTAssertEqual(try eval("return a.date_confidence"), "inferred")
        XCTAssertEqual(try eval("return a.date_text"), row.dateText.map(LuaValue.string) ?? .nil)
        XCTAssertEqual(try eval("return a.word_count"), .int(row.wordCount))
        XCTAssertEqual(try eval("return #a"), .int(row.wordCount))
        XCTAssertEqual(try eval("return a.body"), .string(row.body))
        XCTAssertEqual(try eval("return #a.paragraphs"), .int(row.paragraphs.count))
        XCTAssertEqual(try eval("return a.paragraphs[1]"), .string(row.paragraphs[0]))
        XCTAssertEqual(try eval("return a.text:sub(1, #a.title)"), .string(vovTitle))
        XCTAssertEqual(try eval("return a.path:match('[^/]+$')"), "001_4031c5c2d2f7b495.txt")
        XCTAssertEqual(try eval("return a.duplicate_of"), .nil)
        XCTAssertEqual(try eval("return a.no_such_field"), .nil)
        XCTAssertEqual(try eval("return a.paragraphs:map(function(p) return #p end)[1]"), .int(row.paragraphs[0].utf8.count))
        // Cached: the same table on the second access.
        XCTAssertEqual(try eval("return rawequal(a.paragraphs, a.paragraphs)"), true)
    }

    func testLazyChildren() throws {
        let id = try vovID
        let store = seeds.store
        try engine.run(code: "a = corpus.get('\(id)')")
        let mentions = try store.mentions(articleID: id)
        XCTAssertEqual(try eval("return #a.mentions"), .int(mentions.count))
        XCTAssertEqual(try eval("local m = a.mentions[1] return {m.name, m.kind, m.text, m.paragraph, m.offset}"),
                       [.string(mentions[0].name), .string(mentions[0].kind.rawValue), .string(mentions[0].text),
                        .int(mentions[0].paragraph + 1), .int(mentions[0].offset)])
        // The mention's paragraph index points into a.paragraphs at its offset.
        XCTAssertEqual(try eval("local m = a.mentions[1] return utf8.char(utf8.codepoint(a.paragraphs[m.paragraph], utf8.offset(a.paragraphs[m.paragraph], m.offset + 1))) == m.text:sub(1, 1)"), true)
        var people: [String] = []
        for m in mentions where m.kind == .person && !people.contains(m.name) { people.append(m.name) }
        XCTAssertEqual(try eval("return a.people"), .list(people.map(LuaValue.string)))
        XCTAssertEqual(try eval("return a.people[1]"), "Luong Cuong")
        XCTAssertEqual(try eval("return #a.places + #a.organizations + #a.people <= #a.mentions"), true)
        XCTAssertEqual(try eval("return #a.captions"), .int(try store.captions(articleID: id).count))
        XCTAssertEqual(try eval("return a.captions[1].text"), .string(try store.captions(articleID: id)[0].text))
        XCTAssertEqual(try eval("return #a.related"), .int(try store.related(articleID: id).count))
        XCTAssertEqual(try eval("return next(a.tags)"), .nil)
    }

    func testMethods() throws {
        try engine.run(code: "a = corpus.get('\(try vovID)')")
        // The VOV seed's body says "strategic cohesion" three times (checked with grep on the page).
        XCTAssertEqual(try eval("return a:count('strategic cohesion')"), 3)
        XCTAssertEqual(try eval("return a:count('STRATEGIC   Cohesion')"), 3)
        XCTAssertEqual(try eval("return a:contains('special solidarity')"), true)
        XCTAssertEqual(try eval("return a:contains('solid')"), false)
        XCTAssertEqual(try eval("local h = a:kwic('strategic cohesion', 30) return {#h, h[1].match, h[1].id}"),
                       [3, "strategic cohesion", .string(try vovID)])
        XCTAssertEqual(try eval("local h = a:kwic('strategic cohesion') return a.text:sub(h[2].start, h[2].stop)"), "strategic cohesion")
        XCTAssertEqual(try eval("return a:sentences()[1]"),
                       "President Luong Cuong received General Secretary of the Lao People’s Revolutionary Party (LPRP) and President Thongloun Sisoulith on January 26, at the Presidential Palace in Hanoi.")
        XCTAssertEqual(try eval("return #a:tokens() == text.word_count(a.body) and #a:tokens() > 700"), true)
        XCTAssertEqual(try eval("return a:tokens{lower = true, stopwords = true}:take(3)"), ["president", "luong", "cuong"])
        XCTAssertEqual(try eval("return a:tokens{fold = true}:find(function(w) return w == 'lprp' end)"), "lprp")
        XCTAssertEqual(engine.failure("a:tokens{lang = 'vi'}")?.message.contains("unknown option 'lang'"), true)
    }

    func testToStringEqualityLengthPairs() throws {
        let id = try vovID
        try engine.run(code: "a = corpus.get('\(id)') b = corpus.get('\(id.prefix(8))')")
        XCTAssertEqual(try eval("return tostring(a)"), .string("\(id)  2026-01-26  VOV  \(vovTitle)"))
        XCTAssertEqual(try eval("return a == b, rawequal(a, b)"), true)
        XCTAssertEqual(try eval("local n = 0 for a2 in corpus.articles() do if a2 == a then n = n + 1 end end return n"), 1)
        XCTAssertEqual(try eval("local t = {} for k, v in pairs(a) do t[k] = v end return {t.title, t.word_count, #t.paragraphs, type(t.mentions)}"),
                       [.string(vovTitle), .int(try seeds.store.row(id: id)?.wordCount ?? -1), .int(try seeds.store.row(id: id)?.paragraphs.count ?? -1), "table"])
        XCTAssertEqual(try eval("local names = list() for k in pairs(a) do names[#names + 1] = k end table.sort(names) return names:find(function(k) return k == 'body' end)"), "body")
        XCTAssertEqual(engine.failure("a.title = 'x'")?.kind, .script)
    }

    func testGet() throws {
        let id = try vovID
        XCTAssertEqual(try eval("return corpus.get('\(id)').id"), .string(id))
        XCTAssertEqual(try eval("return corpus.get('\(id.prefix(6))').id"), .string(id))
        XCTAssertEqual(try eval("return corpus.get('\(SeedCorpus.seedsFolder)/001_4031c5c2d2f7b495.txt').id"), .string(id))
        XCTAssertEqual(try eval("return corpus.get('ffffffffffff')"), .nil)
        let ids = try seeds.store.articles().map(\.id)
        let shared = ids.map { $0.prefix(1) }
        if let prefix = shared.first(where: { p in shared.filter { $0 == p }.count > 1 }) {
            let message = engine.failure("corpus.get('\(prefix)')")?.message ?? ""
            XCTAssertTrue(message.hasPrefix("(command line):1: corpus.get: '\(prefix)' matches several articles"), message)
        }
        XCTAssertEqual(engine.failure("corpus.get()")?.message, "(command line):1: bad argument #1 to 'corpus.get' (string expected, got no value)")
    }

    func testTagPersists() throws {
        let id = try vovID
        try engine.run(code: "a = corpus.get('\(id)') assert(next(a.tags) == nil) a:tag('topic', 'defence') a:tag('reviewed')")
        XCTAssertEqual(try seeds.store.tags(articleID: id), ["topic": "defence", "reviewed": ""])
        XCTAssertEqual(try eval("return a.tags.topic"), "defence")  // the cached tags were refreshed
        XCTAssertEqual(try eval("return corpus.count{tag = 'topic=defence'}"), 1)
        XCTAssertEqual(try eval("return corpus.count{tag = 'reviewed'}"), 1)
        XCTAssertEqual(try eval("return corpus.get('\(id)').tags.reviewed"), "")
        try engine.run(code: "a:tag('topic', false)")
        XCTAssertEqual(try seeds.store.tags(articleID: id), ["reviewed": ""])
        XCTAssertEqual(try eval("return corpus.count{tag = 'topic'}"), 0)
        XCTAssertEqual(engine.failure("a:tag('')")?.message, "(command line):1: bad argument #2 to 'Article:tag' (tag key must not be empty)")
    }

    // MARK: search, entities, sources, languages

    func testSearch() throws {
        let expected = try seeds.store.search("\"strategic cohesion\"")
        XCTAssertEqual(expected.count, 2)
        XCTAssertEqual(try eval(#"return corpus.search('"strategic cohesion"'):map(function(h) return h.id end)"#),
                       .list(expected.map { .string($0.id) }))
        XCTAssertEqual(try eval(#"local h = corpus.search('"strategic cohesion"')[1] return {h.marked:lower():find("[strategic cohesion]", 1, true) ~= nil, h.score > 0, type(h.snippet), #h.sources > 0}"#),
                       [true, true, "string", true])
        XCTAssertEqual(try eval(#"return #corpus.search("solidarity", {limit = 1})"#), 1)
        XCTAssertEqual(try eval(#"return #corpus.search("zzzzqqq")"#), 0)
        XCTAssertEqual(engine.failure("corpus.search('x', {top = 1})")?.message.contains("unknown option 'top'"), true)
    }

    func testEntities() throws {
        let people = try seeds.store.entities(kind: .person)
        XCTAssertEqual(try eval("return #corpus.entities{kind = 'person'}"), .int(people.count))
        XCTAssertEqual(try eval("local e = corpus.entities{kind = 'person', limit = 1}[1] return {e.name, e.kind, e.articles, e.mentions}"),
                       [.string(people[0].name), "person", .int(people[0].articleCount), .int(people[0].mentionCount)])
        XCTAssertEqual(try eval("return corpus.entities{kind = 'person'}:find(function(e) return e.name == 'Tô Lâm' end).aliases"), ["Lâm", "To Lam"])
        XCTAssertEqual(try eval("return #corpus.entities()"), .int(try seeds.store.entities().count))
        XCTAssertEqual(try eval("return #corpus.entities{kind = 'place', limit = 2}"), 2)
        XCTAssertEqual(engine.failure("corpus.entities{kind = 'people'}")?.message,
                       "(command line):1: bad argument #1 to 'corpus.entities' (option 'kind' must be \"person\", \"organization\" or \"place\", got \"people\")")
    }

    func testSourcesAndLanguages() throws {
        XCTAssertEqual(try eval("return corpus.sources():map(function(s) return s.name .. '=' .. s.count end)"),
                       ["VNA=2", "VNS=2", "Nhân Dân=1", "VOV=1"])
        XCTAssertEqual(try eval("return corpus.languages():map(function(s) return s.name .. '=' .. s.count end)"), ["en=4", "vi=1"])
    }

    func testHelpDocumentsTheModule() throws {
        try engine.run(code: "help(corpus.articles)")
        XCTAssertTrue(output.text.hasPrefix("corpus.articles([filter]) -> iterator\n"), output.text)
        try engine.run(code: "help(stats)")
        XCTAssertTrue(output.text.contains("stats.keyness(target_filter"), output.text)
    }
}
