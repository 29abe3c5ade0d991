-- Benchmark: the same counting loop over the same bodies preloaded into a plain Lua table
-- (loading is not timed; the loop is timed with os.clock, which is CPU time of a single-threaded loop).
local bodies = {}
for a in corpus.articles{order = "ingest"} do bodies[#bodies + 1] = a.body end
local t0 = os.clock()
local n, words = 0, 0
for i = 1, #bodies do
  n = n + 1
  for _ in bodies[i]:gmatch("%S+") do words = words + 1 end
end
local seconds = os.clock() - t0
print(("preloaded articles=%d words=%d seconds=%.4f"):format(n, words, seconds))
