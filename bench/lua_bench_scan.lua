-- Benchmark: stream every article and count the tokens of its body.
--   dateline run --db DB --lib bench bench/lua_bench_scan.lua [tokens|split|gmatch]
-- The counts are in lua_bench_counts.lua. os.clock() is the CPU time of the whole process, so it
-- includes the scan's producer thread.
local mode = arg[1] or "tokens"
local count = require("lua_bench_counts")(mode)
local t0 = os.clock()
local n, words = 0, 0
for a in corpus.articles{order = "ingest"} do
  n = n + 1
  words = words + count(a.body)
end
print(("scan mode=%s articles=%d words=%d cpu=%.4f"):format(mode, n, words, os.clock() - t0))
