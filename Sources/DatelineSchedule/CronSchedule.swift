import Foundation

/// A cron expression bound to an IANA time zone; computes fire instants (UTC `Date`s).
///
/// DST semantics:
/// - Fixed-time schedules (hour field is a value, list or range without step): each matching wall-clock
///   time fires once. A time that does not exist that day (spring-forward gap) fires once right after
///   the gap (Berlin 2026-03-29 `30 2 * * *` -> 03:00 CEST); a repeated time fires at its first occurrence.
/// - Elapsed-time schedules (hour field `*` or a step, see `CronExpression.followsElapsedTime`): fire at
///   every instant whose local wall time matches, so a repeated hour fires in both copies and times
///   inside a gap simply do not occur.
public struct CronSchedule: Hashable, Sendable {
    /// The parsed expression.
    public let expression: CronExpression
    /// The zone whose wall clock the expression is read in.
    public let timeZone: TimeZone
    /// What the minute field counts: minutes (always, outside tests) or seconds (test-only speed-up).
    public let unit: CronTimeUnit

    /// Binds `expression` to `timeZone` (default: the system zone).
    public init(expression: CronExpression, timeZone: TimeZone = .current, unit: CronTimeUnit = .minute) {
        self.expression = expression
        self.timeZone = timeZone
        self.unit = unit
    }

    /// Parses both parts; `timeZoneIdentifier` nil means the system zone. Throws `CronError`
    /// (including `.unknownTimeZone`).
    public init(expression text: String, timeZoneIdentifier: String? = nil) throws {
        let expression = try CronExpression(parsing: text)
        self.init(expression: expression, timeZone: try Self.timeZone(named: timeZoneIdentifier))
    }

    /// Resolves an IANA identifier (nil = system zone); throws `CronError.unknownTimeZone`.
    public static func timeZone(named identifier: String?) throws -> TimeZone {
        guard let identifier else { return .current }
        guard let zone = TimeZone(identifier: identifier) else { throw CronError.unknownTimeZone(identifier) }
        return zone
    }

    private var zone: ZoneClock { ZoneClock(timeZone: timeZone) }

