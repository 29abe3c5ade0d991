import CLua
import DatelineLua
import Foundation

/// What completion may look at. Implementations read state without running script code.
protocol CompletionSource {
    /// Names of the global environment.
    func globalNames() -> [String]
    /// Keys of the value at `path` (e.g. ["text"]): table fields, object fields, or for `methods`
    /// the callable members (including those of the metatable's `__index` table). nil: unknown.
    func members(of path: [String], methods: Bool) -> [String]?
    /// Entity names of the corpus (for strings after `mentions`).
    func entityNames() -> [String]
}

/// The answer to one Tab press: replace the last `fragment` characters before the cursor.
struct Completion: Equatable {
    /// The text being completed (before the cursor).
    var fragment: String
    /// Full replacements for `fragment`, sorted.
    var candidates: [String]
    /// Appended after a unique candidate (the closing quote of an entity name).
    var closing: String = ""

    /// What to insert in place of `fragment` now: the unique candidate (plus `closing`), or the
    /// longest common prefix of the candidates; nil when that adds nothing.
    var replacement: String? {
        if candidates.count == 1, let only = candidates.first { return only + closing }
        guard let prefix = Completion.commonPrefix(candidates), prefix.count > fragment.count else { return nil }
        return prefix
    }

    static func commonPrefix(_ names: [String]) -> String? {
        guard var prefix = names.first else { return nil }
        for name in names.dropFirst() {
            while !name.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}

/// Tab completion: globals, module functions and table fields after `.`, methods after `:`,
/// article fields, and entity names inside a string argument to `mentions`.
struct Completer {
    let source: CompletionSource

    static let keywords = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    /// Completions for the text before the cursor, or nil when there is nothing to complete.
    func complete(_ text: String) -> Completion? {
        if let open = Self.openString(in: text) {
            return completeEntity(before: String(text[..<open.start]), fragment: String(text[open.contentStart...]), quote: open.quote)
        }
        guard let token = Self.trailingToken(text) else { return nil }
        let separatorIndex = token.lastIndex(where: { $0 == "." || $0 == ":" })
        if let separatorIndex {
            let path = token[..<separatorIndex].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !path.isEmpty, path.allSatisfy(Self.isIdentifier) else { return nil }
            let fragment = String(token[token.index(after: separatorIndex)...])
            let isMethod = token[separatorIndex] == ":"
            guard let names = source.members(of: path, methods: isMethod) else { return nil }
            let matching = Set(names.filter { $0.hasPrefix(fragment) && Self.isIdentifier($0) }).sorted()
            return matching.isEmpty ? nil : Completion(fragment: fragment, candidates: matching)
        }
        guard let first = token.first, !first.isNumber else { return nil }
        let names = Set(source.globalNames().filter(Self.isIdentifier) + Self.keywords).filter { $0.hasPrefix(token) }
        return names.isEmpty ? nil : Completion(fragment: token, candidates: names.sorted())
    }

    private func completeEntity(before: String, fragment: String, quote: Character) -> Completion? {
        guard Self.isMentionsArgument(before) else { return nil }
        // Names that start with exactly what was typed win; else match ignoring case and diacritics.
        let all = source.entityNames()
        var names = all.filter { $0.hasPrefix(fragment) }
        if names.isEmpty {
            names = all.filter { $0.range(of: fragment, options: [.anchored, .caseInsensitive, .diacriticInsensitive]) != nil }
        }
        guard !names.isEmpty else { return nil }
        return Completion(fragment: fragment, candidates: Array(Set(names)).sorted(), closing: String(quote))
    }

    /// `mentions = "`, `mentions("`, `:mentions "`: the text before the quote ends a mentions argument.
    static func isMentionsArgument(_ before: String) -> Bool {
        var rest = Substring(before)
        func trim() { while rest.last?.isWhitespace == true { rest.removeLast() } }
        trim()
        if rest.last == "=" || rest.last == "(" {
            rest.removeLast()
            trim()
        }
        guard rest.hasSuffix("mentions") else { return false }
        let beforeWord = rest.dropLast("mentions".count).last
        return beforeWord.map { !($0.isLetter || $0.isNumber || $0 == "_") } ?? true
    }

    /// The unclosed string literal at the end of `text`: where it starts and its quote.
    static func openString(in text: String) -> (start: String.Index, contentStart: String.Index, quote: Character)? {
        var open: (String.Index, Character)?
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if let (_, quote) = open {
                if c == "\\" {
                    i = text.index(after: i)
                    if i == text.endIndex { break }
                } else if c == quote {
                    open = nil
                }
            } else if c == "\"" || c == "'" {
                open = (i, c)
            } else if c == "-", text[i...].hasPrefix("--") {
                // A comment runs to the end of the line.
                guard let newline = text[i...].firstIndex(of: "\n") else { return nil }
                i = newline
            }
            i = text.index(after: i)
        }
        guard let (start, quote) = open else { return nil }
        return (start, text.index(after: start), quote)
    }

    /// The trailing `a.b.c`, `a.b:c` or `name` before the cursor (possibly ending in `.`/`:`).
    static func trailingToken(_ text: String) -> String? {
        var start = text.endIndex
        while start > text.startIndex {
            let previous = text.index(before: start)
            let c = text[previous]
            guard c == "_" || c == "." || c == ":" || (c.isASCII && (c.isLetter || c.isNumber)) else { break }
            start = previous
        }
        let token = String(text[start...])
        if token.isEmpty || token.hasPrefix(".") || token.hasPrefix(":") { return nil }
        // `a..b` is concatenation: complete only the part after it.
        if let range = token.range(of: "..", options: .backwards) {
            let rest = String(token[range.upperBound...])
            return rest.isEmpty ? nil : trailingToken(rest)
        }
        return token
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return s.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
}

/// Completion over a live engine with raw reads only: `lua_rawget`/`lua_next`, never `__index`.
/// Dateline objects list their fields through their own Swift `__pairs`.
struct EngineCompletionSource: CompletionSource {
    let engine: LuaEngine
    let entities: () -> [String]

    func globalNames() -> [String] {
        engine.withEnvironment { stack, env in keys(of: env, on: stack, methods: false) }
    }

    func members(of path: [String], methods: Bool) -> [String]? {
        engine.withEnvironment { stack, env -> [String]? in
            let L = stack.state
            lua_pushvalue(L, env)
            for part in path {
                guard stack.type(at: -1) == LUA_TTABLE else { return nil }
                stack.getField(part, inTableAt: -1)
                stack.remove(at: -2)
            }
            let value = stack.top
            switch stack.type(at: value) {
            case LUA_TTABLE:
                var names = keys(of: value, on: stack, methods: methods)
                names += indexTableKeys(of: value, on: stack, methods: methods)
                return names
            case LUA_TUSERDATA:
                guard let typeName = engine.objectTypeName(at: value) else { return nil }
                if let known = Self.knownObjects[typeName] { return methods ? known.methods : known.fields }
                return methods ? [] : engine.objectFieldNames(at: value)
            case LUA_TSTRING:
                guard methods else { return nil }
                guard stack.getField("string", inTableAt: env) == LUA_TTABLE else { return nil }
                return keys(of: stack.top, on: stack, methods: true)
            default:
                return nil
            }
        }
    }

    func entityNames() -> [String] { entities() }

    /// Members of Dateline object types known at compile time (their methods cannot be listed
    /// through the object's metatable without calling its `__index`).
    static let knownObjects: [String: (fields: [String], methods: [String])] = [
        ArticleObject.type.name: (ArticleObject.fieldNames, ArticleObject.type.methods.keys.sorted()),
    ]

    /// String keys of the table at `index` (raw); only function values when `methods`.
    private func keys(of index: Int32, on stack: LuaStack, methods: Bool) -> [String] {
        let L = stack.state
        let index = stack.absolute(index)
        var names: [String] = []
        stack.ensure(4)
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            if let key = stack.string(at: -2), !methods || stack.type(at: -1) == LUA_TFUNCTION { names.append(key) }
            stack.pop()
        }
        return names
    }

    /// Keys of the metatable's `__index` when it is a table (e.g. list methods), raw.
    private func indexTableKeys(of index: Int32, on stack: LuaStack, methods: Bool) -> [String] {
        let base = stack.top
        defer { stack.setTop(base) }
        guard lua_getmetatable(stack.state, index) != 0 else { return [] }
        guard stack.getField("__index", inTableAt: -1) == LUA_TTABLE else { return [] }
        return keys(of: stack.top, on: stack, methods: methods)
    }
}
