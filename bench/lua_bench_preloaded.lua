-- Benchmark: the same counting code as lua_bench_scan.lua over the same bodies preloaded into a
-- plain Lua table (loading is not timed; the loop is single-threaded, so its os.clock() CPU time
-- is its run time).
--   dateline run --db DB bench/lua_bench_preloaded.lua [tokens|split|gmatch]
local mode = arg[1] or "tokens"
local count
if mode == "tokens" then
  local word_count = text.word_count
  count = function(s) return word_count(s) end
elseif mode == "split" then
  count = function(s) local _, n = s:gsub("%S+", ""); return n end
elseif mode == "gmatch" then
  count = function(s) local n = 0; for _ in s:gmatch("%S+") do n = n + 1 end; return n end
else
  error("unknown mode " .. mode .. " (tokens, split or gmatch)")
end
local bodies = {}
for a in corpus.articles{order = "ingest"} do bodies[#bodies + 1] = a.body end
local t0 = os.clock()
local n, words = 0, 0
for i = 1, #bodies do
  n = n + 1
  words = words + count(bodies[i])
end
print(("preloaded mode=%s articles=%d words=%d cpu=%.4f"):format(mode, n, words, os.clock() - t0))
