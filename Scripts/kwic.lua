-- Keyword in context: every occurrence of a phrase, with the words around it, oldest article first.
--
--   dateline run Scripts/kwic.lua ["PHRASE"] [WIDTH]    -- default "strategic cohesion", 50 characters

local phrase = arg[1] or "strategic cohesion"
local width = tonumber(arg[2]) or 50

-- The full-text index finds the candidate articles; a:kwic finds each occurrence (whole words,
-- case- and diacritic-insensitive).
local query = '"' .. phrase:gsub('"', " ") .. '"'
local hits, articles = list(), 0
for a in corpus.articles{search = query} do
  local found = a:kwic(phrase, width)
  if #found > 0 then articles = articles + 1 end
  for _, h in ipairs(found) do
    h.article = a
    hits[#hits + 1] = h
  end
end

report.title(('"%s" in context'):format(phrase))
report.kwic(hits, ("%d occurrences in %d articles"):format(#hits, articles))
