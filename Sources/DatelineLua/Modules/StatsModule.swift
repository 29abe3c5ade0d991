import CLua
import DatelineCore
import DatelineStore
import Foundation

extension LuaModule {
    /// `stats`: counters, cross-tabulation and corpus-linguistics statistics over the corpus.
    public static let stats = LuaModule(
        name: "stats",
        summary: "Counting and corpus statistics: counters, crosstabs, collocations, keyness, co-occurrence, time series, dispersion.",
        details: """
        Functions that take a `filter` use the same filter tables as `corpus.articles` (see `corpus`). Words are \
        the tokens of `text.tokens`, lower-cased, taken from each article's title, lede and paragraphs (windows \
        never cross a paragraph). Formulas (f_xy co-occurrences, f_x node and f_y collocate frequency, N tokens): \
        MI = log2(f_xy N / (f_x f_y)); t-score = (f_xy - f_x f_y / N) / sqrt(f_xy); Dice = 2 f_xy / (f_x + f_y); \
        logDice = 14 + log2(Dice) (Rychlý 2008); log-likelihood G² = 2 Σ O ln(O/E) over the 2x2 table (Dunning \
        1993); keyness log-likelihood per Rayson & Garside (2000) and Pearson's χ² (no continuity correction).
        """,
        functions: [
            LuaFunction(
                "counter", signature: "stats.counter([list]) -> Counter",
                summary: "A frequency counter: c:add(key [, n]), c:update(list), c:get(key), c:total(), c:top([n]) -> {{key, count}}.",
                details: "Keys are strings, numbers or booleans. `c:top(n)` lists the n most frequent keys (all without n), ties in key order. `#c` is the number of distinct keys; `pairs(c)` walks key -> count. A list argument is added with `update`.",
                example: "local c = stats.counter()\nfor w in (\"a b a\"):gmatch(\"%S+\") do c:add(w) end\nprint(c:get(\"a\"), c:total(), c:top(1)[1].key)  --> 2  3  a",
                body: counter
            ),
            LuaFunction(
                "crosstab", signature: "stats.crosstab(items, row_key, column_key) -> {rows, columns, counts, row_totals, column_totals, total}",
                summary: "Counts items by two keys: a table of counts[row][column].",
                details: """
                `items` is a list, an iterator (e.g. `corpus.articles{...}`) or any function returning the next item \
                (nil at the end). `row_key`/`column_key` are field names or functions of the item; a key that is a \
                list (e.g. `a.people`) counts the item once under each element, nil skips it. `rows` and `columns` \
                are lists of keys, largest total first; `counts[r][c]` is nil for empty cells.
                """,
                example: "local t = stats.crosstab(corpus.articles(), function(a) return a.sources end, \"people\")\nfor _, r in ipairs(t.rows) do print(r, t.row_totals[r]) end",
                body: crosstab
            ),
            LuaFunction(
                "collocations", signature: "stats.collocations(term, [opts]) -> {{word, score, f_xy, f_x, f_y}}",
                summary: "Words that occur near a term (within `window` tokens either side), scored by an association measure.",
                details: """
                Options: `window` (default 5), `min_freq` (minimum co-occurrences, default 2), `measure` ("logdice" \
                default, "mi", "llr", "tscore", "dice"), `stopwords` (default false: stopwords and numbers are not \
                collocates), `top` (default 50), `filter` (which articles). The term may be several words and \
                matches case- and diacritic-insensitively.
                """,
                example: "for _, c in ipairs(stats.collocations(\"solidarity\", {window = 3, measure = \"llr\"})) do print(c.word, c.score) end",
                body: collocations
            ),
            LuaFunction(
                "keyness", signature: "stats.keyness(target_filter [, reference_filter [, opts]]) -> {{word, score, target, reference, log_ratio}}",
                summary: "Words unusually frequent in the target articles compared with the reference articles.",
                details: """
                A nil reference means every other article. `target`/`reference` are the word's frequencies; the \
                corpus sizes are the word tokens with a letter (numbers are left out). \
                `log_ratio` = log2 of the ratio of relative frequencies (0.5 for a zero count). Options: `measure` \
                ("llr" default, "chi2"), `min_freq` (minimum target frequency, default 3), `top` (default 50), \
                `negative` (true: the words unusually rare in the target instead), `stopwords` (default true: keep them).
                """,
                example: "for _, k in ipairs(stats.keyness({source = \"VNA\"}, nil, {top = 10})) do print(k.word, k.score) end",
                body: keyness
            ),
            LuaFunction(
                "cooccurrence", signature: "stats.cooccurrence([opts]) -> {{a, b, count}}",
                summary: "Pairs of entities mentioned together, with the number of articles (or paragraphs) they share.",
                details: "Options: `kind` (\"person\" default, \"organization\", \"place\", or \"any\"), `unit` (\"article\" default or \"paragraph\"), `min_count` (default 1), `top` (default all), `filter`. Names are canonical; `a` sorts before `b`.",
                example: "for _, p in ipairs(stats.cooccurrence{kind = \"person\", top = 5}) do print(p.a, p.b, p.count) end",
                body: cooccurrence
            ),
            LuaFunction(
                "timeseries", signature: "stats.timeseries([filter [, opts]]) -> {{period, count, articles, words, value}}",
                summary: "Counts per day, ISO week or month, with the empty periods in between.",
                details: """
                Without `term`/`mentions`, `count` is the number of matching articles; with `mentions` (an entity \
                name or alias) the number of those mentioning it; with `term` the occurrences of the term. \
                `articles` and `words` are the period's totals. `value` is `count`, or with `normalize = true` the \
                share of the period's articles (0..1) for articles/mentions and occurrences per 10,000 words for a \
                term. Options: `by` ("month" default, "week", "day"), `normalize`, `term`, `mentions`. Undated \
                articles are skipped. Periods: "2026-02-05", "2026-W06", "2026-02".
                """,
                example: "for _, p in ipairs(stats.timeseries({lang = \"en\"}, {by = \"month\", mentions = \"Tô Lâm\"})) do print(p.period, p.count) end",
                body: timeseries
            ),
            LuaFunction(
                "dispersion", signature: "stats.dispersion(term [, filter]) -> {term, total, parts, hits, juilland_d, dp, per_article}",
                summary: "How evenly a term is spread over the articles: Juilland's D and Gries' DP with per-article counts.",
                details: """
                The parts are the matching articles. Juilland's D = 1 - V / sqrt(n - 1), V the coefficient of \
                variation (population σ / μ) of the per-article relative frequencies count/words; 1 = perfectly even \
                (nil for fewer than 2 articles or no occurrence). DP = ½ Σ |count_i / total - words_i / all words| \
                (Gries 2008); 0 = as even as the text, near 1 = concentrated. `per_article` lists {id, title, date, \
                count, words} for every part; `hits` is the number of parts with the term.
                """,
                example: "local d = stats.dispersion(\"special solidarity\")\nprint(d.total, d.hits, d.juilland_d, d.dp)",
                body: dispersion
            ),
        ]
    )

