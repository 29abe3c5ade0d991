import Foundation

/// The five positions of a cron expression, numbered 1-5 as in error messages.
public enum CronFieldKind: Int, CaseIterable, Sendable {
    case minute = 1, hour, dayOfMonth, month, dayOfWeek

    /// Human name used in error messages, e.g. `day-of-month`.
    public var name: String {
        switch self {
        case .minute: return "minute"
        case .hour: return "hour"
        case .dayOfMonth: return "day-of-month"
        case .month: return "month"
        case .dayOfWeek: return "day-of-week"
        }
    }

    /// Values accepted in the field text (day-of-week accepts 7 as a second Sunday).
    public var bounds: ClosedRange<Int> {
        switch self {
        case .minute: return 0...59
        case .hour: return 0...23
        case .dayOfMonth: return 1...31
        case .month: return 1...12
        case .dayOfWeek: return 0...7
        }
    }

    /// Upper bound used for `*` and for the open end of `a/n` (Sunday is 0, so `*` ends at 6).
    var starUpperBound: Int { self == .dayOfWeek ? 6 : bounds.upperBound }

    /// Names accepted instead of numbers: index + first value (JAN=1, SUN=0).
    var names: [String] {
        switch self {
        case .month: return ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        case .dayOfWeek: return ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
        default: return []
        }
    }

    var firstNamedValue: Int { self == .month ? 1 : 0 }
}

/// One parsed cron field: the set of values it allows plus the syntactic facts that change
/// semantics (whether it starts with `*`, whether it uses a step).
public struct CronField: Hashable, Sendable, CustomStringConvertible {
    /// One comma-separated element, normalized (names turned into numbers, `a/n` into `a-max/n`).
    enum Element: Hashable, Sendable {
        case star(step: Int)
        case value(Int)
        case range(Int, Int, step: Int)

        var isStar: Bool { if case .star = self { return true } else { return false } }

        var sortKey: (Int, Int) {
            switch self {
            case .star: return (-1, 0)
            case .value(let v): return (v, 0)
            case let .range(lo, hi, _): return (lo, hi)
            }
        }

        var text: String {
            switch self {
            case .star(let step): return step == 1 ? "*" : "*/\(step)"
            case .value(let v): return "\(v)"
            case let .range(lo, hi, step): return step == 1 ? "\(lo)-\(hi)" : "\(lo)-\(hi)/\(step)"
            }
        }
    }

    /// Which position this field occupies.
    public let kind: CronFieldKind
    /// Allowed values as a bit set (bit n = value n; day-of-week 7 is folded into 0).
    let mask: UInt64
    let elements: [Element]
    /// True when the field text starts with `*` (`*` or `*/n`); matters for the day-of-month /
    /// day-of-week rule and for DST handling of the hour field.
    public let startsWithStar: Bool
    /// True when any element uses a step (`*/15`, `1-30/5`, `5/10`).
    public let hasStep: Bool
    /// True when any element is `*` or `*/n`, wherever it stands in the list.
    public var containsStar: Bool { elements.contains(where: \.isStar) }

    /// The allowed values in ascending order.
    public var values: [Int] { (0..<64).filter { mask & (1 << UInt64($0)) != 0 } }

    /// Whether `value` is allowed by this field.
    public func contains(_ value: Int) -> Bool {
        value >= 0 && value < 64 && mask & (1 << UInt64(value)) != 0
    }

    /// Smallest allowed value that is `>= value`, or nil when there is none.
    func next(atOrAfter value: Int) -> Int? {
        guard value < 64 else { return nil }
        let rest = mask >> UInt64(max(value, 0))
        guard rest != 0 else { return nil }
        return max(value, 0) + rest.trailingZeroBitCount
    }

    /// Normalized text: numbers only, elements sorted and de-duplicated, `*/1` written `*`.
    public var description: String { elements.map(\.text).joined(separator: ",") }

