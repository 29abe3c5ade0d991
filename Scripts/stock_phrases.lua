-- Stock phrases across sources: how often each source uses the set phrases of diplomatic
-- coverage, per 10,000 words, and how evenly each phrase is spread over the articles.
--
--   dateline run Scripts/stock_phrases.lua ["PHRASE" ...]

local phrases = {"special solidarity", "strategic cohesion", "comprehensive cooperation"}
if #arg > 0 then phrases = {table.unpack(arg)} end

-- Occurrences per source (an article credited to two sources counts for both).
local counts, words, articles = {}, {}, {}
for a in corpus.articles() do
  for _, source in ipairs(#a.sources > 0 and a.sources or {"(none)"}) do
    counts[source] = counts[source] or {}
    words[source] = (words[source] or 0) + text.word_count(a.text)
    articles[source] = (articles[source] or 0) + 1
    for _, phrase in ipairs(phrases) do
      counts[source][phrase] = (counts[source][phrase] or 0) + a:count(phrase)
    end
  end
end

report.title("Stock phrases across sources")
local sources = {}
for source in pairs(counts) do sources[#sources + 1] = source end
table.sort(sources)
local columns = {"source", "articles"}
for _, phrase in ipairs(phrases) do columns[#columns + 1] = phrase end
local rows = {}
for _, source in ipairs(sources) do
  local row = {source, articles[source]}
  for _, phrase in ipairs(phrases) do
    local n = counts[source][phrase]
    row[#row + 1] = ("%d (%.1f)"):format(n, n * 10000 / math.max(words[source], 1))
  end
  rows[#rows + 1] = row
end
report.table{columns = columns, rows = rows, caption = "Occurrences (per 10,000 words)"}

local spread = {}
for _, phrase in ipairs(phrases) do
  local d = stats.dispersion(phrase)
  spread[#spread + 1] = {phrase, d.total, ("%d/%d"):format(d.hits, d.parts),
    d.juilland_d and ("%.2f"):format(d.juilland_d) or "-", d.dp and ("%.2f"):format(d.dp) or "-"}
end
report.table{columns = {"phrase", "occurrences", "articles", "Juilland's D", "DP"}, rows = spread,
  caption = "Dispersion over articles (D: 1 = even; DP: 0 = even)"}

local labels, values = {}, {}
for i, phrase in ipairs(phrases) do labels[i] = phrase; values[i] = spread[i][2] end
report.chart{type = "bar", title = "Occurrences of each phrase", labels = labels, values = values}
