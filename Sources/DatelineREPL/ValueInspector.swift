import CLua
import DatelineLua

/// How much of a value the printer captures.
public struct DisplayLimits: Equatable {
    /// Nesting levels shown; deeper tables show only their size.
    public var depth: Int
    /// Entries shown per table (`.maxrows`).
    public var items: Int

    public init(depth: Int = 4, items: Int = 30) {
        self.depth = depth
        self.items = items
    }

    /// For `.last`: everything (a generous depth guards against pathological nesting).
    public static let unlimited = DisplayLimits(depth: 64, items: Int.max)
}

/// Snapshots Lua values into `DisplayValue`s with raw access only: `lua_next`/`lua_rawget`, never
/// `__index`, `__pairs` or `__tostring`. The one exception is an article's card, read through the
/// article's own Swift field accessor (`LuaEngine.objectFields`), which cannot run script code.
struct ValueInspector {
    let engine: LuaEngine
    let limits: DisplayLimits
    /// Type names of Dateline objects shown as article cards.
    static let articleTypeNames: Set<String> = ["Article", "article"]

    private var stack: LuaStack { engine.stack }
    private var state: OpaquePointer { engine.stack.state }

    /// The value at `index`.
    func inspect(at index: Int32) -> DisplayValue {
        var path: [(pointer: UnsafeRawPointer, name: String)] = []
        return inspect(at: stack.absolute(index), depth: 0, path: &path, name: "(root)")
    }

    private func inspect(at index: Int32, depth: Int, path: inout [(pointer: UnsafeRawPointer, name: String)], name: String) -> DisplayValue {
        switch stack.type(at: index) {
        case LUA_TNIL, LUA_TNONE:
            return .nil
        case LUA_TBOOLEAN:
            return .bool(stack.bool(at: index))
        case LUA_TNUMBER:
            if let integer = stack.integer(at: index) { return .integer(integer) }
            return .number(stack.number(at: index) ?? 0)
        case LUA_TSTRING:
            return .string(stack.string(at: index) ?? "")
        case LUA_TFUNCTION:
            return .function(name: engine.documentedName(ofFunctionAt: index))
        case LUA_TUSERDATA:
            if let typeName = engine.objectTypeName(at: index) {
                if Self.articleTypeNames.contains(typeName) { return .article(card(at: index)) }
                return .opaque(typeName)
            }
            return .opaque(metatableName(at: index) ?? "userdata")
        case LUA_TTABLE:
            guard let pointer = lua_topointer(state, index) else { return .opaque("table") }
            if let ancestor = path.first(where: { $0.pointer == pointer }) { return .cycle(path: ancestor.name) }
            if depth >= limits.depth || !stack.ensure(6) { return .elided(count: rawCount(at: index)) }
            path.append((pointer, name))
            defer { path.removeLast() }
            return .table(table(at: index, depth: depth, path: &path, name: name))
        default:
            return .opaque(stack.typeName(at: index))
        }
    }

    private func table(at index: Int32, depth: Int, path: inout [(pointer: UnsafeRawPointer, name: String)], name: String) -> DisplayTable {
        var result = DisplayTable()
        result.typeName = metatableName(at: index)
        let length = Int(lua_rawlen(state, index))
        // The sequence part, in order.
        var shown = 0
        for i in 0..<length {
            guard shown < limits.items else {
                result.omitted += length - i
                break
            }
            lua_rawgeti(state, index, lua_Integer(i + 1))
            result.sequence.append(inspect(at: stack.top, depth: depth + 1, path: &path, name: "\(name)[\(i + 1)]"))
            stack.pop()
            shown += 1
        }
        // The other keys: collect, sort, then snapshot up to the limit.
        var keys: [TableKey] = []
        lua_pushnil(state)
        while lua_next(state, index) != 0 {
            stack.pop()
            if let key = TableKey(stack: stack, index: -1, sequenceLength: length) { keys.append(key) }
        }
        keys.sort()
        for key in keys {
            guard shown < limits.items else {
                result.omitted += 1
                continue
            }
            key.push(on: stack)
            lua_rawget(state, index)
            let childName = key.isIdentifier ? "\(name).\(key.text)" : "\(name)\(key.sourceSpelling)"
            let value = inspect(at: stack.top, depth: depth + 1, path: &path, name: childName)
            stack.pop()
            result.fields.append(DisplayField(key: key.sourceSpelling, plainKey: key.text, value: value))
            shown += 1
        }
        return result
    }

    /// Entries of the table at `index` (raw), for elided tables.
    private func rawCount(at index: Int32) -> Int {
        var count = 0
        lua_pushnil(state)
        while lua_next(state, index) != 0 {
            stack.pop()
            count += 1
        }
        return count
    }

    /// The metatable's `__name` (raw), e.g. "list".
    private func metatableName(at index: Int32) -> String? {
        guard lua_getmetatable(state, index) != 0 else { return nil }
        defer { stack.pop(2) }
        lua_getfield(state, -1, "__name")
        return stack.string(at: -1)
    }

    /// An article's card from its own Swift field accessor.
    private func card(at index: Int32) -> ArticleCard {
        let fields = engine.objectFields(at: index, keys: ["id", "date", "sources", "title"])
        var sources: [String] = []
        switch fields["sources"] {
        case .list(let items)?: sources = items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        case .string(let s)?: sources = [s]
        default: break
        }
        func text(_ key: String) -> String? {
            if case .string(let s)? = fields[key] { return s }
            return nil
        }
        return ArticleCard(id: text("id") ?? "?", date: text("date"), sources: sources, title: text("title"))
    }
}

/// A table key that is not part of the sequence, sortable: numbers first, then strings, then others.
private struct TableKey: Comparable {
    enum Kind: Int { case number = 0, string = 1, other = 2 }
    var kind: Kind
    var number: Double = 0
    var integer: Int?
    var text: String
    /// Keys that are neither numbers nor strings cannot be looked up again by value; kept by position.
    var isIdentifier: Bool { kind == .string && Self.isIdentifier(text) }

    var sourceSpelling: String {
        switch kind {
        case .number: return "[\(text)]"
        case .string: return isIdentifier ? text : "[\(LuaQuoting.quote(text))]"
        case .other: return "[\(text)]"
        }
    }

    init?(stack: LuaStack, index: Int32, sequenceLength: Int) {
        switch stack.type(at: index) {
        case LUA_TNUMBER:
            if let i = stack.integer(at: index) {
                if i >= 1 && i <= sequenceLength { return nil }
                integer = i
                number = Double(i)
                text = String(i)
            } else {
                number = stack.number(at: index) ?? 0
                text = String(number)
            }
            kind = .number
        case LUA_TSTRING:
            kind = .string
            text = stack.string(at: index) ?? ""
        default:
            // Tables, functions, booleans as keys: shown by type, not looked up again (see push).
            return nil
        }
    }

    func push(on stack: LuaStack) {
        switch kind {
        case .number:
            if let integer { stack.push(integer) } else { stack.push(number) }
        case .string, .other:
            stack.push(text)
        }
    }

    static func < (a: TableKey, b: TableKey) -> Bool {
        if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
        if a.kind == .number { return a.number < b.number }
        return a.text < b.text
    }

    static func == (a: TableKey, b: TableKey) -> Bool { a.kind == b.kind && a.text == b.text }

    static let keywords: Set<String> = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        guard s.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }) else { return false }
        return !keywords.contains(s)
    }
}

/// Lua string literal quoting (like `%q`, but keeping printable UTF-8 as is).
enum LuaQuoting {
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\\(scalar.value)"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