    /// Parses the text of one field; throws `CronError.invalidField` naming the bad element.
    init(parsing text: String, kind: CronFieldKind) throws {
        self.kind = kind
        var mask: UInt64 = 0
        var elements: [Element] = []
        var hasStep = false
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            let part = String(raw)
            guard !part.isEmpty else {
                throw CronError.invalidField(field: kind, text: text, reason: "empty list element")
            }
            let element = try Self.parseElement(part, kind: kind)
            if case .star(let s) = element, s != 1 { hasStep = true }
            if case .range(_, _, let s) = element, s != 1 { hasStep = true }
            mask |= Self.mask(of: element, kind: kind)
            if !elements.contains(element) { elements.append(element) }
        }
        self.mask = mask
        // Sorted, but a star element stays first only if the text started with it (Vixie's flag).
        let startsWithStar = text.hasPrefix("*")
        let sorted = elements.sorted { $0.sortKey < $1.sortKey }
        self.elements = startsWithStar ? sorted : sorted.filter { !$0.isStar } + sorted.filter(\.isStar)
        self.startsWithStar = startsWithStar
        self.hasStep = hasStep
    }

    private static func mask(of element: Element, kind: CronFieldKind) -> UInt64 {
        var mask: UInt64 = 0
        func add(_ v: Int) { mask |= 1 << UInt64(kind == .dayOfWeek && v == 7 ? 0 : v) }
        switch element {
        case .star(let step):
            for v in stride(from: kind.bounds.lowerBound, through: kind.starUpperBound, by: step) { add(v) }
        case .value(let v):
            add(v)
        case let .range(lo, hi, step):
            for v in stride(from: lo, through: hi, by: step) { add(v) }
        }
        return mask
    }

    private static func parseElement(_ part: String, kind: CronFieldKind) throws -> Element {
        func fail(_ reason: String) -> CronError { .invalidField(field: kind, text: part, reason: reason) }
        guard !part.isEmpty else { throw fail("empty list element") }
        let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { throw fail("more than one \"/\"") }
        var step = 1
        if pieces.count == 2 {
            let stepText = String(pieces[1])
            guard stepText.count <= 4, stepText.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let s = Int(stepText), s >= 1 else {
                throw fail("step must be a whole number of at least 1")
            }
            guard s <= kind.bounds.count else {
                throw fail("step \(s) is larger than the field's range \(kind.bounds.lowerBound)-\(kind.bounds.upperBound)")
            }
            step = s
        }
        let base = String(pieces[0])
        if base == "*" { return .star(step: step) }
        let ends = base.split(separator: "-", omittingEmptySubsequences: false)
        switch ends.count {
        case 1:
            let v = try value(String(ends[0]), kind: kind, element: part)
            // `a/n` means "from a to the end of the range, every n".
            return pieces.count == 2 ? .range(v, kind.starUpperBound, step: step) : .value(fold(v, kind))
        case 2:
            let lo = try value(String(ends[0]), kind: kind, element: part)
            var hi = try value(String(ends[1]), kind: kind, element: part)
            // A day-of-week range may end on SUN/0, meaning the Sunday at the end of the week (7).
            if kind == .dayOfWeek, hi == 0, lo > 0 { hi = 7 }
            guard lo <= hi else { throw fail("range start \(lo) is after its end \(hi)") }
            if lo == hi && step == 1 { return .value(fold(lo, kind)) }
            return .range(lo, hi, step: step)
        default:
            throw fail("malformed range (expected a-b)")
        }
    }

    private static func fold(_ v: Int, _ kind: CronFieldKind) -> Int { kind == .dayOfWeek && v == 7 ? 0 : v }

    private static func value(_ text: String, kind: CronFieldKind, element: String) throws -> Int {
        let bounds = kind.bounds
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard text.count <= 4, let v = Int(text), bounds.contains(v) else {
                throw CronError.invalidField(field: kind, text: element,
                                             reason: "value out of range \(bounds.lowerBound)-\(bounds.upperBound)")
            }
            return v
        }
        if let index = kind.names.firstIndex(of: text.uppercased()) { return index + kind.firstNamedValue }
        let expected: String
        switch kind {
        case .month: expected = "a number or a month name (JAN-DEC)"
        case .dayOfWeek: expected = "a number or a weekday name (SUN-SAT)"
        default: expected = "a number"
        }
        throw CronError.invalidField(field: kind, text: element,
                                     reason: text.isEmpty ? "missing value, expected \(expected)"
                                                          : "\"\(text)\" is not \(expected)")
    }
}
