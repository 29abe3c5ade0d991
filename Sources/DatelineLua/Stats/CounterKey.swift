/// A key of a `stats.counter`: a Lua string, integer, float or boolean.
enum CounterKey: Hashable, Comparable {
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)

    init?(_ value: LuaValue) {
        switch value {
        case .string(let s): self = .string(s)
        case .int(let i): self = .int(i)
        case .double(let d): self = d.rounded() == d && abs(d) < 9.2e18 ? .int(Int(d)) : .double(d)
        case .bool(let b): self = .bool(b)
        default: return nil
        }
    }

    var luaValue: LuaValue {
        switch self {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        }
    }

    /// As a table key in `pairs` snapshots and crosstab tables.
    var text: String {
        switch self {
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        }
    }

    /// Numbers before strings, then natural order (for stable tie-breaking).
    static func < (lhs: CounterKey, rhs: CounterKey) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return a < b
        case (.int(let a), .int(let b)): return a < b
        case (.double(let a), .double(let b)): return a < b
        case (.int(let a), .double(let b)): return Double(a) < b
        case (.double(let a), .int(let b)): return a < Double(b)
        case (.bool(let a), .bool(let b)): return !a && b
        default: return lhs.rank < rhs.rank
        }
    }

    private var rank: Int {
        switch self {
        case .bool: return 0
        case .int, .double: return 1
        case .string: return 2
        }
    }
}

/// Frequencies of keys (the state of a `stats.counter`).
final class CounterBox {
    private(set) var counts: [CounterKey: Int] = [:]
    private(set) var total = 0

    func add(_ key: CounterKey, _ n: Int) {
        counts[key, default: 0] += n
        total += n
    }

    func get(_ key: CounterKey) -> Int { counts[key] ?? 0 }

    /// Most frequent first; ties by key order.
    func top(_ n: Int?) -> [(key: CounterKey, count: Int)] {
        let sorted = counts.map { (key: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key
        }
        if let n { return Array(sorted.prefix(max(0, n))) }
        return sorted
    }
}