    /// The first fire instant strictly after `date`, or nil if none within 400 years.
    public func nextFire(after date: Date) -> Date? {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 1e12 else { return nil }
        // Fire instants are whole seconds, so "after 10.5" and "after 10" mean the same.
        let after = Int(seconds.rounded(.down))
        if unit == .second { return nextSecondFire(after: after).map { Date(timeIntervalSince1970: TimeInterval($0)) } }
        let result = expression.followsElapsedTime ? nextElapsedFire(after: after) : nextFixedFire(after: after)
        return result.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// The next `count` fire instants strictly after `date` (fewer if the schedule ends).
    public func fires(after date: Date, count: Int) -> [Date] {
        var result: [Date] = []
        var cursor = date
        while result.count < count, let next = nextFire(after: cursor) {
            result.append(next)
            cursor = next
        }
        return result
    }

    /// All fire instants in `from...through` (both inclusive), at most `limit` of them (oldest first).
    public func fires(from start: Date, through end: Date, limit: Int = 10_000) -> [Date] {
        var result: [Date] = []
        var cursor = start.addingTimeInterval(-1)
        while result.count < limit, let next = nextFire(after: cursor), next <= end {
            if next >= start { result.append(next) }
            cursor = next
        }
        return result
    }

    /// The newest fire instants in `(after, through]`, at most `limit`, oldest first; `complete` is false
    /// when older ones were left out. Searches backwards in growing windows, so a long downtime costs
    /// a few times `limit` computations rather than one per missed slot.
    public func latestFires(after start: Date, through end: Date, limit: Int) -> (fires: [Date], complete: Bool) {
        guard limit > 0, end > start else { return ([], end <= start) }
        var window: TimeInterval = 60
        while true {
            let windowStart = max(start, end.addingTimeInterval(-window))
            var found: [Date] = []
            var cursor = windowStart
            var overflow = false
            while let next = nextFire(after: cursor), next <= end {
                found.append(next)
                cursor = next
                if found.count > limit { found.removeFirst(); overflow = true }
            }
            if overflow { return (found, false) }
            if windowStart == start { return (found, true) }
            if found.count == limit { return (found, nextFire(after: start).map { $0 >= found[0] } ?? true) }
            window *= 4
        }
    }

    // MARK: - Test-only seconds granularity

    /// Seconds mode: the minutes matching every field but the minute one, each firing at the seconds
    /// listed in the minute field (`* * * * *` = every second, `*/5 * * * *` = every 5 seconds).
    private func nextSecondFire(after t: Int) -> Int? {
        let rest = expression.description.split(separator: " ").dropFirst().joined(separator: " ")
        guard let minutes = try? CronExpression(parsing: "* " + rest) else { return nil }
        let minuteSchedule = CronSchedule(expression: minutes, timeZone: timeZone)
        let seconds = expression.minute.values
        var minuteStart = Self.floorMinute(t)
        // Is the minute containing `t` a matching one? (its start is the next fire after start - 1)
        var matches = minuteSchedule.nextFire(after: Date(timeIntervalSince1970: TimeInterval(minuteStart - 1)))
            .map { Int($0.timeIntervalSince1970) == minuteStart } ?? false
        for _ in 0..<2 {
            if matches, let second = seconds.first(where: { minuteStart + $0 > t }) { return minuteStart + second }
            guard let next = minuteSchedule.nextFire(after: Date(timeIntervalSince1970: TimeInterval(max(minuteStart, t))))
            else { return nil }
            minuteStart = Int(next.timeIntervalSince1970)
            matches = true
        }
        return nil
    }

    // MARK: - Fixed wall-clock times

    private func nextFixedFire(after t: Int) -> Int? {
        let zone = self.zone
        // A matching wall time before the current wall minute maps to an instant <= t: a gap moves a time
        // forward only to the end of that gap, and an earlier overlap copy is earlier still.
        var wall = WallTime(seconds: Self.floorMinute(zone.wall(at: t)))
        for _ in 0..<10_000 {
            guard let match = expression.nextWallTime(atOrAfter: wall) else { return nil }
            let instant = zone.earliestInstant(forWall: match.seconds)
            if instant > t { return instant }
            wall = WallTime(seconds: match.seconds + 60)
        }
        return nil
    }

    // MARK: - Elapsed time

    /// Walks the timeline in segments of constant UTC offset; inside one, wall time = instant + offset.
    private func nextElapsedFire(after t: Int) -> Int? {
        let zone = self.zone
        var lower = t                 // exclusive for the first segment, inclusive afterwards
        var inclusive = false
        let horizon = t + 401 * 366 * 86_400
        while lower < horizon {
            let offset = zone.offset(at: lower)
            let end = zone.nextTransition(after: lower)
            let lowerWall = lower + offset
            let firstWall = inclusive ? Self.ceilMinute(lowerWall) : Self.floorMinute(lowerWall) + 60
            let limitWall = end.map { $0 + offset }
            if let match = expression.nextWallTime(atOrAfter: WallTime(seconds: firstWall), before: limitWall) {
                let instant = match.seconds - offset
                if zone.offset(at: instant) == offset { return instant }
                // An offset change the transition API did not report: restart at the real change.
                lower = Self.firstChange(of: offset, in: zone, after: lower, atOrBefore: instant)
                inclusive = true
                continue
            }
            guard let end else { return nil }
            lower = end
            inclusive = true
        }
        return nil
    }

    /// The first instant in `(start, end]` whose offset differs from `offset` (binary search; `end` must differ).
    private static func firstChange(of offset: Int, in zone: ZoneClock, after start: Int, atOrBefore end: Int) -> Int {
        var lo = start, hi = end
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if zone.offset(at: mid) == offset { lo = mid } else { hi = mid }
        }
        return hi
    }

    static func floorMinute(_ s: Int) -> Int { Int((Double(s) / 60).rounded(.down)) * 60 }
    static func ceilMinute(_ s: Int) -> Int { Int((Double(s) / 60).rounded(.up)) * 60 }
}
