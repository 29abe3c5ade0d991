import DatelineLua
import Foundation
import XCTest

/// Every `stats` function called from Lua. Corpus results on the seeds are checked against
/// independent counts made in Lua with `a:count` / `text.word_count` and the published formulas.
final class StatsModuleTests: XCTestCase {
    var seeds: SeedCorpus!
    var engine: LuaEngine!

    override func setUpWithError() throws {
        seeds = try SeedCorpus()
        engine = try seeds.engine().0
    }

    override func tearDown() {
        engine = nil
        seeds = nil
    }

    private func eval(_ code: String) throws -> LuaValue { try engine.value(code) }

    private func number(_ code: String) throws -> Double {
        let value = try eval(code)
        guard let d = value.doubleValue else { XCTFail("not a number: \(value)"); return .nan }
        return d
    }

    // MARK: counter and crosstab

    func testCounter() throws {
        XCTAssertEqual(try eval("""
        local c = stats.counter()
        for w in ("b a c a b a"):gmatch("%S+") do c:add(w) end
        c:add("d", 5)
        return {c:get("a"), c:get("b"), c:get("zzz"), c:total(), #c}
        """), [3, 2, 0, 11, 4])
        // Most frequent first; ties in key order.
        XCTAssertEqual(try eval("""
        local c = stats.counter({"x", "y", "x", "z", "y"})
        return c:top():map(function(t) return t.key .. "=" .. t.count end)
        """), ["x=2", "y=2", "z=1"])
        XCTAssertEqual(try eval("local c = stats.counter() c:update({1, 2, 2}) return c:top(1)[1].key"), 2)
        XCTAssertEqual(try eval("local c = stats.counter({'a', 'a'}) local t = {} for k, v in pairs(c) do t[k] = v end return t.a"), 2)
        XCTAssertEqual(try eval("return tostring(stats.counter({'a', 'b', 'a'}))"), "Counter(2 keys, total 3)")
        XCTAssertEqual(engine.failure("stats.counter():add({})")?.message,
                       "(command line):1: bad argument #2 to 'Counter:add' (string, number or boolean key expected, got table)")
    }

    func testCrosstabOfAList() throws {
        XCTAssertEqual(try eval("""
        local items = {
          {src = "A", lang = "en"}, {src = "A", lang = "vi"}, {src = "B", lang = "en"}, {src = "A", lang = "en"},
          {lang = "en"},  -- no row key: skipped
        }
        local t = stats.crosstab(items, "src", function(i) return i.lang end)
        return {t.total, t.counts.A.en, t.counts.A.vi, t.counts.B.en, t.counts.B.vi or 0,
                t.row_totals.A, t.column_totals.en, t.rows:join(), t.columns:join()}
        """), [4, 2, 1, 1, 0, 3, 3, "A, B", "en, vi"])
    }

    func testCrosstabOfArticles() throws {
        // Sources x language: the VNA|VNS article counts under both sources (6 cells from 5 articles).
        XCTAssertEqual(try eval("""
        local t = stats.crosstab(corpus.articles(), "sources", "lang")
        return {t.total, t.counts.VNA.en, t.counts.VNS.en, t.counts["Nhân Dân"].vi, t.rows:join(), t.columns:join()}
        """), [6, 2, 2, 1, "VNA, VNS, Nhân Dân, VOV", "en, vi"])
        // A plain iterator function works too, and list-valued keys count once per element.
        XCTAssertEqual(try eval("""
        local rows, i = {{tags = {"x", "y"}, k = 1}, {tags = {"x"}, k = 1}}, 0
        local function next_row() i = i + 1 return rows[i] end
        local t = stats.crosstab(next_row, "tags", "k")
        return {t.counts.x["1"], t.counts.y["1"], t.total}
        """), [2, 1, 3])
        XCTAssertEqual(engine.failure("stats.crosstab({}, 1, 'x')")?.message,
                       "(command line):1: bad argument #2 to 'stats.crosstab' (field name or function expected, got number)")
        XCTAssertEqual(engine.failure("stats.crosstab({{a = 1}}, 'a', function() error('key failed') end)")?.message,
                       "(command line):1: key failed")
    }

    // MARK: collocations

