-- The counting functions of the Lua benchmark, shared by lua_bench_scan.lua and
-- lua_bench_preloaded.lua so that both run exactly the same code (loaded with --lib bench).
--   tokens: Dateline's word tokens (text.word_count, the tokenizer of text.tokens);
--   split:  whitespace-separated words counted by one C call (select(2, s:gsub("%S+", "")));
--   gmatch: whitespace-separated words, one Lua loop iteration per word.
return function(mode)
  if mode == "tokens" then
    local word_count = text.word_count
    return function(s) return word_count(s) end
  elseif mode == "split" then
    return function(s) local _, n = s:gsub("%S+", ""); return n end
  elseif mode == "gmatch" then
    return function(s) local n = 0; for _ in s:gmatch("%S+") do n = n + 1 end; return n end
  end
  error("unknown mode " .. tostring(mode) .. " (tokens, split or gmatch)")
end
