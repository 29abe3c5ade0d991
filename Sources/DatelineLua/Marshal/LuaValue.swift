import Foundation

/// A Lua value as plain Swift data, used to move values across the Swift/Lua boundary.
///
/// Arrays become Lua sequences (with the shared list methods), dictionaries tables, dates ISO 8601
/// strings. Functions, userdata and threads only cross as `.opaque(typeName)`.
public enum LuaValue: Equatable, Sendable {
    case `nil`
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([LuaValue])
    case table([String: LuaValue])
    case opaque(String)

    /// Converts a Swift value: strings, integers, floating point, Bool, Date, arrays, string-keyed
    /// dictionaries, optionals, `LuaValue` and `LuaConvertible`. Anything else becomes its description.
    public init(any value: Any?) {
        guard let value else {
            self = .nil
            return
        }
        switch value {
        case let v as LuaValue: self = v
        case let v as LuaConvertible: self = v.luaValue
        case let v as String: self = .string(v)
        case let v as Substring: self = .string(String(v))
        case let v as Bool: self = .bool(v)
        case let v as Int: self = .int(v)
        case let v as Int64: self = .int(Int(v))
        case let v as Int32: self = .int(Int(v))
        case let v as UInt8: self = .int(Int(v))
        case let v as UInt32: self = .int(Int(v))
        case let v as UInt: self = v <= UInt(Int.max) ? .int(Int(v)) : .double(Double(v))
        case let v as Double: self = .double(v)
        case let v as Float: self = .double(Double(v))
        case let v as Date: self = .string(LuaValue.isoString(v))
        case let v as [Any?]: self = .list(v.map { LuaValue(any: $0) })
        case let v as [String: Any?]: self = .table(v.mapValues { LuaValue(any: $0) })
        case let v as [Any]: self = .list(v.map { LuaValue(any: $0) })
        case let v as [String: Any]: self = .table(v.mapValues { LuaValue(any: $0) })
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                if let child = mirror.children.first { self = LuaValue(any: child.value) } else { self = .nil }
            } else {
                self = .string(String(describing: value))
            }
        }
    }

    /// ISO 8601 with time zone, e.g. `2024-03-01T08:30:00Z`.
    public static func isoString(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    public var isNil: Bool { self == .nil }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9.2e18: return Int(d)
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// Lua truthiness: everything but nil and false.
    public var isTruthy: Bool {
        switch self {
        case .nil, .bool(false): return false
        default: return true
        }
    }

    /// Lua's type name of the value.
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "string"
        case .list, .table: return "table"
        case .opaque(let name): return name
        }
    }

    /// Elements of a list (an empty table counts as an empty list).
    public var listValue: [LuaValue]? {
        switch self {
        case .list(let items): return items
        case .table(let entries) where entries.isEmpty: return []
        default: return nil
        }
    }

    public subscript(key: String) -> LuaValue {
        if case .table(let entries) = self { return entries[key] ?? .nil }
        return .nil
    }
}

/// A Swift type with a natural Lua representation.
public protocol LuaConvertible {
    var luaValue: LuaValue { get }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .nil }
    public init(arrayLiteral elements: LuaValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        self = .table(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
