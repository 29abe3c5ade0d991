-- Who meets whom: pairs of people mentioned in the same article (or the same paragraph).
--
--   dateline run Scripts/cooccurrence.lua [article|paragraph] [TOP]

local unit = arg[1] or "article"
local top = tonumber(arg[2]) or 20

local pairs_ = stats.cooccurrence{kind = "person", unit = unit}

report.title("Who meets whom")
report.text(("%d pairs of people share %s; the %d most frequent:"):format(#pairs_, unit == "article" and "an article" or "a paragraph", math.min(top, #pairs_)))
local rows = {}
for i = 1, math.min(top, #pairs_) do
  local p = pairs_[i]
  rows[i] = {p.a, p.b, p.count}
end
report.table{columns = {"person", "with", unit .. "s"}, rows = rows}

-- The same pairs as a network: node weight = articles mentioning the person.
local weight = {}
for _, e in ipairs(corpus.entities{kind = "person"}) do weight[e.name] = e.articles end
local nodes, seen, edges = {}, {}, {}
for i = 1, math.min(top, #pairs_) do
  local p = pairs_[i]
  for _, name in ipairs({p.a, p.b}) do
    if not seen[name] then
      seen[name] = true
      nodes[#nodes + 1] = {id = name, label = name, weight = weight[name] or 1}
    end
  end
  edges[#edges + 1] = {source = p.a, target = p.b, weight = p.count}
end
if #edges > 0 then
  report.chart{type = "network", title = "People mentioned together", nodes = nodes, edges = edges}
end
