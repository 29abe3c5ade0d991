-- Mentions per month: how many articles mention each of the most mentioned people, month by month.
--
--   dateline run Scripts/timeline.lua [PEOPLE] [day|week|month]     -- default 5 people, by month

local n = tonumber(arg[1]) or 5
local by = arg[2] or "month"

local people = corpus.entities{kind = "person", limit = n}

report.title("Mentions per " .. by)
local series, periods, columns, counts = {}, nil, {by}, {}
for _, person in ipairs(people) do
  local points = stats.timeseries(nil, {by = by, mentions = person.name})
  periods = periods or points
  columns[#columns + 1] = person.name
  counts[person.name] = points
  local xy = {}
  for i, p in ipairs(points) do xy[i] = {x = p.period, y = p.count} end
  series[#series + 1] = {name = person.name, points = xy}
end

local rows = {}
for i, p in ipairs(periods or {}) do
  local row = {p.period}
  for _, person in ipairs(people) do row[#row + 1] = counts[person.name][i].count end
  if p.articles > 0 then rows[#rows + 1] = row end
end
report.table{columns = columns, rows = rows, caption = "Articles mentioning each person (periods with articles)"}
if #series > 0 then
  report.chart{type = "line", title = "Articles mentioning each person per " .. by, series = series}
end
