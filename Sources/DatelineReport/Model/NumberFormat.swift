import Foundation

/// Number formatting shared by all renderers, so a value reads the same in every format.
public enum NumberFormat {
    /// Reading form: integers without decimals, others rounded to at most 4 significant decimals.
    public static func display(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let magnitude = abs(value)
        if magnitude >= 1e15 || magnitude < 1e-4 { return String(format: "%.3g", value) }
        let decimals = magnitude >= 100 ? 1 : (magnitude >= 1 ? 2 : 4)
        var s = String(format: "%.\(decimals)f", value)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    /// Exact, round-trippable form for data exports (shortest representation; integral values without `.0`).
    public static func exact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