    func testCollocationsAgainstIndependentCounts() throws {
        try engine.run(code: """
        top = stats.collocations("solidarity", {window = 5, min_freq = 2, measure = "logdice"})
        special = top:find(function(c) return c.word == "special" end)
        fx, fy, n = 0, 0, 0
        for a in corpus.articles() do
          fx = fx + a:count("solidarity")
          fy = fy + a:count("special")
          n = n + text.word_count(a.text)
        end
        """)
        XCTAssertEqual(try eval("return top[1].word"), "special")
        XCTAssertEqual(try eval("return special.f_x == fx and special.f_y == fy"), true)
        XCTAssertEqual(try eval("return special.f_xy"), 9)  // "special solidarity" x8 and "solidarity ... special" once
        // logDice = 14 + log2(2 f_xy / (f_x + f_y))
        XCTAssertEqual(try number("return special.score"), try number("return 14 + math.log(2 * 9 / (fx + fy), 2)"), accuracy: 1e-9)
        // MI with N = all tokens: log2(f_xy N / (f_x f_y))
        XCTAssertEqual(try number("return stats.collocations('solidarity', {measure = 'mi', min_freq = 9})[1].score"),
                       try number("return math.log(9 * n / (fx * fy), 2)"), accuracy: 1e-9)
        // t-score = (f_xy - f_x f_y / N) / sqrt(f_xy)
        XCTAssertEqual(try number("return stats.collocations('solidarity', {measure = 'tscore', min_freq = 9})[1].score"),
                       try number("return (9 - fx * fy / n) / math.sqrt(9)"), accuracy: 1e-9)
        // Stopwords are not collocates by default; with stopwords = true "and" is among them.
        XCTAssertEqual(try eval("return top:find(function(c) return c.word == 'and' end)"), .nil)
        XCTAssertEqual(try eval("return stats.collocations('solidarity', {stopwords = true, top = 1000}):find(function(c) return c.word == 'and' end) ~= nil"), true)
        // A filter narrows the articles: only the VOV article.
        XCTAssertEqual(try eval("return stats.collocations('solidarity', {filter = {source = 'VOV'}, min_freq = 1})[1].f_x"), 6)
        XCTAssertEqual(engine.failure("stats.collocations('x', {measure = 'pmi'})")?.message,
                       "(command line):1: bad argument #2 to 'stats.collocations' (option 'measure' must be one of \"mi\", \"llr\", \"tscore\", \"logdice\", \"dice\", got \"pmi\")")
        XCTAssertEqual(engine.failure("stats.collocations('x', {window = 0})")?.message,
                       "(command line):1: bad argument #2 to 'stats.collocations' (option 'window' must be at least 1, got 0)")
        XCTAssertEqual(engine.failure("stats.collocations('x', {filter = {lang = 1}})")?.message,
                       "(command line):1: bad argument #3 to 'stats.collocations' (filter 'lang' must be a string, got number)")
    }

    // MARK: keyness

    func testKeynessAgainstTheFormula() throws {
        try engine.run(code: """
        local function vna(a) for _, s in ipairs(a.sources) do if s == "VNA" then return true end end return false end
        target = {source = "VNA", lang = "en"}
        reference = {lang = "en", where = function(a) return not vna(a) end}
        words = stats.keyness(target, reference, {top = 100})
        defence = words:find(function(k) return k.word == "defence" end)
        -- Word tokens (a hyphenated "defence-security" is one token, not an occurrence of "defence").
        function occurrences(x, word)
          local n = 0
          for _, w in ipairs(text.tokens(x.text, {lower = true})) do if w == word then n = n + 1 end end
          return n
        end
        -- Corpus sizes: word tokens with a letter (numbers are not words).
        function words_of(x)
          local n = 0
          for _, w in ipairs(text.tokens(x.text)) do if not w:match("^[%d%.,%-]+$") then n = n + 1 end end
          return n
        end
        a_, b_, c_, d_ = 0, 0, 0, 0
        for x in corpus.articles(target) do a_ = a_ + occurrences(x, "defence") c_ = c_ + words_of(x) end
        for x in corpus.articles(reference) do b_ = b_ + occurrences(x, "defence") d_ = d_ + words_of(x) end
        """)
        XCTAssertEqual(try eval("return {defence.target, defence.reference}"), try eval("return {a_, b_}"))
        XCTAssertEqual(try eval("return {defence.target, defence.reference}"), [9, 1])
        // LL = 2 (a ln(a/E1) + b ln(b/E2)), E1 = c (a+b)/(c+d), E2 = d (a+b)/(c+d)
        XCTAssertEqual(try number("return defence.score"), try number("""
        local e1, e2 = c_ * (a_ + b_) / (c_ + d_), d_ * (a_ + b_) / (c_ + d_)
        return 2 * (a_ * math.log(a_ / e1) + b_ * math.log(b_ / e2))
        """), accuracy: 1e-9)
        XCTAssertEqual(try number("return defence.log_ratio"), try number("return math.log((a_ / c_) / (b_ / d_), 2)"), accuracy: 1e-9)
        // Sorted by score; every keyword is relatively more frequent in the target.
        XCTAssertEqual(try eval("for i = 2, #words do if words[i].score > words[i - 1].score then return false end end return true"), true)
        XCTAssertEqual(try eval("for _, k in ipairs(words) do if k.log_ratio <= 0 or k.target < 3 then return false end end return true"), true)
        // chi2 gives the same words in a possibly different order; negative = underused words.
        XCTAssertEqual(try eval("return #stats.keyness(target, reference, {measure = 'chi2', top = 100}) == #words"), true)
        XCTAssertEqual(try eval("for _, k in ipairs(stats.keyness(target, reference, {negative = true})) do if k.log_ratio >= 0 then return false end end return true"), true)
        // A nil reference: the rest of the corpus.
        XCTAssertEqual(try eval("return stats.keyness({source = 'VNA'}, nil, {top = 100}):find(function(k) return k.word == 'defence' end).reference"),
                       try eval("local n = 0 for x in corpus.articles() do if not (x.sources[1] == 'VNA' or x.sources[2] == 'VNA') then n = n + occurrences(x, 'defence') end end return n"))
        XCTAssertEqual(engine.failure("stats.keyness({source = 'nobody'})")?.message,
                       "(command line):1: bad argument #1 to 'stats.keyness' (the target filter matches no words)")
    }

