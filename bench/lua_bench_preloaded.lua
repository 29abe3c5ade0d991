-- Benchmark: the same counting loop over the same bodies preloaded into a plain Lua table
-- (loading is not timed; the loop is single-threaded, so its os.clock() CPU time is its run time).
local bodies = {}
for a in corpus.articles{order = "ingest"} do bodies[#bodies + 1] = a.body end
local t0 = os.clock()
local n, words = 0, 0
for i = 1, #bodies do
  n = n + 1
  for _ in bodies[i]:gmatch("%S+") do words = words + 1 end
end
print(("preloaded articles=%d words=%d cpu=%.4f"):format(n, words, os.clock() - t0))
