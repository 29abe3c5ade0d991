/// Lua code run once per engine with the full standard library: builds the sandbox environment,
/// the sandboxed `require`/`load`, and the list methods. Scripts never see its locals.
enum Prelude {
    static let chunkName = "=dateline.prelude"

    /// Called with (globals, unsafe, searchPaths); returns (env, listMetatable, loadedModules, render).
    static let source = #"""
local G, unsafe, paths = ...
local type, error, setmetatable, select, tostring = G.type, G.error, G.setmetatable, G.select, G.tostring
local sort, concat = G.table.sort, G.table.concat

-- Lists: sequences returned by Dateline functions share this metatable.
local List = {}
local listmeta = { __index = List, __name = "list", __metatable = "list" }

local function callable(f, what, level)
  if type(f) ~= "function" then
    local mt = G.getmetatable(f)
    if not (type(mt) == "table" and G.rawget(mt, "__call")) then
      error("bad argument #1 to '" .. what .. "' (function expected, got " .. type(f) .. ")", level or 3)
    end
  end
end

function List.map(self, f)
  callable(f, "map")
  local out, n = {}, 0
  for i = 1, #self do
    local v = f(self[i], i)
    if v ~= nil then n = n + 1; out[n] = v end
  end
  return setmetatable(out, listmeta)
end

function List.filter(self, f)
  callable(f, "filter")
  local out, n = {}, 0
  for i = 1, #self do
    local v = self[i]
    if f(v, i) then n = n + 1; out[n] = v end
  end
  return setmetatable(out, listmeta)
end

function List.find(self, f)
  callable(f, "find")
  for i = 1, #self do
    local v = self[i]
    if f(v, i) then return v, i end
  end
  return nil
end

function List.each(self, f)
  callable(f, "each")
  for i = 1, #self do f(self[i], i) end
  return self
end

function List.take(self, n)
  if type(n) ~= "number" then
    error("bad argument #1 to 'take' (number expected, got " .. type(n) .. ")", 2)
  end
  local out = {}
  for i = 1, math.min(n, #self) do out[i] = self[i] end
  return setmetatable(out, listmeta)
end

-- Stable sort by a key function or field name; nil keys sort last.
function List.sort_by(self, key, desc)
  local keyf = key
  if type(key) == "string" then
    keyf = function(v) return v[key] end
  elseif type(key) ~= "function" then
    error("bad argument #1 to 'sort_by' (function or field name expected, got " .. type(key) .. ")", 2)
  end
  local decorated = {}
  for i = 1, #self do decorated[i] = { k = keyf(self[i]), i = i, v = self[i] } end
  sort(decorated, function(a, b)
    local ka, kb = a.k, b.k
    if ka == kb or (ka == nil and kb == nil) then return a.i < b.i end
    if ka == nil then return false end
    if kb == nil then return true end
    if type(ka) ~= type(kb) then ka, kb = tostring(ka), tostring(kb) end
    if desc then return ka > kb else return ka < kb end
  end)
  local out = {}
  for i = 1, #decorated do out[i] = decorated[i].v end
  return setmetatable(out, listmeta)
end

function List.join(self, sep)
  local parts = {}
  for i = 1, #self do parts[i] = tostring(self[i]) end
  return concat(parts, sep or ", ")
end

-- Module search.
local loaded = {}
local io_open = G.io.open

local function valid_module_name(name)
  if type(name) ~= "string" or name == "" then return false end
  for part in (name .. "."):gmatch("(.-)%.") do
    if not part:match("^[%w_%-]+$") then return false end
  end
  return true
end

local function find_module(name)
  local rel = name:gsub("%.", "/")
  local tried = {}
  for _, dir in G.ipairs(paths) do
    for _, candidate in G.ipairs({ rel .. ".lua", rel .. "/init.lua" }) do
      local path = dir .. "/" .. candidate
      local f = io_open(path, "rb")
      if f then
        local source = f:read("a")
        f:close()
        if source then return path, source end
      end
      tried[#tried + 1] = "\n\tno file '" .. path .. "'"
    end
  end
  return nil, concat(tried)
end

local env
if unsafe then
  env = G
  local extra = {}
  for _, dir in G.ipairs(paths) do
    extra[#extra + 1] = dir .. "/?.lua;" .. dir .. "/?/init.lua"
  end
  if #extra > 0 then G.package.path = concat(extra, ";") .. ";" .. G.package.path end
  loaded = G.package.loaded
else
  env = {}
  for _, k in G.ipairs({ "assert", "error", "ipairs", "next", "pairs", "pcall", "xpcall", "print",
      "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable", "getmetatable",
      "tonumber", "tostring", "type" }) do
    env[k] = G[k]
  end
  env._VERSION = G._VERSION
  -- Lua runs finalizers with hooks disabled, so a looping __gc could not be stopped by the time
  -- limit: the sandbox refuses them.
  local raw_setmetatable, rawget = G.setmetatable, G.rawget
  env.setmetatable = function(t, mt)
    if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
      error("bad argument #2 to 'setmetatable' (__gc metamethods are not allowed in the sandbox)", 2)
    end
    return raw_setmetatable(t, mt)
  end
  local function copy(t, names)
    local c = {}
    if names then
      for _, k in G.ipairs(names) do c[k] = t[k] end
    else
      for k, v in G.pairs(t) do c[k] = v end
    end
    return c
  end
  env.string = copy(G.string)
  env.string.dump = nil
  env.table = copy(G.table)
  env.math = copy(G.math)
  env.utf8 = copy(G.utf8)
  env.os = copy(G.os, { "time", "date", "clock", "difftime" })
  env.coroutine = copy(G.coroutine)
  env._G = env

  -- String methods resolve to the sandbox's string table; the real metatable stays hidden.
  local smeta = G.getmetatable("")
  smeta.__index = env.string
  smeta.__metatable = false

  local raw_load = G.load
  env.load = function(chunk, chunkname, mode, ...)
    if mode ~= nil and type(mode) ~= "string" then
      error("bad argument #3 to 'load' (string expected, got " .. type(mode) .. ")", 2)
    end
    if mode ~= nil and not mode:find("t", 1, true) then
      return nil, "attempt to load a binary chunk (binary chunks are not allowed in the sandbox)"
    end
    local e = env
    if select("#", ...) > 0 then e = (...) end
    return raw_load(chunk, chunkname, "t", e)
  end

  env.require = function(name)
    if not valid_module_name(name) then
      error("bad argument #1 to 'require' (module name expected: letters, digits, _ and - separated by dots, got "
        .. (type(name) == "string" and ("'" .. name .. "'") or type(name)) .. ")", 2)
    end
    local value = loaded[name]
    if value ~= nil then return value end
    local path, source = find_module(name)
    if not path then error("module '" .. name .. "' not found:" .. source, 2) end
    local fn, err = raw_load(source, "@" .. path, "t", env)
    if not fn then error("error loading module '" .. name .. "' from '" .. path .. "':\n\t" .. err, 2) end
    value = fn(name, path)
    if value == nil then value = loaded[name] ~= nil and loaded[name] or true end
    loaded[name] = value
    return value, path
  end
end

-- coroutine.wrap over the engine's coroutine.resume, so time limits also reach wrapped coroutines.
local resume, create = G.coroutine.resume, G.coroutine.create
local function wrap_results(ok, ...)
  if ok then return ... end
  error((...), 0)
end
env.coroutine.wrap = function(f)
  local co = create(f)
  return function(...) return wrap_results(resume(co, ...)) end
end

-- REPL rendering: calls f and returns a table of tostring() of each result, then the results
-- themselves (all under the engine's limits).
local pack, unpack = G.table.pack, G.table.unpack
local function render(f)
  local r = pack(f())
  local shown = {}
  for i = 1, r.n do shown[i] = tostring(r[i]) end
  return shown, unpack(r, 1, r.n)
end

return env, listmeta, loaded, render
"""#
}
