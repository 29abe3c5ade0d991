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
        // Integer arithmetic instead of String(format:), which is slow and this runs per table cell.
        let factor = [1, 10, 100, 1000, 10000][decimals]
        let scaled = Int64((magnitude * Double(factor)).rounded())
        var whole = String(scaled / Int64(factor))
        var fraction = String(scaled % Int64(factor))
        if fraction.count < decimals { fraction = String(repeating: "0", count: decimals - fraction.count) + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if !fraction.isEmpty { whole += "." + fraction }
        return value < 0 && scaled != 0 ? "-" + whole : whole
    }

    /// Exact, round-trippable form for data exports (shortest representation; integral values without `.0`).
    public static func exact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
