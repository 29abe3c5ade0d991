-- People mentioned per source: for each credited source, the people its articles mention and in
-- how many of its articles (wire duplicates skipped).
--
--   dateline run Scripts/people_by_source.lua [TOP]      -- TOP people per source (default 5)

local top = tonumber(arg[1]) or 5

-- rows = sources, columns = people; an article counts once per (source, person).
local t = stats.crosstab(corpus.articles(), "sources", "people")

report.title("People mentioned per source")
local rows = {}
for _, source in ipairs(t.rows) do
  local cells = t.counts[source] or {}
  local people = list()
  for _, person in ipairs(t.columns) do
    if cells[person] then people[#people + 1] = {name = person, n = cells[person]} end
  end
  people = people:sort_by(function(p) return -p.n end)
  local named = people:take(top):map(function(p) return p.name .. " (" .. p.n .. ")" end)
  rows[#rows + 1] = {source, corpus.count{source = source}, #people, named:join(", ")}
end
report.table{
  columns = {"source", "articles", "people", "most mentioned (articles)"},
  rows = rows,
  caption = "Sources by number of person mentions",
}

-- The most mentioned people overall, split by source.
local people = list(t.columns):take(8)
local series = {}
for _, source in ipairs(t.rows) do
  local values = {}
  for i, person in ipairs(people) do values[i] = (t.counts[source] or {})[person] or 0 end
  series[#series + 1] = {name = source, values = values}
end
if #people > 0 then
  report.chart{type = "stacked", title = "Articles mentioning each person, by source", categories = people, series = series}
end