    // MARK: counter

    static let counterType: LuaObjectType<CounterBox> = {
        let type = LuaObjectType<CounterBox>(name: "Counter")
        type.cachesFields = false
        type.tostring = { "Counter(\($0.counts.count) keys, total \($0.total))" }
        type.length = { $0.counts.count }
        type.pairs = { box in box.counts.map { ($0.key.text, LuaValue.int($0.value)) } }
        func key(_ call: LuaCall, _ index: Int32) throws -> CounterKey {
            guard let key = CounterKey(call.value(index)) else {
                throw call.typeError(index, expected: "string, number or boolean key")
            }
            return key
        }
        type.methods = [
            "add": { call, box in
                let n = try call.optionalInteger(3) ?? 1
                box.add(try key(call, 2), n)
                return 0
            },
            "update": { call, box in
                guard let items = try call.table(2).listValue else { throw call.typeError(2, expected: "list") }
                for item in items { if let k = CounterKey(item) { box.add(k, 1) } }
                return 0
            },
            "get": { call, box in call.returning(.int(box.get(try key(call, 2)))) },
            "total": { call, box in call.returning(.int(box.total)) },
            "top": { call, box in
                let n = try call.optionalInteger(2)
                return call.returning(.list(box.top(n).map { .table(["key": $0.key.luaValue, "count": .int($0.count)]) }))
            },
        ]
        return type
    }()

    private static func counter(_ call: LuaCall) throws -> Int32 {
        let box = CounterBox()
        if !call.isAbsent(1) {
            guard let items = try call.table(1).listValue else { throw call.typeError(1, expected: "list") }
            for item in items { if let k = CounterKey(item) { box.add(k, 1) } }
        }
        counterType.push(box, on: call.stack)
        return 1
    }

