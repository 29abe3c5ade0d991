import Foundation

/// Why a `--from`/`--to` style time argument was refused.
public struct TimeParseError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The text that could not be read.
    public let text: String
    /// What is wrong with it.
    public let reason: String

    public var description: String { "time \"\(text)\": \(reason)" }
    public var errorDescription: String? { description }
}

/// ISO 8601 printing with the zone's offset, and parsing of user-typed times.
public enum ScheduleTime {
    /// `date` as wall time in `timeZone` with its offset, e.g. `2026-03-29T03:00:00+02:00`
    /// (seconds are truncated; a zero offset prints as `+00:00`).
    public static func iso8601(_ date: Date, in timeZone: TimeZone) -> String {
        let instant = Int(date.timeIntervalSince1970.rounded(.down))
        let offset = ZoneClock(timeZone: timeZone).offset(at: instant)
        let w = WallTime(seconds: instant + offset)
        let sign = offset < 0 ? "-" : "+"
        let abs = Swift.abs(offset)
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d",
                          w.year, w.month, w.day, w.hour, w.minute, w.second, sign, abs / 3600, abs % 3600 / 60)
        if abs % 60 != 0 { text += String(format: ":%02d", abs % 60) }
        return text
    }

    /// `date` in UTC with a `Z`, whole seconds: `2026-11-30T00:00:00Z` (how the store keeps times).
    public static func utc(_ date: Date) -> String {
        let w = WallTime(seconds: Int(date.timeIntervalSince1970.rounded(.down)))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", w.year, w.month, w.day, w.hour, w.minute, w.second)
    }

    /// A filesystem-safe UTC stamp for file names: `2026-11-30T00-00-00Z` (no colons).
    public static func fileStamp(_ date: Date) -> String {
        utc(date).replacingOccurrences(of: ":", with: "-")
    }

    /// Reads a `fileStamp` back (`2026-11-30T00-00-00Z`); nil when `text` is not one.
    public static func parseFileStamp(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[13] == UInt8(ascii: "-"), bytes[16] == UInt8(ascii: "-") else { return nil }
        var fixed = bytes
        fixed[13] = UInt8(ascii: ":"); fixed[16] = UInt8(ascii: ":")
        return try? parse(String(decoding: fixed, as: UTF8.self), in: TimeZone(secondsFromGMT: 0) ?? .current)
    }

    /// Reads `2026-03-29T03:00:00+02:00`, `2026-03-29T01:00Z` (ISO 8601 with offset or `Z`, seconds and
    /// fraction optional), or a local `YYYY-MM-DD HH:MM[:SS]` / `YYYY-MM-DD` interpreted in `timeZone`.
    /// A local time inside a DST gap resolves to the end of the gap, a repeated one to its first occurrence.
    public static func parse(_ text: String, in timeZone: TimeZone) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func fail(_ reason: String) -> TimeParseError { TimeParseError(text: text, reason: reason) }
        var scanner = Scanner(Array(trimmed.utf8))
        let expected = "expected ISO 8601 such as 2026-03-29T03:00:00+02:00 or a local \"YYYY-MM-DD HH:MM\""
        guard let year = scanner.number(digits: 4), scanner.take("-"),
              let month = scanner.number(digits: 2), scanner.take("-"),
              let day = scanner.number(digits: 2) else { throw fail(expected) }
        guard (1...12).contains(month) else { throw fail("month \(month) out of range 1-12") }
        let length = Civil.daysInMonth(year: year, month: month)
        guard (1...length).contains(day) else { throw fail("day \(day) out of range 1-\(length) for \(year)-\(String(format: "%02d", month))") }
        var hour = 0, minute = 0, second = 0, fraction = 0.0
        var offset: Int?
        if !scanner.atEnd {
            guard scanner.take("T") || scanner.take(" ") || scanner.take("t") else { throw fail(expected) }
            guard let h = scanner.number(digits: 2), scanner.take(":"), let m = scanner.number(digits: 2) else {
                throw fail(expected)
            }
            hour = h; minute = m
            if scanner.take(":") {
                guard let s = scanner.number(digits: 2) else { throw fail(expected) }
                second = s
                if scanner.take(".") || scanner.take(",") {
                    guard let digits = scanner.digits(), !digits.isEmpty else { throw fail(expected) }
                    fraction = Double("0." + digits) ?? 0
                }
            }
            guard hour <= 23 else { throw fail("hour \(hour) out of range 0-23") }
            guard minute <= 59 else { throw fail("minute \(minute) out of range 0-59") }
            guard second <= 59 else { throw fail("second \(second) out of range 0-59") }
            if scanner.take("Z") || scanner.take("z") {
                offset = 0
            } else if let sign = scanner.sign() {
                guard let oh = scanner.number(digits: 2) else { throw fail("malformed UTC offset") }
                _ = scanner.take(":")
                let om = scanner.number(digits: 2) ?? 0
                guard oh <= 18, om <= 59 else { throw fail("UTC offset out of range") }
                offset = sign * (oh * 3600 + om * 60)
            }
            guard scanner.atEnd else { throw fail(expected) }
        }
        let wall = WallTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).seconds
        let instant = offset.map { wall - $0 } ?? ZoneClock(timeZone: timeZone).earliestInstant(forWall: wall)
        return Date(timeIntervalSince1970: TimeInterval(instant) + fraction)
    }

    /// Minimal byte scanner for the fixed-width formats above.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index >= bytes.count }

        mutating func take(_ char: Character) -> Bool {
            guard let ascii = char.asciiValue, index < bytes.count, bytes[index] == ascii else { return false }
            index += 1
            return true
        }

        mutating func number(digits count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }

        mutating func digits() -> String? {
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func sign() -> Int? {
            if take("+") { return 1 }
            if take("-") { return -1 }
            return nil
        }
    }
}
