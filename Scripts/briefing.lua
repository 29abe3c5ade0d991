-- A one-page briefing of the corpus: overview, mentions timeline, people and organizations per
-- source, stock-phrase tracking, who-meets-whom network, latest articles in context.
--
--   dateline run --output briefing.html Scripts/briefing.lua [TOP]
--
-- TOP (default 8) is how many people, sources and articles each section shows. Counting is done
-- by the corpus indexes (corpus.count with `mentions`, `source` and `search`), so the script stays
-- fast on large corpora; only the latest articles are read in full.

local TOP = math.tointeger(tonumber(arg and arg[1])) or 8

local LANGUAGES = { en = "English", vi = "Vietnamese", fr = "French", de = "German", es = "Spanish",
                    id = "Indonesian", zh = "Chinese", ru = "Russian", lo = "Lao", km = "Khmer" }

-- Stock phrases of official coverage, with their usual Vietnamese wording.
local PHRASES = {
  { name = "special solidarity", query = '"special solidarity" OR "đoàn kết đặc biệt"' },
  { name = "strategic cohesion", query = '"strategic cohesion" OR "gắn kết chiến lược"' },
  { name = "comprehensive cooperation", query = '"comprehensive cooperation" OR "hợp tác toàn diện"' },
}

local function percent(part, whole)
  if whole == 0 then return 0 end
  return math.floor(part * 1000 / whole + 0.5) / 10
end