    // MARK: crosstab

    private static func crosstab(_ call: LuaCall) throws -> Int32 {
        try checkKey(call, 2)
        try checkKey(call, 3)
        var cells: [CounterKey: [CounterKey: Int]] = [:]
        var rowTotals: [CounterKey: Int] = [:]
        var columnTotals: [CounterKey: Int] = [:]
        var total = 0
        try forEachItem(call, 1) { item in
            let rows = try keys(call, keyAt: 2, itemAt: item)
            guard !rows.isEmpty else { return }
            let columns = try keys(call, keyAt: 3, itemAt: item)
            for r in rows {
                for c in columns {
                    cells[r, default: [:]][c, default: 0] += 1
                    rowTotals[r, default: 0] += 1
                    columnTotals[c, default: 0] += 1
                    total += 1
                }
            }
        }
        func ordered(_ totals: [CounterKey: Int]) -> [CounterKey] {
            totals.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        }
        var counts: [String: LuaValue] = [:]
        for (r, row) in cells {
            counts[r.text] = .table(Dictionary(uniqueKeysWithValues: row.map { ($0.key.text, LuaValue.int($0.value)) }))
        }
        return call.returning(.table([
            "rows": .list(ordered(rowTotals).map(\.luaValue)),
            "columns": .list(ordered(columnTotals).map(\.luaValue)),
            "counts": .table(counts),
            "row_totals": .table(Dictionary(uniqueKeysWithValues: rowTotals.map { ($0.key.text, LuaValue.int($0.value)) })),
            "column_totals": .table(Dictionary(uniqueKeysWithValues: columnTotals.map { ($0.key.text, LuaValue.int($0.value)) })),
            "total": .int(total),
        ]))
    }

    private static func checkKey(_ call: LuaCall, _ index: Int32) throws {
        let type = call.stack.type(at: index)
        guard type == LUA_TSTRING || type == LUA_TFUNCTION else { throw call.typeError(index, expected: "field name or function") }
    }

    /// Calls `body` with the stack index of each item of the list, iterator or stream at `index`.
    static func forEachItem(_ call: LuaCall, _ index: Int32, body: (Int32) throws -> Void) throws {
        let stack = call.stack
        stack.ensure(6)
        let base = stack.top
        // No `defer` resetting the stack: after a Lua error its value must stay on top to be raised.
        if StreamObject.box(at: index, on: stack) != nil {
            while try StreamObject.next(call, streamAt: index) {
                try body(stack.top)
                stack.setTop(base)
            }
            return
        }
        switch stack.type(at: index) {
        case LUA_TTABLE:
            let count = Int(lua_rawlen(stack.state, index))
            guard count > 0 else { return }
            for i in 1...count {
                lua_rawgeti(stack.state, index, lua_Integer(i))
                try body(stack.top)
                stack.setTop(base)
            }
        case LUA_TFUNCTION:
            while true {
                try call.callFunction(at: index, results: 1) { 0 }
                if stack.isNil(at: -1) { stack.setTop(base); return }
                try body(stack.top)
                stack.setTop(base)
            }
        default:
            throw call.typeError(index, expected: "list, iterator or function")
        }
    }

    /// The key(s) of the item at `item` under the key (field name or function) at `key`.
    private static func keys(_ call: LuaCall, keyAt key: Int32, itemAt item: Int32) throws -> [CounterKey] {
        let stack = call.stack
        let value: LuaValue
        if let name = stack.string(at: key) {
            if let article = ArticleObject.type.object(at: item, on: stack) {
                do { value = (try ArticleObject.fieldValue(article, name, stack: nil) ?? .nil) ?? .nil } catch { throw call.error("\(error)") }
            } else if stack.type(at: item) == LUA_TTABLE {
                stack.getField(name, inTableAt: item)
                value = stack.value(at: -1)
                stack.pop()
            } else {
                throw call.error("cannot read field '\(name)' of a \(stack.typeName(at: item))")
            }
        } else {
            let base = stack.top
            try call.callFunction(at: key, results: 1) {
                stack.pushValue(at: item)
                return 1
            }
            value = stack.value(at: -1)
            stack.setTop(base)
        }
        switch value {
        case .list(let items): return items.compactMap(CounterKey.init)
        case .table(let entries) where entries.isEmpty: return []
        default: return CounterKey(value).map { [$0] } ?? []
        }
    }

