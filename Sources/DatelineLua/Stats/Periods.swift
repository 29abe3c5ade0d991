import Foundation

/// Calendar periods for time series: ISO dates bucketed by day, ISO week or month (UTC, no Lua here).
public enum PeriodUnit: String, CaseIterable, Sendable {
    case day, week, month

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// The period label of an ISO date (`2026-02-05` → day `2026-02-05`, week `2026-W06`, month `2026-02`);
    /// nil for a missing or malformed date.
    public func label(forISODate iso: String) -> String? {
        guard let date = Self.parse(iso) else { return nil }
        return label(for: date)
    }

    /// Every label from `first` to `last` inclusive (labels as returned by `label(forISODate:)`), so a
    /// series has no gaps. Empty when either label cannot be read; capped at `limit` periods.
    public func labels(from first: String, through last: String, limit: Int = 100_000) -> [String] {
        guard let begin = start(of: first), let end = start(of: last), begin <= end else { return [] }
        var result: [String] = []
        var current = begin
        let component: Calendar.Component = self == .day ? .day : self == .week ? .weekOfYear : .month
        while current <= end && result.count < limit {
            result.append(label(for: current))
            guard let next = Self.calendar.date(byAdding: component, value: 1, to: current) else { break }
            current = next
        }
        return result
    }

    private func label(for date: Date) -> String {
        let c = Self.calendar
        switch self {
        case .day:
            let d = c.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", d.year ?? 0, d.month ?? 0, d.day ?? 0)
        case .month:
            let d = c.dateComponents([.year, .month], from: date)
            return String(format: "%04d-%02d", d.year ?? 0, d.month ?? 0)
        case .week:
            let d = c.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            return String(format: "%04d-W%02d", d.yearForWeekOfYear ?? 0, d.weekOfYear ?? 0)
        }
    }

    /// The first day of a period label.
    private func start(of label: String) -> Date? {
        switch self {
        case .day: return Self.parse(label)
        case .month: return Self.parse(label + "-01")
        case .week:
            let parts = label.split(separator: "-")
            guard parts.count == 2, let year = Int(parts[0]), parts[1].hasPrefix("W"), let week = Int(parts[1].dropFirst()) else { return nil }
            var d = DateComponents()
            d.yearForWeekOfYear = year
            d.weekOfYear = week
            d.weekday = 2
            return Self.calendar.date(from: d)
        }
    }

    /// `YYYY-MM-DD` (anything after the day, e.g. a time, is ignored) as midnight UTC.
    static func parse(_ iso: String) -> Date? {
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        var components = DateComponents()
        components.year = y
        components.month = m
        components.day = d
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == d else { return nil }
        return date
    }
}
