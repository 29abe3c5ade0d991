import Foundation
import XCTest

/// Parses an ISO 8601 instant with Foundation's own formatter (independent of the code under test).
func instant(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else {
        XCTFail("bad test timestamp \(text)", file: file, line: line)
        return Date(timeIntervalSince1970: 0)
    }
    return date
}

func zone(_ identifier: String) -> TimeZone {
    TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0)!
}
