-- Benchmark: the same counting code as lua_bench_scan.lua over the same bodies preloaded into a
-- plain Lua table (loading is not timed; the loop is single-threaded, so its os.clock() CPU time
-- is its run time).
--   dateline run --db DB --lib bench bench/lua_bench_preloaded.lua [tokens|split|gmatch]
local mode = arg[1] or "tokens"
local count = require("lua_bench_counts")(mode)
local bodies = {}
for a in corpus.articles{order = "ingest"} do bodies[#bodies + 1] = a.body end
local t0 = os.clock()
local n, words = 0, 0
for i = 1, #bodies do
  n = n + 1
  words = words + count(bodies[i])
end
print(("preloaded mode=%s articles=%d words=%d cpu=%.4f"):format(mode, n, words, os.clock() - t0))
