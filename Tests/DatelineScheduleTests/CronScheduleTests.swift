import DatelineSchedule
import XCTest

/// Expected fire times are worked out by hand from the zone rules (verified transition instants:
/// Berlin 2026-03-29/10-25 01:00Z, New York 2026-03-08 07:00Z / 11-01 06:00Z, Lord Howe 2026-04-04 15:00Z
/// back to +10:30 and 2026-10-03 15:30Z forward to +11:00).
final class CronScheduleTests: XCTestCase {
    struct Case {
        let expression: String
        let zone: String
        let after: String
        let expected: [String]
        let line: UInt
        init(_ expression: String, _ zone: String, after: String, _ expected: [String], line: UInt = #line) {
            self.expression = expression; self.zone = zone; self.after = after
            self.expected = expected; self.line = line
        }
    }

    let cases: [Case] = [
        // Europe/Berlin spring forward 2026-03-29: 02:00 CET -> 03:00 CEST.
        Case("30 2 * * *", "Europe/Berlin", after: "2026-03-28T12:00:00+01:00",
             ["2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"]),
        Case("0,30 2 * * *", "Europe/Berlin", after: "2026-03-29T00:00:00+01:00",
             ["2026-03-29T03:00:00+02:00", "2026-03-30T02:00:00+02:00"]),
        Case("15 2 * * *", "Europe/Berlin", after: "2026-03-29T01:59:00+01:00", ["2026-03-29T03:00:00+02:00"]),
        Case("30 2,3 * * *", "Europe/Berlin", after: "2026-03-29T00:00:00+01:00",
             ["2026-03-29T03:00:00+02:00", "2026-03-29T03:30:00+02:00", "2026-03-30T02:30:00+02:00"]),
        Case("0 */2 * * *", "Europe/Berlin", after: "2026-03-28T23:00:00+01:00",
             ["2026-03-29T00:00:00+01:00", "2026-03-29T04:00:00+02:00"]),
        Case("*/30 * * * *", "Europe/Berlin", after: "2026-03-29T01:00:00+01:00",
             ["2026-03-29T01:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T03:30:00+02:00"]),
        Case("30 * * * *", "Europe/Berlin", after: "2026-03-29T01:00:00+01:00",
             ["2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00"]),
        // Europe/Berlin fall back 2026-10-25: 03:00 CEST -> 02:00 CET (02:xx happens twice).
        Case("30 2 * * *", "Europe/Berlin", after: "2026-10-24T12:00:00+02:00",
             ["2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"]),
        Case("30 2 * * *", "Europe/Berlin", after: "2026-10-25T02:40:00+02:00", ["2026-10-26T02:30:00+01:00"]),
        Case("0 2 * * *", "Europe/Berlin", after: "2026-10-25T00:00:00+02:00",
             ["2026-10-25T02:00:00+02:00", "2026-10-26T02:00:00+01:00"]),
        Case("0 3 * * *", "Europe/Berlin", after: "2026-10-25T00:00:00+02:00", ["2026-10-25T03:00:00+01:00"]),
        Case("30 * * * *", "Europe/Berlin", after: "2026-10-25T01:45:00+02:00",
             ["2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00", "2026-10-25T03:30:00+01:00"]),
        Case("0 */2 * * *", "Europe/Berlin", after: "2026-10-24T23:00:00+02:00",
             ["2026-10-25T00:00:00+02:00", "2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00",
              "2026-10-25T04:00:00+01:00"]),
        Case("0 0-23/3 * * *", "Europe/Berlin", after: "2026-10-25T01:00:00+02:00",
             ["2026-10-25T03:00:00+01:00", "2026-10-25T06:00:00+01:00"]),
        // America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST.
        Case("30 2 * * *", "America/New_York", after: "2026-03-07T12:00:00-05:00",
             ["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"]),
        Case("0 * * * *", "America/New_York", after: "2026-03-08T01:30:00-05:00",
             ["2026-03-08T03:00:00-04:00", "2026-03-08T04:00:00-04:00"]),
        Case("30 1 * * *", "America/New_York", after: "2026-10-31T12:00:00-04:00",
             ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"]),
        Case("*/30 * * * *", "America/New_York", after: "2026-11-01T00:15:00-04:00",
             ["2026-11-01T00:30:00-04:00", "2026-11-01T01:00:00-04:00", "2026-11-01T01:30:00-04:00",
              "2026-11-01T01:00:00-05:00", "2026-11-01T01:30:00-05:00", "2026-11-01T02:00:00-05:00"]),
        Case("0 9 * * MON-FRI", "America/New_York", after: "2026-03-06T10:00:00-05:00",
             ["2026-03-09T09:00:00-04:00", "2026-03-10T09:00:00-04:00"]),
        // Australia/Lord_Howe: 2026-04-05 02:00 +11:00 -> 01:30 +10:30; 2026-10-04 02:00 +10:30 -> 02:30 +11:00.
        Case("45 1 * * *", "Australia/Lord_Howe", after: "2026-04-04T12:00:00+11:00",
             ["2026-04-05T01:45:00+11:00", "2026-04-06T01:45:00+10:30"]),
        Case("30 1 * * *", "Australia/Lord_Howe", after: "2026-04-04T12:00:00+11:00", ["2026-04-05T01:30:00+11:00"]),
        Case("0 2 * * *", "Australia/Lord_Howe", after: "2026-04-04T12:00:00+11:00",
             ["2026-04-05T02:00:00+10:30", "2026-04-06T02:00:00+10:30"]),
        Case("45 * * * *", "Australia/Lord_Howe", after: "2026-04-05T00:30:00+11:00",
             ["2026-04-05T00:45:00+11:00", "2026-04-05T01:45:00+11:00", "2026-04-05T01:45:00+10:30",
              "2026-04-05T02:45:00+10:30"]),
        Case("15 2 * * *", "Australia/Lord_Howe", after: "2026-10-03T12:00:00+10:30",
             ["2026-10-04T02:30:00+11:00", "2026-10-05T02:15:00+11:00"]),
        Case("45 2 * * *", "Australia/Lord_Howe", after: "2026-10-03T12:00:00+10:30", ["2026-10-04T02:45:00+11:00"]),
        Case("*/15 * * * *", "Australia/Lord_Howe", after: "2026-10-04T01:40:00+10:30",
             ["2026-10-04T01:45:00+10:30", "2026-10-04T02:30:00+11:00", "2026-10-04T02:45:00+11:00"]),
        // Asia/Ho_Chi_Minh: +07:00 all year.
        Case("0 9 * * MON-FRI", "Asia/Ho_Chi_Minh", after: "2026-03-06T10:00:00+07:00",
             ["2026-03-09T09:00:00+07:00", "2026-03-10T09:00:00+07:00"]),
        Case("*/20 23 31 DEC *", "Asia/Ho_Chi_Minh", after: "2026-06-01T00:00:00+07:00",
             ["2026-12-31T23:00:00+07:00", "2026-12-31T23:20:00+07:00", "2026-12-31T23:40:00+07:00",
              "2027-12-31T23:00:00+07:00"]),
        // Macros, names, steps (UTC).
        Case("@hourly", "UTC", after: "2026-05-01T10:15:00Z", ["2026-05-01T11:00:00+00:00"]),
        Case("@daily", "UTC", after: "2026-05-01T10:15:00Z", ["2026-05-02T00:00:00+00:00"]),
        Case("@midnight", "UTC", after: "2026-05-01T10:15:00Z", ["2026-05-02T00:00:00+00:00"]),
        Case("@weekly", "UTC", after: "2026-05-01T10:00:00Z", ["2026-05-03T00:00:00+00:00", "2026-05-10T00:00:00+00:00"]),
        Case("@monthly", "UTC", after: "2026-05-01T10:00:00Z", ["2026-06-01T00:00:00+00:00"]),
        Case("@yearly", "UTC", after: "2026-05-01T10:00:00Z", ["2027-01-01T00:00:00+00:00"]),
        Case("@annually", "UTC", after: "2026-05-01T10:00:00Z", ["2027-01-01T00:00:00+00:00"]),
        Case("0 12 1 JAN,jul *", "UTC", after: "2026-02-01T00:00:00Z",
             ["2026-07-01T12:00:00+00:00", "2027-01-01T12:00:00+00:00"]),
        Case("0 0 * * 7", "UTC", after: "2026-05-01T10:00:00Z", ["2026-05-03T00:00:00+00:00"]),
        Case("0 0 * * FRI-SUN", "UTC", after: "2026-05-04T00:00:00Z",
             ["2026-05-08T00:00:00+00:00", "2026-05-09T00:00:00+00:00", "2026-05-10T00:00:00+00:00",
              "2026-05-15T00:00:00+00:00"]),
        Case("1-30/10 * * * *", "UTC", after: "2026-05-01T10:00:00Z",
             ["2026-05-01T10:01:00+00:00", "2026-05-01T10:11:00+00:00", "2026-05-01T10:21:00+00:00",
              "2026-05-01T11:01:00+00:00"]),
        Case("5/20 * * * *", "UTC", after: "2026-05-01T10:00:00Z",
             ["2026-05-01T10:05:00+00:00", "2026-05-01T10:25:00+00:00", "2026-05-01T10:45:00+00:00",
              "2026-05-01T11:05:00+00:00"]),
        Case("*/15 * * * *", "UTC", after: "2026-05-01T10:15:00Z", ["2026-05-01T10:30:00+00:00"]),
        Case("0 0 29 2 *", "UTC", after: "2026-01-01T00:00:00Z", ["2028-02-29T00:00:00+00:00", "2032-02-29T00:00:00+00:00"]),
        Case("59 23 31 12 *", "UTC", after: "2026-12-31T23:59:00Z", ["2027-12-31T23:59:00+00:00"]),
        // Vixie day rule: both restricted -> OR; a field starting with * -> AND.
        Case("0 0 15 * MON", "UTC", after: "2026-04-01T00:00:00Z",
             ["2026-04-06T00:00:00+00:00", "2026-04-13T00:00:00+00:00", "2026-04-15T00:00:00+00:00",
              "2026-04-20T00:00:00+00:00"]),
        Case("0 0 */10 * MON", "UTC", after: "2026-01-01T00:00:00Z",
             ["2026-05-11T00:00:00+00:00", "2026-06-01T00:00:00+00:00"]),
        Case("0 0 15 * *", "UTC", after: "2026-04-01T00:00:00Z", ["2026-04-15T00:00:00+00:00", "2026-05-15T00:00:00+00:00"]),
        Case("0 0 * * MON", "UTC", after: "2026-04-01T00:00:00Z", ["2026-04-06T00:00:00+00:00", "2026-04-13T00:00:00+00:00"]),
        Case("0 0 30 2 MON", "UTC", after: "2026-01-31T00:00:00Z", ["2026-02-02T00:00:00+00:00"]),
        // Feb 29 that is also a Sunday (AND, since day-of-week starts with *): next in 2032.
        Case("0 0 29 2 */7", "UTC", after: "2026-01-01T00:00:00Z", ["2032-02-29T00:00:00+00:00"]),
    ]

    func testExpectedFireTable() throws {
        for c in cases {
            let schedule = try CronSchedule(expression: c.expression, timeZoneIdentifier: c.zone)
            let fires = schedule.fires(after: instant(c.after, line: c.line), count: c.expected.count)
            let printed = fires.map { ScheduleTime.iso8601($0, in: schedule.timeZone) }
            XCTAssertEqual(printed, c.expected, "\(c.expression) in \(c.zone) after \(c.after)", line: c.line)
            // The printed text must also denote the right instant (checked with Foundation's parser).
            XCTAssertEqual(fires, c.expected.map { instant($0, line: c.line) }, c.expression, line: c.line)
        }
    }

    func testNextFireIsStrictlyAfterAndHandlesFractionalSeconds() throws {
        let schedule = try CronSchedule(expression: "0 * * * *", timeZoneIdentifier: "UTC")
        XCTAssertEqual(schedule.nextFire(after: instant("2026-05-01T10:00:00Z")), instant("2026-05-01T11:00:00Z"))
        XCTAssertEqual(schedule.nextFire(after: instant("2026-05-01T09:59:59Z").addingTimeInterval(0.5)),
                       instant("2026-05-01T10:00:00Z"))
    }

    func testFiresFromThroughIsInclusive() throws {
        let schedule = try CronSchedule(expression: "0 */6 * * *", timeZoneIdentifier: "UTC")
        let fires = schedule.fires(from: instant("2026-05-01T06:00:00Z"), through: instant("2026-05-02T00:00:00Z"))
        XCTAssertEqual(fires, ["2026-05-01T06:00:00Z", "2026-05-01T12:00:00Z", "2026-05-01T18:00:00Z",
                               "2026-05-02T00:00:00Z"].map { instant($0) })
        XCTAssertEqual(schedule.fires(from: instant("2026-05-01T06:00:00Z"), through: instant("2026-05-03T00:00:00Z"),
                                      limit: 2).count, 2)
    }

    func testLatestFiresReturnsNewestAndReportsTruncation() throws {
        let schedule = try CronSchedule(expression: "*/5 * * * *", timeZoneIdentifier: "UTC")
        let start = instant("2026-05-01T00:00:00Z"), end = instant("2026-05-01T01:00:00Z")
        let few = schedule.latestFires(after: start, through: end, limit: 3)
        XCTAssertEqual(few.fires, ["2026-05-01T00:50:00Z", "2026-05-01T00:55:00Z", "2026-05-01T01:00:00Z"].map { instant($0) })
        XCTAssertFalse(few.complete)
        let all = schedule.latestFires(after: start, through: end, limit: 100)
        XCTAssertEqual(all.fires.count, 12)       // 00:05 ... 01:00; 00:00 is not after start
        XCTAssertTrue(all.complete)
        let exact = schedule.latestFires(after: start, through: end, limit: 12)
        XCTAssertEqual(exact.fires.count, 12)
        XCTAssertTrue(exact.complete)
        // A year of minutes must not be enumerated one by one to find the latest few.
        let minutes = try CronSchedule(expression: "* * * * *", timeZoneIdentifier: "UTC")
        let latest = minutes.latestFires(after: instant("2025-05-01T00:00:00Z"), through: end, limit: 1)
        XCTAssertEqual(latest.fires, [end])
        XCTAssertFalse(latest.complete)
    }

    func testDefaultZoneIsSystemZone() throws {
        let schedule = try CronSchedule(expression: "@daily")
        XCTAssertEqual(schedule.timeZone.identifier, TimeZone.current.identifier)
    }

    func testUnknownTimeZoneIsRefused() {
        XCTAssertThrowsError(try CronSchedule(expression: "0 0 * * *", timeZoneIdentifier: "Mars/Olympus_Mons")) { error in
            XCTAssertEqual(error as? CronError, .unknownTimeZone("Mars/Olympus_Mons"))
            XCTAssertEqual("\(error)", "schedule: unknown time zone \"Mars/Olympus_Mons\" (use an IANA name such as Europe/Berlin)")
        }
    }

    func testFarFutureAndInvalidDatesDoNotCrash() throws {
        let schedule = try CronSchedule(expression: "0 0 * * *", timeZoneIdentifier: "Europe/Berlin")
        XCTAssertNil(schedule.nextFire(after: Date(timeIntervalSince1970: .infinity)))
        XCTAssertNil(schedule.nextFire(after: Date(timeIntervalSince1970: .nan)))
        XCTAssertNotNil(schedule.nextFire(after: instant("2999-06-01T00:00:00Z")))
    }
}
