import DatelineSchedule
import XCTest

/// Cross-checks `nextFire` against a minute-by-minute oracle (Foundation's Calendar for date fields, no
/// skipping, no civil-date arithmetic of its own) around the DST transitions of 2026.
final class BruteForceOracleTests: XCTestCase {
    /// Deterministic pseudo-random numbers so failures are reproducible.
    struct LCG {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    struct Oracle {
        let expression: CronExpression
        let zone: TimeZone
        let utc: Calendar

        init(_ expression: CronExpression, _ zone: TimeZone) {
            self.expression = expression
            self.zone = zone
            var utc = Calendar(identifier: .gregorian)
            utc.timeZone = TimeZone(secondsFromGMT: 0)!
            self.utc = utc
        }

        func wall(_ u: Int) -> Int { u + zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(u))) }

        /// Whether a wall time (as seconds, read in UTC) matches every field, Vixie day rule included.
        func matches(wall w: Int) -> Bool {
            // Minute and hour straight from the seconds; the calendar only for the date fields.
            guard expression.minute.contains(w % 3600 / 60), expression.hour.contains(w % 86_400 / 3600) else {
                return false
            }
            let c = utc.dateComponents([.month, .day, .hour, .minute, .weekday], from: Date(timeIntervalSince1970: TimeInterval(w)))
            guard let month = c.month, let day = c.day, let hour = c.hour, let minute = c.minute, let weekday = c.weekday
            else { return false }
            guard expression.minute.values.contains(minute), expression.hour.values.contains(hour),
                  expression.month.values.contains(month) else { return false }
            let dom = expression.dayOfMonth.values.contains(day)
            let dow = expression.dayOfWeek.values.contains(weekday - 1)
            return expression.usesDayOrRule ? (dom || dow) : (dom && dow)
        }

        /// Local wall time at `u`, as wall seconds.
        func localWall(_ u: Int) -> Int { wall(u) }

        func isFire(_ u: Int) -> Bool {
            let w = localWall(u)
            if expression.followsElapsedTime { return matches(wall: w) }
            // Fixed time: first occurrence of a matching wall time ...
            if matches(wall: w) {
                let clocksWentBack = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(u - 4 * 3600)))
                    > zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(u)))
                let earlierCopy = clocksWentBack && stride(from: u - 60, through: u - 4 * 3600, by: -60).contains { localWall($0) == w }
                if !earlierCopy { return true }
            }
            // ... or the first instant after a gap that swallowed a matching wall time.
            let previous = localWall(u - 60)
            if w - previous > 60 {
                return stride(from: previous + 60, to: w, by: 60).contains { matches(wall: $0) }
            }
            return false
        }

        func nextFire(after t: Int, window: Int) -> Int? {
            var u = t / 60 * 60 + 60
            while u <= t + window {
                if isFire(u) { return u }
                u += 60
            }
            return nil
        }
    }

    func testNextFireAgreesWithMinuteByMinuteOracleAroundTransitions() throws {
        let transitions: [(String, String)] = [
            ("Europe/Berlin", "2026-03-29T01:00:00Z"), ("Europe/Berlin", "2026-10-25T01:00:00Z"),
            ("America/New_York", "2026-03-08T07:00:00Z"), ("America/New_York", "2026-11-01T06:00:00Z"),
            ("Australia/Lord_Howe", "2026-04-04T15:00:00Z"), ("Australia/Lord_Howe", "2026-10-03T15:30:00Z"),
            ("Asia/Ho_Chi_Minh", "2026-06-01T00:00:00Z"),
        ]
        let minutes = ["0", "30", "15,45", "*/15", "0-59/20", "*", "10-20", "5/25"]
        let hours = ["1", "2", "3", "1-3", "0,2,4", "*", "*/2", "0-23/3", "2/5", "1,*/4"]
        let doms = ["*", "*", "1-31", "25-31", "*/2", "4,5,8,9"]
        let dows = ["*", "*", "0", "MON-FRI", "SUN,SAT", "*/3"]
        var random = LCG(state: 20_260_329)
        var checked = 0
        for _ in 0..<160 {
            let (zoneID, around) = random.pick(transitions)
            let text = "\(random.pick(minutes)) \(random.pick(hours)) \(random.pick(doms)) * \(random.pick(dows))"
            let schedule = try CronSchedule(expression: text, timeZoneIdentifier: zoneID)
            let oracle = Oracle(schedule.expression, schedule.timeZone)
            let start = Int(instant(around).timeIntervalSince1970) - 6 * 3600 + random.next(10 * 3600)
            let window = 2 * 86_400
            var t = start
            for _ in 0..<4 {
                let expected = oracle.nextFire(after: t, window: window)
                let actual = schedule.nextFire(after: Date(timeIntervalSince1970: TimeInterval(t)))
                if let expected {
                    XCTAssertEqual(actual.map { Int($0.timeIntervalSince1970) }, expected,
                                   "\(text) in \(zoneID) after \(ScheduleTime.iso8601(Date(timeIntervalSince1970: TimeInterval(t)), in: schedule.timeZone))")
                    t = expected
                    checked += 1
                } else {
                    XCTAssertTrue(actual.map { Int($0.timeIntervalSince1970) > t + window } ?? true, "\(text) in \(zoneID)")
                    break
                }
            }
        }
        XCTAssertGreaterThan(checked, 300)
    }
}