    // MARK: cooccurrence

    func testCooccurrenceMatchesPairsCountedInLua() throws {
        let expected = try eval("""
        local counts = {}
        for a in corpus.articles() do
          local people = a.people
          for i = 1, #people do for j = i + 1, #people do
            local x, y = people[i], people[j]
            if y < x then x, y = y, x end
            counts[x .. "|" .. y] = (counts[x .. "|" .. y] or 0) + 1
          end end
        end
        local n, total = 0, 0
        for _, c in pairs(counts) do n = n + 1 total = total + c end
        return {n, total}
        """)
        XCTAssertEqual(try eval("""
        local p = stats.cooccurrence{kind = "person"}
        local total = 0
        for _, x in ipairs(p) do total = total + x.count assert(x.a < x.b) end
        return {#p, total}
        """), expected)
        XCTAssertEqual(try eval("return #stats.cooccurrence{kind = 'person', top = 3}"), 3)
        XCTAssertEqual(try eval("return #stats.cooccurrence{kind = 'person', unit = 'paragraph'} <= #stats.cooccurrence{kind = 'person'}"), true)
        XCTAssertEqual(try eval("return #stats.cooccurrence{kind = 'any'} > #stats.cooccurrence{kind = 'person'}"), true)
        XCTAssertEqual(try eval("return #stats.cooccurrence{filter = {lang = 'vi'}}"), 10)  // 5 people in the Nhân Dân article: C(5,2)
        XCTAssertEqual(engine.failure("stats.cooccurrence{unit = 'sentence'}")?.message,
                       "(command line):1: bad argument #1 to 'stats.cooccurrence' (option 'unit' must be \"article\" or \"paragraph\", got \"sentence\")")
    }

    // MARK: timeseries

    func testTimeseries() throws {
        // Dated seeds: 2022-12-08 (Nhân Dân), 2026-01-26 (VOV), 2026-02-05 (VNA); months 2022-12 .. 2026-02 = 39.
        XCTAssertEqual(try eval("return #stats.timeseries()"), 39)
        XCTAssertEqual(try eval("""
        local s = stats.timeseries(nil, {by = "month"})
        local out = {}
        for _, p in ipairs(s) do if p.count > 0 then out[#out + 1] = p.period .. "=" .. p.count end end
        return out
        """), ["2022-12=1", "2026-01=1", "2026-02=1"])
        XCTAssertEqual(try eval("""
        local out = {}
        for _, p in ipairs(stats.timeseries({lang = "en"}, {by = "week", mentions = "to lam"})) do out[#out + 1] = p.period .. "=" .. p.count .. "/" .. p.articles end
        return out
        """), ["2026-W05=1/1", "2026-W06=1/1"])
        // A term: occurrences; normalized per 10,000 words of the period.
        XCTAssertEqual(try eval("local s = stats.timeseries(nil, {by = 'day', term = 'strategic cohesion'}) return {#s > 1000, s[#s].count}"), [true, 0])
        XCTAssertEqual(try eval("""
        local s = stats.timeseries({since = "2026-01"}, {by = "month", term = "special solidarity", normalize = true})
        local a = corpus.get(corpus.search("Vietnamese President highlights")[1].id)
        return {s[1].period, s[1].count, math.abs(s[1].value - s[1].count * 10000 / text.word_count(a.text)) < 1e-9}
        """), ["2026-01", 5, true])
        XCTAssertEqual(try eval("return stats.timeseries(nil, {normalize = true})[1].value"), 1.0)
        XCTAssertEqual(engine.failure("stats.timeseries(nil, {by = 'year'})")?.message,
                       "(command line):1: bad argument #2 to 'stats.timeseries' (option 'by' must be one of \"day\", \"week\", \"month\", got \"year\")")
        XCTAssertEqual(engine.failure("stats.timeseries(nil, {term = 'a', mentions = 'b'})")?.message,
                       "(command line):1: bad argument #2 to 'stats.timeseries' (give either 'term' or 'mentions', not both)")
    }

