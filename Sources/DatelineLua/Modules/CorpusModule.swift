import DatelineCore
import DatelineStore

extension LuaModule {
    /// `corpus`: counting, streaming, fetching and searching the articles of the open corpus database.
    public static let corpus = LuaModule(
        name: "corpus",
        summary: "The article corpus: count, stream, get, search, entities, sources and languages.",
        details: """
        A *filter* is a table with any of: `lang` ("en", "vi"), `source` (a credited source such as "VNA", \
        case-insensitive), `since` (inclusive ISO date or prefix, e.g. "2026-02"), `before` (exclusive ISO date), \
        `search` (a full-text query, FTS5 syntax, diacritic-insensitive), `mentions` (an entity name or alias, \
        "to lam" finds Tô Lâm), `tag` ("key" or "key=value"), `where` (a Lua function taking the article and \
        returning true to keep it), `include_duplicates` (default false: near/exact duplicates are skipped), \
        `limit` (at most this many articles) and `order` ("date", the default, or "ingest"). Unknown keys and \
        wrong types are errors naming the key.

        An *article* is an object whose fields load on first use and are then cached: `id`, `title`, `lang`, \
        `sources` (list), `date` (ISO), `datetime`, `dateline`, `author`, `section`, `lede`, `paragraphs` (list), \
        `body` (paragraphs joined by blank lines), `text` (title, lede and body: what `a:count`, `a:contains`, \
        `a:kwic` and the `stats` module search), `captions` (list of {text, credit}), `related` (list of \
        {title, summary}), `mentions` (list of {name, kind, text, paragraph (1-based index into paragraphs), \
        offset (code points from 0)}), `people`, `organizations`, `places` (distinct canonical names in order of \
        first mention), `word_count`, `tags` (table key -> value), `date_confidence` ("explicit", "inferred", \
        "none"), `date_text`, `path`, `duplicate_of` (id of the earlier copy, or nil), `ingested_at`.

        Methods: `a:count(term)` and `a:contains(term)` (whole-word, case- and diacritic-insensitive, over \
        `a.text`), `a:kwic(term [, width])` (hits {left, match, right, start, stop, id} as in `text.kwic`, over \
        `a.text`), `a:sentences()` (of the body), `a:tokens([opts])` (of the body; opts `lower`, `fold`, \
        `stopwords` in the article's language), `a:tag(key [, value])` (stores an analyst tag in the database; \
        no value = a bare tag, `false` removes it). `tostring(a)` is a one-line card "id  date  sources  title"; \
        `a == b` compares ids; `#a` is the word count; `pairs(a)` walks every field.
        """,
        functions: [
            LuaFunction(
                "count", signature: "corpus.count([filter]) -> integer",
                summary: "Number of articles matching the filter (a `where` predicate is run on each candidate).",
                example: "print(corpus.count{lang = \"vi\"}, corpus.count{mentions = \"Tô Lâm\"})"
            ) { call in
                let filter = try CorpusFilter(call, 1)
                let store = try CorpusProvider.store(for: call)
                guard filter.hasPredicate else {
                    do { return call.returning(.int(try store.count(filter.query))) } catch { throw call.error("\(error)") }
                }
                var n = 0
                try ArticleScan.forEach(call, store, filter) { _ in n += 1; return true }
                return call.returning(.int(n))
            },
            LuaFunction(
                "articles", signature: "corpus.articles([filter]) -> iterator",
                summary: "Streams the matching articles, oldest first: `for a in corpus.articles{lang = \"vi\"} do ... end`.",
                details: """
                Flat memory: rows are read in pages of 256 on a background thread while the loop runs (plus 8 bytes \
                per matching article for the keys, read in chunks that double from 256), and each article's fields \
                (the body too) reach Lua only when touched. The iterator is also a to-be-closed \
                value: leaving the loop with `break` or an error stops the scan. Outside a `for`, call the iterator \
                to get the next article (nil at the end) and `it:close()` to stop early. When a run fails (an error, \
                the time or memory limit, an interrupt), the scans it started and left open are stopped before the \
                run returns, even one kept in a global; a run that succeeds keeps its open scans (a later REPL line \
                can go on reading) until they end, are closed or are collected.
                """,
                example: "for a in corpus.articles{source = \"VNA\", where = function(a) return #a > 300 end} do\n  print(a)\nend"
            ) { call in
                let filter = try CorpusFilter(call, 1)
                let store = try CorpusProvider.store(for: call)
                StreamObject.push(call, store: store, filter: filter)
                let stream = call.stack.top
                call.stack.pushNil()
                call.stack.pushNil()
                call.stack.pushValue(at: stream)
                return 4
            },
            LuaFunction(
                "get", signature: "corpus.get(id) -> article|nil",
                summary: "One article by id, unique id prefix or ingested file path; nil when there is none.",
                details: "An id prefix matching several articles is an error listing them.",
                example: "local a = corpus.get(\"e5c98f6d\")\nif a then print(a.title, #a.paragraphs) end"
            ) { call in
                let reference = try call.string(1)
                let store = try CorpusProvider.store(for: call)
                do {
                    if let row = try store.row(id: reference) {
                        ArticleObject.push(row, store: store, on: call.stack)
                        return 1
                    }
                    let id = try store.resolve(reference)
                    guard let row = try store.row(id: id) else { return call.returning(.nil) }
                    ArticleObject.push(row, store: store, on: call.stack)
                    return 1
                } catch let error as StoreError {
                    if case .notFound = error.reason { return call.returning(.nil) }
                    throw call.error("\(error)")
                } catch {
                    throw call.error("\(error)")
                }
            },
            LuaFunction(
                "search", signature: "corpus.search(query [, opts]) -> {hit}",
                summary: "Full-text search ranked by relevance: hits {id, title, date, sources, path, snippet, marked, score}.",
                details: """
                The query uses FTS5 syntax ("exact phrase", AND/OR/NOT, NEAR(), prefix*, `title:`), case- and \
                diacritic-insensitively. `snippet` is a passage of the original text around the first match; \
                `marked` is the same passage with each match in [brackets]; `score` is higher for better hits. \
                Options: `limit` (default 20), `include_duplicates` (default false).
                """,
                example: "for _, h in ipairs(corpus.search('\"strategic cohesion\"', {limit = 5})) do print(h.id, h.marked) end"
            ) { call in
                let text = try call.string(1)
                let options = try call.options(2)
                try options.requireKnown(["limit", "include_duplicates"])
                let limit = try options.integer("limit") ?? 20
                guard limit >= 0 else { throw call.argumentError(2, "option 'limit' must not be negative, got \(limit)") }
                let duplicates = try options.bool("include_duplicates", default: false)
                let store = try CorpusProvider.store(for: call)
                let hits: [SearchHit]
                do { hits = try store.search(text, limit: limit, includeDuplicates: duplicates) } catch { throw call.error("\(error)") }
                return call.returning(.list(hits.map { hit in
                    .table([
                        "id": .string(hit.id), "title": hit.title.map(LuaValue.string) ?? .nil,
                        "date": hit.date.map(LuaValue.string) ?? .nil, "sources": .list(hit.sources.map(LuaValue.string)),
                        "path": hit.path.map(LuaValue.string) ?? .nil, "snippet": .string(hit.snippet.text),
                        "marked": .string(hit.snippet.highlighted(open: "[", close: "]")), "score": .double(hit.score),
                    ])
                }))
            },
            LuaFunction(
                "entities", signature: "corpus.entities([opts]) -> {entity}",
                summary: "Named entities with counts: {name, kind, articles, mentions, aliases}, most widely mentioned first.",
                details: "`name` is the canonical name, `articles` the number of (non-duplicate) articles mentioning it, `mentions` its occurrences, `aliases` the other surface forms seen. Options: `kind` (\"person\", \"organization\", \"place\"), `limit`.",
                example: "for _, e in ipairs(corpus.entities{kind = \"person\", limit = 10}) do print(e.name, e.articles, e.aliases:join(\"; \")) end"
            ) { call in
                let options = try call.options(1)
                try options.requireKnown(["kind", "limit"])
                var kind: EntityKind?
                if let name = try options.string("kind") {
                    guard let parsed = EntityKind(rawValue: name) else {
                        throw call.argumentError(1, "option 'kind' must be \"person\", \"organization\" or \"place\", got \"\(name)\"")
                    }
                    kind = parsed
                }
                let limit = try options.integer("limit")
                let store = try CorpusProvider.store(for: call)
                let entities: [EntitySummary]
                do { entities = try store.entities(kind: kind, limit: limit) } catch { throw call.error("\(error)") }
                return call.returning(.list(entities.map { e in
                    .table([
                        "name": .string(e.name), "kind": .string(e.kind.rawValue), "articles": .int(e.articleCount),
                        "mentions": .int(e.mentionCount), "aliases": .list(e.aliases.map(LuaValue.string)),
                    ])
                }))
            },
            LuaFunction(
                "sources", signature: "corpus.sources() -> {{name, count}}",
                summary: "Credited sources with their article counts (duplicates skipped), most frequent first.",
                example: "for _, s in ipairs(corpus.sources()) do print(s.name, s.count) end"
            ) { call in
                let store = try CorpusProvider.store(for: call)
                do { return call.returning(valueCounts(try store.sources())) } catch { throw call.error("\(error)") }
            },
            LuaFunction(
                "languages", signature: "corpus.languages() -> {{name, count}}",
                summary: "Languages (ISO 639-1 codes; \"?\" when unknown) with their article counts, most frequent first.",
                example: "for _, l in ipairs(corpus.languages()) do print(l.name, l.count) end"
            ) { call in
                let store = try CorpusProvider.store(for: call)
                do { return call.returning(valueCounts(try store.languages())) } catch { throw call.error("\(error)") }
            },
        ]
    )

    private static func valueCounts(_ counts: [ValueCount]) -> LuaValue {
        .list(counts.map { .table(["name": .string($0.value), "count": .int($0.count)]) })
    }
}
