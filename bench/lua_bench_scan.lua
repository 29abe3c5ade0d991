-- Benchmark: stream every article and count the tokens of its body.
--   dateline run --db DB bench/lua_bench_scan.lua [tokens|split|gmatch]
-- tokens: Dateline's word tokens (text.word_count, the tokenizer of text.tokens);
-- split:  whitespace-separated words counted by one C call (select(2, s:gsub("%S+", "")));
-- gmatch: whitespace-separated words, one Lua loop iteration per word.
-- os.clock() is the CPU time of the whole process, so it includes the scan's producer thread.
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
local t0 = os.clock()
local n, words = 0, 0
for a in corpus.articles{order = "ingest"} do
  n = n + 1
  words = words + count(a.body)
end
print(("scan mode=%s articles=%d words=%d cpu=%.4f"):format(mode, n, words, os.clock() - t0))
