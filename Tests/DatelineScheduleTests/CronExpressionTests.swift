import DatelineSchedule
import XCTest

final class CronExpressionTests: XCTestCase {
    func testNormalizedDescription() throws {
        let table: [(String, String)] = [
            ("0 7 * * MON", "0 7 * * 1"),
            ("*/1 0-0 1,1 JAN-MAR SUN,7", "* 0 1 1-3 0"),
            ("5/10 * * * *", "5-59/10 * * * *"),
            ("30,10,20 */2 * * *", "10,20,30 */2 * * *"),
            ("0 0 * * FRI-SUN", "0 0 * * 5-7"),
            ("0 9 * * mon-fri", "0 9 * * 1-5"),
            ("0 12 1 jan,Jul *", "0 12 1 1,7 *"),
            ("  0\t0  1 1 *  ", "0 0 1 1 *"),
            ("@daily", "0 0 * * *"),
            ("@weekly", "0 0 * * 0"),
            ("@hourly", "0 * * * *"),
            ("@ANNUALLY", "0 0 1 1 *"),
            ("0 0 5,*/2 * MON", "0 0 5,*/2 * 1"),
            ("0 0 */2,5 * MON", "0 0 */2,5 * 1"),
        ]
        for (input, expected) in table {
            let expression = try CronExpression(parsing: input)
            XCTAssertEqual(expression.description, expected, input)
            XCTAssertEqual(try CronExpression(parsing: expected), expression, "round trip of \(input)")
        }
    }

    func testNamesAndNumbersAreEquivalent() throws {
        XCTAssertEqual(try CronExpression(parsing: "0 0 * * SUN"), try CronExpression(parsing: "0 0 * * 7"))
        XCTAssertEqual(try CronExpression(parsing: "0 0 * * 0"), try CronExpression(parsing: "0 0 * * 7"))
        XCTAssertEqual(try CronExpression(parsing: "0 0 1 DEC *"), try CronExpression(parsing: "0 0 1 12 *"))
    }

    func testFieldValuesAndFlags() throws {
        let e = try CronExpression(parsing: "1-30/10 */6 */10 * 1-5")
        XCTAssertEqual(e.minute.values, [1, 11, 21])
        XCTAssertEqual(e.hour.values, [0, 6, 12, 18])
        XCTAssertEqual(e.dayOfMonth.values, [1, 11, 21, 31])
        XCTAssertEqual(e.dayOfWeek.values, [1, 2, 3, 4, 5])
        XCTAssertTrue(e.dayOfMonth.startsWithStar)
        XCTAssertFalse(e.usesDayOrRule)
        XCTAssertTrue(e.followsElapsedTime)
        XCTAssertTrue(try CronExpression(parsing: "0 0 1 * MON").usesDayOrRule)
        XCTAssertEqual(try CronExpression(parsing: "0 0 * * 5-7").dayOfWeek.values, [0, 5, 6])
        // Only a leading `*` switches to the AND day rule, as in Vixie cron.
        XCTAssertTrue(try CronExpression(parsing: "0 0 5,*/2 * MON").usesDayOrRule)
        XCTAssertFalse(try CronExpression(parsing: "0 0 */2,5 * MON").usesDayOrRule)
    }

    func testDSTModeFollowsHourField() throws {
        XCTAssertTrue(try CronExpression(parsing: "0 * * * *").followsElapsedTime)
        XCTAssertTrue(try CronExpression(parsing: "0 */2 * * *").followsElapsedTime)
        XCTAssertTrue(try CronExpression(parsing: "0 0-23/3 * * *").followsElapsedTime)
        XCTAssertTrue(try CronExpression(parsing: "0 1/4 * * *").followsElapsedTime)
        XCTAssertFalse(try CronExpression(parsing: "30 2 * * *").followsElapsedTime)
        XCTAssertFalse(try CronExpression(parsing: "*/5 1-3 * * *").followsElapsedTime)
        XCTAssertFalse(try CronExpression(parsing: "0 2,14 * * *").followsElapsedTime)
        XCTAssertTrue(try CronExpression(parsing: "0 5,* * * *").followsElapsedTime)
    }

