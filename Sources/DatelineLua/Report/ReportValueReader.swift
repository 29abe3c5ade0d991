import CLua
import Foundation
import DatelineReport

/// Reads a `report` argument into plain data like `LuaStack.value`, except that article objects
/// (userdata with an `id` field, such as the corpus module's articles) are read through their fields
/// and stand in the result as `.opaque("article:N")`, N indexing `articles`.
///
/// Fields are read by a small Lua function under `pcall` (so an object's `__index` may raise
/// without unwinding through Swift); it is loaded once per engine by the module's install step.
struct ReportValueReader {
    /// Registry key of the field-reading Lua function.
    static let readerKey = "dateline.report.article_reader"
    static let opaquePrefix = "article:"

    /// Returns a function that reads an article-like value into a plain table (nil when it has no id).
    static let readerSource = #"""
    local pcall, type, tostring = pcall, type, tostring
    local function get(a, k)
      local ok, v = pcall(function() return a[k] end)
      if ok then return v end
      return nil
    end
    local function scalar(v)
      local t = type(v)
      if t == "string" then return v end
      if t == "number" then return tostring(v) end
      return nil
    end
    local function strings(v)
      if type(v) == "string" then return { v } end
      if type(v) ~= "table" and type(v) ~= "userdata" then return nil end
      local out = {}
      local ok = pcall(function()
        for i = 1, #v do
          local s = scalar(v[i])
          if s then out[#out + 1] = s end
        end
      end)
      return ok and out or nil
    end
    return function(a)
      local id = scalar(get(a, "id"))
      if not id then return nil end
      return {
        id = id, title = scalar(get(a, "title")), date = scalar(get(a, "date")),
        sources = strings(get(a, "sources")), paragraphs = strings(get(a, "paragraphs")),
        url = scalar(get(a, "url")), path = scalar(get(a, "path")),
      }
    end
    """#

    /// Loads the reader into the registry; called from the module's install step (grace mode, no raising calls).
    static func install(_ stack: LuaStack) {
        let L = stack.state
        stack.ensure(4)
        let top = stack.top
        defer { stack.setTop(top) }
        let loaded = readerSource.withCString { luaL_loadbufferx(L, $0, strlen($0), "=report", "t") }
        guard loaded == LUA_OK, lua_pcallk(L, 0, 1, 0, 0, nil) == LUA_OK, lua_type(L, -1) == LUA_TFUNCTION else { return }
        lua_setfield(L, luaRegistryIndex, readerKey)
    }

    let call: LuaCall
    /// Articles found while reading, in order; `.opaque("article:N")` refers to `articles[N]`.
    private(set) var articles: [ArticleRef] = []

    init(call: LuaCall) {
        self.call = call
    }

    /// Reads argument or stack slot `index`.
    mutating func read(at index: Int32, maxDepth: Int = 16) throws -> LuaValue {
        let stack = call.stack
        let index = stack.absolute(index)
        switch stack.type(at: index) {
        case LUA_TTABLE:
            guard maxDepth > 0 else { throw call.error("tables are nested too deeply") }
            guard stack.ensure(6) else { throw call.error("stack overflow") }
            return try table(at: index, maxDepth: maxDepth - 1)
        case LUA_TUSERDATA:
            if let article = try article(at: index) {
                articles.append(article)
                return .opaque(Self.opaquePrefix + String(articles.count - 1))
            }
            return .opaque(stack.typeName(at: index))
        default:
            return stack.value(at: index, maxDepth: 0)
        }
    }

    /// The article a value stands for, if it was read from an article object.
    func article(_ value: LuaValue) -> ArticleRef? {
        guard case .opaque(let name) = value, name.hasPrefix(Self.opaquePrefix),
              let n = Int(name.dropFirst(Self.opaquePrefix.count)), n >= 0, n < articles.count else { return nil }
        return articles[n]
    }

    /// Reads the object at `index` through its fields; nil when it has no `id`.
    private func article(at index: Int32) throws -> ArticleRef? {
        let stack = call.stack
        let L = stack.state
        guard stack.ensure(6) else { throw call.error("stack overflow") }
        let base = stack.top
        defer { stack.setTop(base) }
        guard lua_getfield(L, luaRegistryIndex, Self.readerKey) == LUA_TFUNCTION else {
            throw call.error("the report module is not installed in this engine")
        }
        do {
            try call.callFunction(at: -1, results: 1) {
                stack.pushValue(at: index)
                return 1
            }
        } catch {
            // Only an out-of-memory error can get here (the reader protects every field access);
            // the error value is turned into a message because the stack is reset.
            throw call.error("cannot read an article: \(stack.string(at: -1) ?? "error")")
        }
        let fields = stack.value(at: -1)
        guard case .string(let id) = fields["id"] else { return nil }
        return ArticleRef(
            id: id, title: fields["title"].stringValue, date: fields["date"].stringValue,
            sources: Self.strings(fields["sources"]), paragraphs: Self.strings(fields["paragraphs"]),
            url: fields["url"].stringValue, path: fields["path"].stringValue)
    }

    static func strings(_ value: LuaValue) -> [String] {
        (value.listValue ?? []).compactMap(\.stringValue)
    }

    private mutating func table(at index: Int32, maxDepth: Int) throws -> LuaValue {
        let stack = call.stack
        let L = stack.state
        let length = Int(lua_rawlen(L, index))
        var entries: [String: LuaValue] = [:]
        var isSequence = length > 0
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            let key: String
            let keyType = lua_type(L, -2)
            if keyType == LUA_TSTRING {
                key = stack.string(at: -2) ?? ""
                isSequence = false
            } else if keyType == LUA_TNUMBER, lua_isinteger(L, -2) != 0 {
                key = String(lua_tointegerx(L, -2, nil))
            } else {
                isSequence = false
                key = stack.typeName(at: -2)
            }
            do {
                entries[key] = try read(at: -1, maxDepth: maxDepth)
            } catch {
                stack.pop(2)
                throw error
            }
            stack.pop()
        }
        if isSequence && entries.count == length {
            var items: [LuaValue] = []
            items.reserveCapacity(length)
            for i in 1...length {
                guard let item = entries[String(i)] else { return .table(entries) }
                items.append(item)
            }
            return .list(items)
        }
        return .table(entries)
    }
}
