-- Keyness: the words one source uses unusually often compared with every other source, in the
-- same language (log-likelihood, Rayson & Garside 2000).
--
--   dateline run Scripts/keyness.lua [SOURCE] [LANG]      -- default "VNA", its most common language

local source = arg[1] or "VNA"

local function has_source(a)
  for _, s in ipairs(a.sources) do
    if s:lower() == source:lower() then return true end
  end
  return false
end

-- The source's main language, unless given.
local lang = arg[2]
if not lang then
  local langs = stats.counter()
  for a in corpus.articles{source = source} do langs:add(a.lang or "?") end
  local first = langs:top(1)[1]
  if not first then error("no articles from source " .. source) end
  lang = first.key
end

local target = {source = source, lang = lang}
local reference = {lang = lang, where = function(a) return not has_source(a) end}
local words = stats.keyness(target, reference, {measure = "llr", min_freq = 3, top = 20})

report.title(("Keywords of %s against the other %s articles"):format(source, lang))
report.text(("%d %s articles from %s against %d from other sources."):format(
  corpus.count(target), lang, source, corpus.count(reference)))
report.table{
  columns = {"word", source, "others", "LL", "log ratio"},
  rows = words:map(function(k)
    return {k.word, k.target, k.reference, ("%.2f"):format(k.score), ("%.2f"):format(k.log_ratio)}
  end),
}