    func testErrorsNameTheField() {
        let table: [(String, String)] = [
            ("0 0 32 * *", #"cron: field 3 (day-of-month) "32": value out of range 1-31"#),
            ("60 * * * *", #"cron: field 1 (minute) "60": value out of range 0-59"#),
            ("* 24 * * *", #"cron: field 2 (hour) "24": value out of range 0-23"#),
            ("* * 0 * *", #"cron: field 3 (day-of-month) "0": value out of range 1-31"#),
            ("* * * 13 *", #"cron: field 4 (month) "13": value out of range 1-12"#),
            ("* * * * 8", #"cron: field 5 (day-of-week) "8": value out of range 0-7"#),
            ("* * * 1-13 *", #"cron: field 4 (month) "1-13": value out of range 1-12"#),
            ("* * * FOO *", #"cron: field 4 (month) "FOO": "FOO" is not a number or a month name (JAN-DEC)"#),
            ("* * * * MONDAY", #"cron: field 5 (day-of-week) "MONDAY": "MONDAY" is not a number or a weekday name (SUN-SAT)"#),
            ("x * * * *", #"cron: field 1 (minute) "x": "x" is not a number"#),
            ("-5 * * * *", #"cron: field 1 (minute) "-5": missing value, expected a number"#),
            ("*/0 * * * *", #"cron: field 1 (minute) "*/0": step must be a whole number of at least 1"#),
            ("*/x * * * *", #"cron: field 1 (minute) "*/x": step must be a whole number of at least 1"#),
            ("*/+5 * * * *", #"cron: field 1 (minute) "*/+5": step must be a whole number of at least 1"#),
            ("* * */32 * *", #"cron: field 3 (day-of-month) "*/32": step 32 is larger than the field's range 1-31"#),
            ("*/99 * * * *", #"cron: field 1 (minute) "*/99": step 99 is larger than the field's range 0-59"#),
            ("1/2/3 * * * *", #"cron: field 1 (minute) "1/2/3": more than one "/""#),
            ("1-2-3 * * * *", #"cron: field 1 (minute) "1-2-3": malformed range (expected a-b)"#),
            ("5-3 * * * *", #"cron: field 1 (minute) "5-3": range start 5 is after its end 3"#),
            ("1,,2 * * * *", #"cron: field 1 (minute) "1,,2": empty list element"#),
            ("* * *", #"cron: "* * *" has 3 fields, expected 5 (minute hour day-of-month month day-of-week) or a macro such as @daily"#),
            ("", #"cron: "" has 0 fields, expected 5 (minute hour day-of-month month day-of-week) or a macro such as @daily"#),
            ("* * * * * *", #"cron: "* * * * * *" has 6 fields, expected 5 (minute hour day-of-month month day-of-week) or a macro such as @daily"#),
            ("@reboot", #"cron: unknown macro "@reboot" (known: @yearly @annually @monthly @weekly @daily @midnight @hourly)"#),
            ("0 0 30 2 *", #"cron: "0 0 30 2 *" can never fire (February has no day 30)"#),
            ("0 0 30,31 2 *", #"cron: "0 0 30,31 2 *" can never fire (February has no day 30 or 31)"#),
            ("0 0 31 4,6,9,11 *", #"cron: "0 0 31 4,6,9,11 *" can never fire (April, June, September and November have no day 31)"#),
            ("0 0 31 FEB */2", #"cron: "0 0 31 FEB */2" can never fire (February has no day 31)"#),
            ("99999999999999999999 * * * *", #"cron: field 1 (minute) "99999999999999999999": value out of range 0-59"#),
        ]
        for (input, message) in table {
            XCTAssertThrowsError(try CronExpression(parsing: input), input) { error in
                XCTAssertEqual("\(error)", message, input)
                XCTAssertEqual((error as? LocalizedError)?.errorDescription, message)
            }
        }
    }

    func testSatisfiableButUnusualExpressionsAreAccepted() {
        for text in ["0 0 29 2 *", "0 0 30 2 MON", "0 0 31 * *", "0 0 31 2,3 *", "* * * * *", "59 23 31 12 0-7"] {
            XCTAssertNoThrow(try CronExpression(parsing: text), text)
        }
    }
}
