-- Benchmark: stream every article and count the whitespace-separated words of its body.
-- os.clock() is the CPU time of the whole process, so it includes the scan's producer thread.
local t0 = os.clock()
local n, words = 0, 0
for a in corpus.articles{order = "ingest"} do
  n = n + 1
  for _ in a.body:gmatch("%S+") do words = words + 1 end
end
print(("scan articles=%d words=%d cpu=%.4f"):format(n, words, os.clock() - t0))
