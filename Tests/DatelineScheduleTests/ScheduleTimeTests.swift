import DatelineSchedule
import XCTest

final class ScheduleTimeTests: XCTestCase {
    func testFormatsWithZoneOffset() {
        let date = instant("2026-03-29T01:00:00Z")
        XCTAssertEqual(ScheduleTime.iso8601(date, in: zone("Europe/Berlin")), "2026-03-29T03:00:00+02:00")
        XCTAssertEqual(ScheduleTime.iso8601(date, in: zone("America/New_York")), "2026-03-28T21:00:00-04:00")
        XCTAssertEqual(ScheduleTime.iso8601(date, in: zone("Australia/Lord_Howe")), "2026-03-29T12:00:00+11:00")
        XCTAssertEqual(ScheduleTime.iso8601(instant("2026-06-01T00:00:00Z"), in: zone("Australia/Lord_Howe")),
                       "2026-06-01T10:30:00+10:30")
        XCTAssertEqual(ScheduleTime.iso8601(date, in: zone("UTC")), "2026-03-29T01:00:00+00:00")
        XCTAssertEqual(ScheduleTime.iso8601(date.addingTimeInterval(0.9), in: zone("UTC")), "2026-03-29T01:00:00+00:00")
        XCTAssertEqual(ScheduleTime.iso8601(instant("1969-12-31T23:59:59Z"), in: zone("UTC")), "1969-12-31T23:59:59+00:00")
    }

    func testParsesISO8601WithOffsetOrZ() throws {
        let berlin = zone("Europe/Berlin")
        XCTAssertEqual(try ScheduleTime.parse("2026-03-29T03:00:00+02:00", in: berlin), instant("2026-03-29T01:00:00Z"))
        XCTAssertEqual(try ScheduleTime.parse("2026-03-29T01:00:00Z", in: berlin), instant("2026-03-29T01:00:00Z"))
        XCTAssertEqual(try ScheduleTime.parse("2026-03-29T01:00Z", in: berlin), instant("2026-03-29T01:00:00Z"))
        XCTAssertEqual(try ScheduleTime.parse("2026-03-29T06:30:00+0530", in: berlin), instant("2026-03-29T01:00:00Z"))
        XCTAssertEqual(try ScheduleTime.parse("2026-03-28T20:00:00-05:00", in: berlin), instant("2026-03-29T01:00:00Z"))
        XCTAssertEqual(try ScheduleTime.parse("2026-03-29T01:00:00.250Z", in: berlin).timeIntervalSince1970,
                       instant("2026-03-29T01:00:00Z").timeIntervalSince1970 + 0.25, accuracy: 0.0001)
    }

    func testParsesLocalTimeInScheduleZone() throws {
        let berlin = zone("Europe/Berlin")
        XCTAssertEqual(try ScheduleTime.parse("2026-03-28 02:30", in: berlin), instant("2026-03-28T01:30:00Z"))
        XCTAssertEqual(try ScheduleTime.parse("2026-07-01 12:00:30", in: berlin), instant("2026-07-01T10:00:30Z"))
        XCTAssertEqual(try ScheduleTime.parse("2026-07-01T12:00", in: berlin), instant("2026-07-01T10:00:00Z"))
        XCTAssertEqual(try ScheduleTime.parse("2026-07-01", in: berlin), instant("2026-06-30T22:00:00Z"))
        // Inside the spring-forward gap: the end of the gap. In the repeated hour: the first occurrence.
        XCTAssertEqual(try ScheduleTime.parse("2026-03-29 02:30", in: berlin), instant("2026-03-29T01:00:00Z"))
        XCTAssertEqual(try ScheduleTime.parse("2026-10-25 02:30", in: berlin), instant("2026-10-25T00:30:00Z"))
        XCTAssertEqual(try ScheduleTime.parse("2026-10-04 02:10", in: zone("Australia/Lord_Howe")),
                       instant("2026-10-03T15:30:00Z"))
        XCTAssertEqual(try ScheduleTime.parse("2026-06-01 09:00", in: zone("Asia/Ho_Chi_Minh")),
                       instant("2026-06-01T02:00:00Z"))
    }

    func testRejectsMalformedTimes() {
        let table: [(String, String)] = [
            ("yesterday", #"time "yesterday": expected ISO 8601 such as 2026-03-29T03:00:00+02:00 or a local "YYYY-MM-DD HH:MM""#),
            ("2026-13-01 00:00", #"time "2026-13-01 00:00": month 13 out of range 1-12"#),
            ("2026-02-29 00:00", #"time "2026-02-29 00:00": day 29 out of range 1-28 for 2026-02"#),
            ("2026-02-01 24:00", #"time "2026-02-01 24:00": hour 24 out of range 0-23"#),
            ("2026-02-01 10:60", #"time "2026-02-01 10:60": minute 60 out of range 0-59"#),
            ("2026-02-01T10:00:00+25:00", #"time "2026-02-01T10:00:00+25:00": UTC offset out of range"#),
            ("2026-02-01T10:00:00 junk", #"time "2026-02-01T10:00:00 junk": expected ISO 8601 such as 2026-03-29T03:00:00+02:00 or a local "YYYY-MM-DD HH:MM""#),
            ("", #"time "": expected ISO 8601 such as 2026-03-29T03:00:00+02:00 or a local "YYYY-MM-DD HH:MM""#),
        ]
        for (input, message) in table {
            XCTAssertThrowsError(try ScheduleTime.parse(input, in: zone("UTC")), input) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    func testRoundTripThroughFormatter() throws {
        for id in ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Ho_Chi_Minh"] {
            let tz = zone(id)
            for text in ["2026-03-29T01:00:00Z", "2026-10-25T00:30:00Z", "2026-11-01T06:30:00Z", "2026-04-04T15:15:00Z"] {
                let date = instant(text)
                XCTAssertEqual(try ScheduleTime.parse(ScheduleTime.iso8601(date, in: tz), in: tz), date, "\(id) \(text)")
            }
        }
    }
}
