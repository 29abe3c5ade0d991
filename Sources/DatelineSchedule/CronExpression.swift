import Foundation

/// A parsed five-field cron expression (minute hour day-of-month month day-of-week).
///
/// Syntax per field: `*`, a value, a range `a-b`, a step `*/n`, `a-b/n` or `a/n` (= `a-max/n`), and
/// comma-separated lists of these. Months accept JAN-DEC, weekdays SUN-SAT; 0 and 7 are both Sunday.
/// Macros: `@hourly @daily @midnight @weekly @monthly @yearly @annually`.
///
/// Day rule, exactly as Vixie cron: a field "starts with `*`" when its text begins with `*`, which
/// includes `*/2`. If day-of-month or day-of-week starts with `*`, a day must match *both* fields (so a
/// plain `*` does not restrict, while `*/2` still filters by its own values). If neither starts with `*`,
/// a day matches when *either* field matches (`0 0 13 * FRI` = every 13th and every Friday).
public struct CronExpression: Hashable, Sendable, CustomStringConvertible {
    public let minute: CronField
    public let hour: CronField
    public let dayOfMonth: CronField
    public let month: CronField
    public let dayOfWeek: CronField

    /// The supported `@` shortcuts and their five-field meaning.
    public static let macros: [(name: String, expansion: String)] = [
        ("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"), ("@monthly", "0 0 1 * *"),
        ("@weekly", "0 0 * * 0"), ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"), ("@hourly", "0 * * * *"),
    ]

    /// Parses `text`; throws `CronError` for malformed fields and for expressions that can never fire.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var source = trimmed
        if trimmed.hasPrefix("@") {
            guard let macro = Self.macros.first(where: { $0.name == trimmed.lowercased() }) else {
                throw CronError.unknownMacro(trimmed)
            }
            source = macro.expansion
        }
        let parts = source.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard parts.count == 5 else { throw CronError.wrongFieldCount(expression: trimmed, count: parts.count) }
        minute = try CronField(parsing: parts[0], kind: .minute)
        hour = try CronField(parsing: parts[1], kind: .hour)
        dayOfMonth = try CronField(parsing: parts[2], kind: .dayOfMonth)
        month = try CronField(parsing: parts[3], kind: .month)
        dayOfWeek = try CronField(parsing: parts[4], kind: .dayOfWeek)
        if let reason = neverFiresReason() { throw CronError.neverFires(expression: trimmed, reason: reason) }
    }

    /// Normalized five-field form: numbers instead of names, Sunday as 0, sorted lists, macros expanded
    /// (`0 7 * * MON` -> `0 7 * * 1`, `@daily` -> `0 0 * * *`). Parsing it yields an equal expression.
    public var description: String {
        [minute, hour, dayOfMonth, month, dayOfWeek].map(\.description).joined(separator: " ")
    }

    /// True when the hour field contains `*` or uses a step (`*`, `*/2`, `0-23/3`, `1/4`): such schedules
    /// follow real elapsed time across DST changes; all others (`2`, `1-3`, `2,14`) are fixed wall-clock
    /// times (see `CronSchedule`).
    public var followsElapsedTime: Bool { hour.containsStar || hour.hasStep }

    /// True when both day fields restrict and a day matches if either matches (the Vixie OR rule).
    public var usesDayOrRule: Bool { !dayOfMonth.startsWithStar && !dayOfWeek.startsWithStar }

    /// Whether the calendar date passes the month and day fields.
    func matchesDay(year: Int, month m: Int, day: Int) -> Bool {
        guard month.contains(m) else { return false }
        let domOK = dayOfMonth.contains(day)
        let dowOK = dayOfWeek.contains(Civil.weekday(year: year, month: m, day: day))
        return usesDayOrRule ? (domOK || dowOK) : (domOK && dowOK)
    }

    /// The earliest wall time `>= start` (whole minutes) that matches all fields, or nil if none before
    /// `limit` (exclusive, wall seconds) / within `maxYears` years.
    func nextWallTime(atOrAfter start: WallTime, before limit: Int? = nil, maxYears: Int = 401) -> WallTime? {
        var y = start.year, mo = start.month, d = start.day, h = start.hour, mi = start.minute
        let lastYear = start.year + maxYears
        func nextMonth() { mo += 1; if mo > 12 { mo = 1; y += 1 }; d = 1; h = 0; mi = 0 }
        while y <= lastYear {
            if let limit, WallTime(year: y, month: mo, day: d, hour: h, minute: mi).seconds >= limit {
                return nil
            }
            guard let m2 = month.next(atOrAfter: mo), m2 <= 12 else { y += 1; mo = 1; d = 1; h = 0; mi = 0; continue }
            if m2 != mo { mo = m2; d = 1; h = 0; mi = 0 }
            let length = Civil.daysInMonth(year: y, month: mo)
            while d <= length && !matchesDay(year: y, month: mo, day: d) { d += 1; h = 0; mi = 0 }
            if d > length { nextMonth(); continue }
            guard let h2 = hour.next(atOrAfter: h), h2 <= 23 else { d += 1; h = 0; mi = 0; continue }
            if h2 != h { h = h2; mi = 0 }
            guard let m3 = minute.next(atOrAfter: mi), m3 <= 59 else {
                h += 1; mi = 0
                if h > 23 { h = 0; d += 1 }
                continue
            }
            let found = WallTime(year: y, month: mo, day: d, hour: h, minute: m3)
            if let limit, found.seconds >= limit { return nil }
            return found
        }
        return nil
    }

    /// Explains why no date can ever match, or nil when some date does. Only the AND day rule can fail:
    /// then some allowed month must have some allowed day-of-month (every such date falls on every
    /// weekday within the 400-year Gregorian cycle).
    private func neverFiresReason() -> String? {
        if usesDayOrRule { return nil }
        let months = month.values.filter { (1...12).contains($0) }
        let days = dayOfMonth.values
        let possible = months.contains { m in days.contains { $0 <= Civil.maxDaysInMonth(m) } }
        if possible { return nil }
        let monthList = Self.englishList(months.map { Civil.monthNames[$0 - 1] }, conjunction: "and")
        let dayList = Self.englishList(days.map(String.init), conjunction: "or")
        return "\(monthList) \(months.count == 1 ? "has" : "have") no day \(dayList)"
    }

    private static func englishList(_ items: [String], conjunction: String) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}
