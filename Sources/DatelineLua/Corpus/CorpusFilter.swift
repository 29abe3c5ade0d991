import CLua
import DatelineStore

/// A Lua filter table (`{lang = "vi", source = "VNA", where = function(a) ... end, ...}`) read into
/// an `ArticleQuery` plus an optional Lua predicate. Unknown keys and wrong types are errors naming the key.
struct CorpusFilter {
    static let keys: Set<String> = [
        "lang", "source", "since", "before", "search", "mentions", "tag", "where", "include_duplicates",
        "limit", "order",
    ]

    var query = ArticleQuery()
    /// Stack index of the filter table when it has a `where` function.
    var whereTable: Int32?

    /// No filter: every non-duplicate article.
    init() {}

    /// Reads argument `index` of `call` (nil or absent: every non-duplicate article).
    init(_ call: LuaCall, _ index: Int32) throws {
        guard !call.isAbsent(index) else { return }
        guard call.stack.type(at: index) == LUA_TTABLE else { throw call.typeError(index, expected: "filter table") }
        let entries: [String: LuaValue]
        switch call.value(index) {
        case .table(let values): entries = values
        case .list(let items) where items.isEmpty: entries = [:]
        default: throw call.argumentError(index, "filter must be a table of named keys (lang, source, ...), not a list")
        }
        for key in entries.keys.sorted() where !Self.keys.contains(key) {
            throw call.argumentError(index, "unknown filter key '\(key)' (known: \(Self.keys.sorted().joined(separator: ", ")))")
        }
        func string(_ key: String) throws -> String? {
            switch entries[key] ?? .nil {
            case .nil: return nil
            case .string(let s): return s
            case let other: throw call.argumentError(index, "filter '\(key)' must be a string, got \(other.typeName)")
            }
        }
        query.lang = try string("lang")
        query.source = try string("source")
        query.since = try string("since")
        query.before = try string("before")
        query.search = try string("search")
        query.mentions = try string("mentions")
        query.tag = try string("tag")
        switch entries["include_duplicates"] ?? .nil {
        case .nil: break
        case .bool(let b): query.includeDuplicates = b
        case let other: throw call.argumentError(index, "filter 'include_duplicates' must be a boolean, got \(other.typeName)")
        }
        if let limit = entries["limit"], limit != .nil {
            guard let n = limit.intValue, n >= 0 else {
                throw call.argumentError(index, "filter 'limit' must be a non-negative integer, got \(limit.typeName == "number" ? "\(limit.doubleValue ?? 0)" : limit.typeName)")
            }
            query.limit = n
        }
        if let order = try string("order") {
            guard let parsed = ArticleQuery.Order(rawValue: order) else {
                throw call.argumentError(index, "filter 'order' must be \"date\" or \"ingest\", got \"\(order)\"")
            }
            query.order = parsed
        }
        if let predicate = entries["where"], predicate != .nil {
            call.stack.ensure(2)
            call.stack.getField("where", inTableAt: index)
            defer { call.stack.pop() }
            guard call.stack.type(at: -1) == LUA_TFUNCTION else {
                throw call.argumentError(index, "filter 'where' must be a function, got \(call.stack.typeName(at: -1))")
            }
            whereTable = call.stack.absolute(index)
        }
    }

    var hasPredicate: Bool { whereTable != nil }
}

/// Swift-side scans of the corpus for module functions: rows of a filter, with its `where` predicate
/// applied through the engine's protected call path (an error in it propagates as a Lua error).
enum ArticleScan {
    /// Calls `body` with each matching row (and its article box) until it returns false.
    static func forEach(_ call: LuaCall, _ store: CorpusStore, _ filter: CorpusFilter,
                        body: (ArticleBox) throws -> Bool) throws {
        let stack = call.stack
        var predicate: Int32?
        if let table = filter.whereTable {
            stack.ensure(2)
            stack.getField("where", inTableAt: table)
            predicate = stack.top
        }
        var memory = ExternalMemory()
        do {
            try store.forEachArticle(filter.query) { row in
                let box = ArticleBox(row: row, store: store)
                if let predicate {
                    try memory.add(ExternalMemory.size(of: box), call)
                    guard try accepts(call, predicate: predicate, box: box) else { return true }
                }
                return try body(box)
            }
            // Only on success: after a Lua error its value must stay on top for the trampoline to raise.
            if let predicate { stack.setTop(predicate - 1) }
        } catch let error as LuaCallError {
            throw error
        } catch {
            throw call.error("\(error)")
        }
    }

    /// Runs the predicate at `predicate` on the article: whether it returned a truthy value.
    static func accepts(_ call: LuaCall, predicate: Int32, box: ArticleBox) throws -> Bool {
        let stack = call.stack
        let base = stack.top
        try call.callFunction(at: predicate, results: 1) {
            ArticleObject.type.push(box, on: stack)
            return 1
        }
        let keep = stack.bool(at: -1)
        stack.setTop(base)
        return keep
    }
}