    // MARK: corpus statistics

    /// The filter table in field `key` of the options table at `index` (pushed on the stack for the call).
    private static func nestedFilter(_ call: LuaCall, _ index: Int32, _ key: String) throws -> CorpusFilter {
        guard call.stack.type(at: index) == LUA_TTABLE else { return CorpusFilter() }
        call.stack.ensure(2)
        call.stack.getField(key, inTableAt: index)
        return try CorpusFilter(call, call.stack.top)
    }

    private static func choice<T: RawRepresentable & CaseIterable>(
        _ call: LuaCall, _ options: LuaOptions, _ key: String, default value: T, index: Int32
    ) throws -> T where T.RawValue == String {
        guard let name = try options.string(key) else { return value }
        guard let parsed = T(rawValue: name) else {
            let known = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw call.argumentError(index, "option '\(key)' must be one of \(known), got \"\(name)\"")
        }
        return parsed
    }

    /// Tokens of each unit of an article: lower-cased words.
    private static func units(_ row: ArticleRow) -> [[String]] {
        ArticleText.units(row).map { Tokenizer.words($0, lowercase: true) }
    }

    private static func hasLetter(_ word: String) -> Bool {
        word.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    private static func collocations(_ call: LuaCall) throws -> Int32 {
        let term = try call.string(1)
        let options = try call.options(2)
        try options.requireKnown(["window", "min_freq", "measure", "stopwords", "top", "filter"])
        let window = try options.integer("window") ?? 5
        guard window >= 1 else { throw call.argumentError(2, "option 'window' must be at least 1, got \(window)") }
        let minFrequency = try options.integer("min_freq") ?? 2
        let top = try options.integer("top") ?? 50
        let measure: AssociationMeasure = try choice(call, options, "measure", default: .logdice, index: 2)
        let keepStopwords = try options.bool("stopwords", default: false)
        let filter = try nestedFilter(call, 2, "filter")
        let store = try CorpusProvider.store(for: call)
        final class Stops { var words: Set<String> = [] }
        let stops = Stops()
        var counter = CollocationCounter(node: term, window: window) { word in
            keepStopwords || (hasLetter(word) && !stops.words.contains(word))
        }
        guard !counter.node.isEmpty else { throw call.argumentError(1, "term must contain a word") }
        try ArticleScan.forEach(call, store, filter) { box in
            if !keepStopwords { stops.words = Stopwords.list(for: box.row.lang ?? "") }
            for tokens in units(box.row) { counter.add(tokens: tokens) }
            return true
        }
        let result = counter.collocates(measure: measure, minFrequency: minFrequency).prefix(max(0, top))
        return call.returning(.list(result.map {
            .table(["word": .string($0.word), "score": .double($0.score), "f_xy": .int($0.fxy), "f_x": .int($0.fx), "f_y": .int($0.fy)])
        }))
    }

    private static func keyness(_ call: LuaCall) throws -> Int32 {
        let target = try CorpusFilter(call, 1)
        let reference: CorpusFilter? = call.isAbsent(2) ? nil : try CorpusFilter(call, 2)
        let options = try call.options(3)
        try options.requireKnown(["measure", "min_freq", "top", "negative", "stopwords"])
        let measure: KeynessMeasure = try choice(call, options, "measure", default: .llr, index: 3)
        let minFrequency = try options.integer("min_freq") ?? 3
        let top = try options.integer("top") ?? 50
        let negative = try options.bool("negative", default: false)
        let keepStopwords = try options.bool("stopwords", default: true)
        let store = try CorpusProvider.store(for: call)

        func count(_ filter: CorpusFilter, skipping: Set<String>, ids: inout Set<String>) throws -> (counts: [String: Int], size: Int) {
            var counts: [String: Int] = [:]
            var size = 0
            try ArticleScan.forEach(call, store, filter) { box in
                guard !skipping.contains(box.row.id) else { return true }
                ids.insert(box.row.id)
                let stops = keepStopwords ? [] : Stopwords.list(for: box.row.lang ?? "")
                for tokens in units(box.row) {
                    for word in tokens where hasLetter(word) {
                        size += 1
                        if !stops.contains(word) { counts[word, default: 0] += 1 }
                    }
                }
                return true
            }
            return (counts, size)
        }
        var targetIDs = Set<String>()
        var ignored = Set<String>()
        let (a, c) = try count(target, skipping: [], ids: &targetIDs)
        let (b, d) = try count(reference ?? CorpusFilter(), skipping: reference == nil ? targetIDs : [], ids: &ignored)
        guard c > 0 else { throw call.argumentError(1, "the target filter matches no words") }
        guard d > 0 else { throw call.argumentError(2, "the reference matches no words") }
        var words = Set(a.keys)
        if negative { words.formUnion(b.keys) }
        var rows: [(word: String, score: Double, a: Int, b: Int, ratio: Double)] = []
        for word in words {
            let fa = a[word] ?? 0, fb = b[word] ?? 0
            let over = Double(fa) / Double(c) > Double(fb) / Double(d)
            guard over != negative else { continue }
            guard (negative ? fb : fa) >= minFrequency else { continue }
            let score = measure.score(a: Double(fa), b: Double(fb), c: Double(c), d: Double(d))
            rows.append((word, score, fa, fb, KeynessMeasure.logRatio(a: Double(fa), b: Double(fb), c: Double(c), d: Double(d))))
        }
        rows.sort { $0.score != $1.score ? $0.score > $1.score : $0.word < $1.word }
        return call.returning(.list(rows.prefix(max(0, top)).map {
            .table(["word": .string($0.word), "score": .double($0.score), "target": .int($0.a), "reference": .int($0.b), "log_ratio": .double($0.ratio)])
        }))
    }

    private static func cooccurrence(_ call: LuaCall) throws -> Int32 {
        let options = try call.options(1)
        try options.requireKnown(["kind", "unit", "min_count", "top", "filter"])
        let kindName = try options.string("kind") ?? "person"
        var kind: EntityKind?
        if kindName != "any" {
            guard let parsed = EntityKind(rawValue: kindName) else {
                throw call.argumentError(1, "option 'kind' must be \"person\", \"organization\", \"place\" or \"any\", got \"\(kindName)\"")
            }
            kind = parsed
        }
        let unit = try options.string("unit") ?? "article"
        guard unit == "article" || unit == "paragraph" else {
            throw call.argumentError(1, "option 'unit' must be \"article\" or \"paragraph\", got \"\(unit)\"")
        }
        let minCount = try options.integer("min_count") ?? 1
        let top = try options.integer("top")
        let filter = try nestedFilter(call, 1, "filter")
        let store = try CorpusProvider.store(for: call)
        var pairs = PairCounter()
        func add(_ chosen: [Mention]) {
            if unit == "article" {
                pairs.add(unit: chosen.map(\.name))
            } else {
                for group in Dictionary(grouping: chosen, by: \.paragraph).values { pairs.add(unit: group.map(\.name)) }
            }
        }
        if filter.hasPredicate || filter.query.limit != nil {
            try ArticleScan.forEach(call, store, filter) { box in
                let mentions: [Mention]
                do { mentions = try box.mentions() } catch { throw call.error("\(error)") }
                add(mentions.filter { kind == nil || $0.kind == kind })
                return true
            }
        } else {
            // No Lua predicate: one pass over the mention table, not a query per article.
            do {
                try store.forEachArticleMentions(filter.query, kind: kind) { add($0); return true }
            } catch {
                throw call.error("\(error)")
            }
        }
        var result = pairs.sorted(minCount: minCount)
        if let top { result = Array(result.prefix(max(0, top))) }
        return call.returning(.list(result.map {
            .table(["a": .string($0.pair.a), "b": .string($0.pair.b), "count": .int($0.count)])
        }))
    }

    private static func timeseries(_ call: LuaCall) throws -> Int32 {
        let filter = try CorpusFilter(call, 1)
        let options = try call.options(2)
        try options.requireKnown(["by", "normalize", "term", "mentions"])
        let unit: PeriodUnit = try choice(call, options, "by", default: .month, index: 2)
        let normalize = try options.bool("normalize", default: false)
        let term = try options.string("term")
        let entity = try options.string("mentions")
        if term != nil && entity != nil { throw call.argumentError(2, "give either 'term' or 'mentions', not both") }
        let store = try CorpusProvider.store(for: call)
        var articles: [String: Int] = [:]
        var words: [String: Int] = [:]
        var counts: [String: Int] = [:]
        if term == nil, !filter.hasPredicate, filter.query.limit == nil {
            // Article and word totals per date from SQLite, then per period: no article is read.
            do {
                for day in try store.dateTotals(filter.query) {
                    guard let period = unit.label(forISODate: day.date) else { continue }
                    articles[period, default: 0] += day.articles
                    words[period, default: 0] += day.words
                    if entity == nil { counts[period, default: 0] += day.articles }
                }
                if let entity {
                    var mentioning = filter.query
                    mentioning.mentions = entity
                    for day in try store.dateTotals(mentioning) {
                        if let period = unit.label(forISODate: day.date) { counts[period, default: 0] += day.articles }
                    }
                }
            } catch {
                throw call.error("\(error)")
            }
            return call.returning(timeseriesList(unit: unit, normalize: normalize, byTerm: false,
                                                 articles: articles, words: words, counts: counts))
        }
        try ArticleScan.forEach(call, store, filter) { box in
            guard let date = box.row.date, let period = unit.label(forISODate: date) else { return true }
            articles[period, default: 0] += 1
            if let term {
                let text = box.text
                words[period, default: 0] += Tokenizer.wordCount(text)
                counts[period, default: 0] += Kwic.count(term, in: text)
            } else {
                words[period, default: 0] += box.row.wordCount
                if entity == nil { counts[period, default: 0] += 1 }
            }
            return true
        }
        if let entity {
            var mentioning = filter
            mentioning.query.mentions = entity
            try ArticleScan.forEach(call, store, mentioning) { box in
                if let date = box.row.date, let period = unit.label(forISODate: date) { counts[period, default: 0] += 1 }
                return true
            }
        }
        return call.returning(timeseriesList(unit: unit, normalize: normalize, byTerm: term != nil,
                                             articles: articles, words: words, counts: counts))
    }

    /// The `stats.timeseries` result from per-period totals, with the empty periods in between.
    private static func timeseriesList(unit: PeriodUnit, normalize: Bool, byTerm: Bool, articles: [String: Int],
                                       words: [String: Int], counts: [String: Int]) -> LuaValue {
        let known = articles.keys.sorted()
        guard let first = known.first, let last = known.last else { return .list([]) }
        let periods = unit.labels(from: first, through: last)
        return .list(periods.map { period in
            let count = counts[period] ?? 0, n = articles[period] ?? 0, w = words[period] ?? 0
            var value = Double(count)
            if normalize {
                if byTerm { value = w > 0 ? Double(count) * 10_000 / Double(w) : 0 } else { value = n > 0 ? Double(count) / Double(n) : 0 }
            }
            return .table(["period": .string(period), "count": .int(count), "articles": .int(n), "words": .int(w),
                           "value": normalize ? .double(value) : .int(count)])
        })
    }

    private static func dispersion(_ call: LuaCall) throws -> Int32 {
        let term = try call.string(1)
        guard !TextFold.key(term).trimmingCharacters(in: .whitespaces).isEmpty else {
            throw call.argumentError(1, "term must contain a word")
        }
        let filter = try CorpusFilter(call, 2)
        let store = try CorpusProvider.store(for: call)
        var counts: [Double] = []
        var sizes: [Double] = []
        var perArticle: [LuaValue] = []
        try ArticleScan.forEach(call, store, filter) { box in
            let text = box.text
            let count = Kwic.count(term, in: text)
            let words = Tokenizer.wordCount(text)
            counts.append(Double(count))
            sizes.append(Double(words))
            perArticle.append(.table([
                "id": .string(box.row.id), "title": box.row.title.map(LuaValue.string) ?? .nil,
                "date": box.row.date.map(LuaValue.string) ?? .nil, "count": .int(count), "words": .int(words),
            ]))
            return true
        }
        let total = Int(counts.reduce(0, +))
        return call.returning(.table([
            "term": .string(term), "total": .int(total), "parts": .int(counts.count),
            "hits": .int(counts.filter { $0 > 0 }.count),
            "juilland_d": Dispersion.juillandD(counts: counts, sizes: sizes).map(LuaValue.double) ?? .nil,
            "dp": Dispersion.deviationOfProportions(counts: counts, sizes: sizes).map(LuaValue.double) ?? .nil,
            "per_article": .list(perArticle),
        ]))
    }
}