local function take(list, n)
  local out = {}
  for i = 1, math.min(n, #list) do out[i] = list[i] end
  return out
end

-- Overview --------------------------------------------------------------------------------------

local total = corpus.count()
local sources = corpus.sources()
local languages = corpus.languages()
-- The dated range, found with index counts: `since` filters are cheap, full time series are not.
local function last_with_articles(candidates, at_least)
  local lo, hi, best = 1, #candidates, nil
  while lo <= hi do
    local mid = (lo + hi) // 2
    if corpus.count{ since = candidates[mid] } >= at_least then best, lo = candidates[mid], mid + 1 else hi = mid - 1 end
  end
  return best
end
local function sequence(prefix, from, to, width)
  local out = {}
  for i = from, to do out[#out + 1] = prefix .. string.format("%0" .. width .. "d", i) end
  return out
end
-- The latest year, month and day holding at least `n` dated articles ("YYYY-MM-DD"), or nil.
local function latest_day(n, first_year)
  local year = last_with_articles(sequence("", first_year, first_year + 60, 4), n)
  if not year then return nil end
  local month = last_with_articles(sequence(year .. "-", 1, 12, 2), n) or (year .. "-01")
  return last_with_articles(sequence(month .. "-", 1, 31, 2), n) or (month .. "-01")
end

local dated = corpus.count{ since = "0" }
local oldest = dated > 0 and corpus.articles{ since = "0", limit = 1 }() or nil
local first_day = oldest and oldest.date
local last_day = first_day and latest_day(1, tonumber(first_day:sub(1, 4)))

report.title("Dateline briefing")
report.text(string.format(
  "%d articles from %d sources in %d languages%s. Duplicates (wire reprints) are counted once.",
  total, #sources, #languages,
  first_day and string.format(", %d of them dated between %s and %s", dated, first_day, last_day) or ""))

report.heading("Corpus overview")
local language_rows = {}
for _, l in ipairs(languages) do
  language_rows[#language_rows + 1] = { LANGUAGES[l.name] or l.name, l.name, l.count, percent(l.count, total) }
end
report.table{ columns = { "language", "code", "articles", "%" }, rows = language_rows, caption = "Articles by language" }

local top_sources = take(sources, TOP)
local source_names = {}
for i, s in ipairs(top_sources) do source_names[i] = s.name end

-- One bar per source, split by language.
local by_language = {}
for _, l in ipairs(take(languages, 4)) do
  local values = {}
  for i, s in ipairs(top_sources) do values[i] = corpus.count{ source = s.name, lang = l.name } end
  by_language[#by_language + 1] = { name = LANGUAGES[l.name] or l.name, values = values }
end
report.chart{ type = "stacked", title = "Articles by source and language", categories = source_names,
              series = by_language, y_title = "articles" }

-- Mentions timeline -----------------------------------------------------------------------------

local people = corpus.entities{ kind = "person" }
local top_people = take(people, TOP)

-- Every month from `from` to `to` ("YYYY-MM").
local function months(from, to)
  local y, m = tonumber(from:sub(1, 4)), tonumber(from:sub(6, 7))
  local out = {}
  repeat
    out[#out + 1] = string.format("%04d-%02d", y, m)
    m = m + 1
    if m > 12 then m, y = 1, y + 1 end
  until out[#out] >= to:sub(1, 7) or #out >= 240
  return out
end

-- The last twelve months of the dated range (fewer when the corpus is younger).
local recent, timeline = nil, {}
if last_day then
  recent = string.format("%04d%s", tonumber(last_day:sub(1, 4)) - 1, last_day:sub(5, 7))
  if recent < first_day:sub(1, 7) then recent = first_day:sub(1, 7) end
  timeline = months(recent, last_day)
end

report.heading("Who is in the news")
local lines = {}
for _, p in ipairs(take(top_people, 5)) do
  local points = {}
  for i, month in ipairs(timeline) do
    local after = timeline[i + 1] or (last_day:sub(1, 7) .. "-99")
    points[i] = { x = month, y = corpus.count{ mentions = p.name, since = month, before = after } }
  end
  lines[#lines + 1] = { name = p.name, points = points }
end
if #lines > 0 and #timeline > 0 then
  report.chart{ type = "line", series = lines, y_title = "articles",
                title = "Articles mentioning the most covered people, by month since " .. recent }
end

local top_bars = {}
for i, p in ipairs(top_people) do top_bars[i] = { label = p.name, value = p.articles } end
if #top_bars > 0 then
  report.chart{ type = "bar", title = "Most covered people (articles mentioning them)", series = top_bars, name = "articles" }
end

-- People and organizations per source -----------------------------------------------------------

report.heading("People and organizations by source")
-- Articles mentioning each of the 20 most covered people, per source (the mentions index counts).
local pool_names, pool_counts = {}, {}
for r, p in ipairs(take(people, 20)) do
  pool_names[r] = p.name
  pool_counts[r] = {}
  for c, s in ipairs(top_sources) do
    local n = corpus.count{ mentions = p.name, source = s.name }
    if n > 0 then pool_counts[r][c] = n end
  end
end
local heat_rows = take(pool_names, TOP)
if #heat_rows > 0 and #source_names > 0 then
  report.chart{ type = "heatmap", title = "Articles mentioning each person, by source",
                rows = heat_rows, columns = source_names, values = take(pool_counts, TOP) }
end

-- The top people and organizations of each source, among the most covered overall.
local function top_in_source(ranked_names, counts, c)
  local ranked = {}
  for r, name in ipairs(ranked_names) do
    local n = counts[r][c]
    if n then ranked[#ranked + 1] = { name = name, n = n } end
  end
  table.sort(ranked, function(a, b) return a.n > b.n or (a.n == b.n and a.name < b.name) end)
  local out = {}
  for i, e in ipairs(take(ranked, 3)) do out[i] = e.name .. " (" .. e.n .. ")" end
  return table.concat(out, "; ")
end

local organizations = take(corpus.entities{ kind = "organization" }, 20)
local org_names, org_counts = {}, {}
for r, o in ipairs(organizations) do
  org_names[r] = o.name
  org_counts[r] = {}
  for c, s in ipairs(top_sources) do
    local n = corpus.count{ mentions = o.name, source = s.name }
    if n > 0 then org_counts[r][c] = n end
  end
end
local per_source = {}
for c, s in ipairs(top_sources) do
  per_source[#per_source + 1] = { source = s.name, articles = s.count,
                                  people = top_in_source(pool_names, pool_counts, c),
                                  organizations = top_in_source(org_names, org_counts, c) }
end
report.table{ columns = { "source", "articles", "people", "organizations" }, rows = per_source,
              caption = "Most mentioned people and organizations per source (articles)" }

-- Stock phrases ---------------------------------------------------------------------------------

report.heading("Stock phrases")
local phrase_series, phrase_rows = {}, {}
for _, phrase in ipairs(PHRASES) do
  local values = {}
  for i, s in ipairs(top_sources) do values[i] = corpus.count{ search = phrase.query, source = s.name } end
  phrase_series[#phrase_series + 1] = { name = phrase.name, values = values }
  local all = corpus.count{ search = phrase.query }
  phrase_rows[#phrase_rows + 1] = { phrase.name, all, percent(all, total) }
end
report.chart{ type = "stacked", title = "Articles using each stock phrase, by source",
              categories = source_names, series = phrase_series, y_title = "articles" }
report.table{ columns = { "phrase (English or Vietnamese)", "articles", "% of corpus" }, rows = phrase_rows }

local phrase_hits = {}
for _, phrase in ipairs(PHRASES) do
  for _, hit in ipairs(corpus.search(phrase.query, { limit = 2 })) do phrase_hits[#phrase_hits + 1] = hit end
end
if #phrase_hits > 0 then report.kwic(phrase_hits, "Where the phrases appear (best search matches)") end

-- Who meets whom --------------------------------------------------------------------------------

report.heading("Who meets whom")
local weight = {}
for _, p in ipairs(people) do weight[p.name] = p.articles end
-- Large corpora: over the timeline's months only (the pair count reads every article's mentions).
local network_since = total > 10000 and recent or nil
local pairs_ = stats.cooccurrence{ kind = "person", top = 40, filter = network_since and { since = network_since } or nil }
local nodes, edges, seen = {}, {}, {}
for _, pair in ipairs(pairs_) do
  for _, name in ipairs({ pair.a, pair.b }) do
    if not seen[name] then
      seen[name] = true
      nodes[#nodes + 1] = { id = name, weight = weight[name] or 1 }
    end
  end
  edges[#edges + 1] = { source = pair.a, target = pair.b, weight = pair.count }
end
if #nodes > 0 then
  report.chart{ type = "network", title = "People mentioned in the same article" .. (network_since and (" since " .. network_since) or "") .. " (node size: articles)",
                nodes = nodes, edges = edges }
else
  report.text("No two people are mentioned in the same article.")
end

-- Latest articles -------------------------------------------------------------------------------

report.heading("Latest articles")
-- The most recent days holding at least TOP dated articles.
local since = first_day and latest_day(math.min(TOP, dated), tonumber(first_day:sub(1, 4)))
local latest = {}
if since then
  for a in corpus.articles{ since = since } do latest[#latest + 1] = a end
end
table.sort(latest, function(a, b) return (a.date or "") > (b.date or "") end)
latest = take(latest, TOP)

local rows, hits = {}, {}
for _, a in ipairs(latest) do
  rows[#rows + 1] = { date = a.date, sources = table.concat(a.sources, ", "), title = a.title or a.id,
                      words = a.word_count, article = a }
  -- One line of context around the article's first person, else its first stock phrase.
  local terms = {}
  if a.people[1] then terms[#terms + 1] = a.people[1] end
  for _, phrase in ipairs(PHRASES) do terms[#terms + 1] = phrase.name end
  for _, term in ipairs(terms) do
    local hit = a:kwic(term, 60)[1]
    if hit then
      hit.article = a
      hits[#hits + 1] = hit
      break
    end
  end
end
report.table{ columns = { "date", "sources", "title", "words" }, rows = rows,
              caption = "Newest dated articles (full text in the appendix)" }
if #hits > 0 then report.kwic(hits, "Latest articles in context") end