    /// Without a `where` predicate, timeseries and cooccurrence are answered by SQL aggregates; with
    /// one (here always true) they scan the articles. Both must give the same answer.
    func testAggregatesAgreeWithTheArticleScan() throws {
        try engine.run(code: """
        function same(a, b)
          if type(a) ~= type(b) then return false end
          if type(a) ~= "table" then return a == b end
          for k, v in pairs(a) do if not same(v, b[k]) then return false end end
          for k in pairs(b) do if a[k] == nil then return false end end
          return true
        end
        all = function() return true end
        """)
        for options in ["{by = 'month'}", "{by = 'week', normalize = true}", "{by = 'day', mentions = 'Tô Lâm'}",
                        "{by = 'month', mentions = 'to lam', normalize = true}"] {
            for filter in ["{}", "{lang = 'en'}", "{source = 'VNA', include_duplicates = true}", "{since = '2026-01'}"] {
                let scanned = filter == "{}" ? "{where = all}" : String(filter.dropLast()) + ", where = all}"
                XCTAssertEqual(try eval("return same(stats.timeseries(\(filter), \(options)), stats.timeseries(\(scanned), \(options)))"),
                               true, "timeseries(\(filter), \(options))")
            }
        }
        XCTAssertEqual(try eval("return #stats.timeseries({lang = 'en'}, {by = 'day'}) > 0"), true)
        for options in ["kind = 'person'", "kind = 'any'", "kind = 'place', unit = 'paragraph'", "kind = 'organization', min_count = 1"] {
            for filter in ["{}", "{lang = 'en'}", "{mentions = 'Tô Lâm'}"] {
                let scanned = filter == "{}" ? "{where = all}" : String(filter.dropLast()) + ", where = all}"
                XCTAssertEqual(try eval("""
                return same(stats.cooccurrence{\(options), filter = \(filter)}, stats.cooccurrence{\(options), filter = \(scanned)})
                """), true, "cooccurrence{\(options), filter = \(filter)}")
            }
        }
        XCTAssertEqual(try eval("return #stats.cooccurrence{kind = 'any'} > 0"), true)
    }

    // MARK: dispersion

    func testDispersion() throws {
        try engine.run(code: "d = stats.dispersion('special solidarity')")
        XCTAssertEqual(try eval("return {d.term, d.total, d.parts, d.hits}"), ["special solidarity", 9, 5, 3])
        XCTAssertEqual(try eval("local n = 0 for a in corpus.articles() do n = n + a:count('special solidarity') end return n"), 9)
        // Recompute both measures from the per-article counts.
        guard case .list(let parts) = try eval("return d.per_article") else { return XCTFail("per_article") }
        let counts = parts.map { $0["count"].doubleValue ?? -1 }
        let sizes = parts.map { $0["words"].doubleValue ?? -1 }
        XCTAssertEqual(try number("return d.juilland_d"), Dispersion.juillandD(counts: counts, sizes: sizes) ?? -1, accuracy: 1e-12)
        XCTAssertEqual(try number("return d.dp"), Dispersion.deviationOfProportions(counts: counts, sizes: sizes) ?? -1, accuracy: 1e-12)
        // By hand from the same numbers: D = 1 - (σ/μ)/sqrt(n-1) over relative frequencies.
        let relative = zip(counts, sizes).map { $0 / $1 }
        let mean = relative.reduce(0, +) / 5
        let sd = (relative.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 5).squareRoot()
        XCTAssertEqual(try number("return d.juilland_d"), 1 - (sd / mean) / 2, accuracy: 1e-12)  // sqrt(5 - 1) = 2
        XCTAssertEqual(try eval("return stats.dispersion('zzzz').juilland_d"), .nil)
        XCTAssertEqual(try eval("return stats.dispersion('solidarity', {source = 'VOV'}).parts"), 1)
        XCTAssertEqual(engine.failure("stats.dispersion('  ')")?.message,
                       "(command line):1: bad argument #1 to 'stats.dispersion' (term must contain a word)")
    }
}
