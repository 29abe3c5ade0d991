-- Top bigrams of the corpus, and the collocates of a word under several association measures.
--
--   dateline run Scripts/collocations.lua [WORD] [WINDOW]     -- default "solidarity", 5

local word = arg[1] or "solidarity"
local window = tonumber(arg[2]) or 5

-- Bigrams: adjacent words within a paragraph, neither a stopword nor a number.
local stop = {}
local function stopwords(lang)
  if not stop[lang] then
    local set = {}
    for _, w in ipairs(text.stopwords(lang)) do set[w] = true end
    stop[lang] = set
  end
  return stop[lang]
end
local bigrams = stats.counter()
for a in corpus.articles() do
  local skip = stopwords(a.lang or "")
  for _, p in ipairs(a.paragraphs) do
    local words = text.tokens(p, {lower = true})
    for i = 1, #words - 1 do
      local x, y = words[i], words[i + 1]
      if not skip[x] and not skip[y] and x:find("%a") and y:find("%a") then bigrams:add(x .. " " .. y) end
    end
  end
end

report.title(('Bigrams and collocations of "%s"'):format(word))
report.table{
  columns = {"bigram", "count"},
  rows = bigrams:top(15):map(function(b) return {b.key, b.count} end),
  caption = ("Top bigrams (%d distinct, %d in all)"):format(#bigrams, bigrams:total()),
}

-- Collocates: ranked by logDice, with the other measures alongside.
local measures = {"logdice", "llr", "mi", "tscore"}
local score = {}
for _, m in ipairs(measures) do
  score[m] = {}
  for _, c in ipairs(stats.collocations(word, {window = window, min_freq = 2, measure = m, top = 1000})) do
    score[m][c.word] = c.score
  end
end
local ranked = stats.collocations(word, {window = window, min_freq = 2, measure = "logdice", top = 15})
local function r2(x) return x and ("%.2f"):format(x) or "" end
report.table{
  columns = {"collocate", "with", "alone", "logDice", "LL", "MI", "t"},
  rows = ranked:map(function(c)
    return {c.word, c.f_xy, c.f_y, r2(score.logdice[c.word]), r2(score.llr[c.word]), r2(score.mi[c.word]), r2(score.tscore[c.word])}
  end),
  caption = ('Collocates of "%s" within %d words (%d occurrences)'):format(word, window, ranked[1] and ranked[1].f_x or 0),
}
