import DatelineLua
import DatelineReport
import DatelineTestSupport
import Foundation
import XCTest

/// Choosing the report format and writing report files.
final class ReportOutputTests: XCTestCase {
    func testFormatComesFromTheFlagThenTheExtension() throws {
        XCTAssertEqual(try ReportDestination(format: nil, output: nil), try ReportDestination(format: "text", output: nil))
        XCTAssertEqual(try ReportDestination(format: nil, output: "b.html").format, .html)
        XCTAssertEqual(try ReportDestination(format: nil, output: "b.HTM").format, .html)
        XCTAssertEqual(try ReportDestination(format: nil, output: "b.md").format, .md)
        XCTAssertEqual(try ReportDestination(format: nil, output: "b.csv").format, .csv)
        XCTAssertEqual(try ReportDestination(format: nil, output: "b.json").format, .json)
        XCTAssertEqual(try ReportDestination(format: nil, output: "b.out").format, .text)
        XCTAssertEqual(try ReportDestination(format: "json", output: "b.html").format, .json)
        XCTAssertEqual(try ReportDestination(format: "markdown", output: nil).format, .md)
        XCTAssertThrowsError(try ReportDestination(format: "xls", output: nil)) { error in
            XCTAssertEqual("\(error)", "unknown report format 'xls' (known: text, md, csv, json, html)")
        }
    }

    func testPrintsAreCapturedFromTheStartUnlessTextGoesToTheTerminal() throws {
        XCTAssertFalse(try ReportDestination(format: nil, output: nil).capturesPrintsFromStart)
        XCTAssertTrue(try ReportDestination(format: "json", output: nil).capturesPrintsFromStart)
        XCTAssertTrue(try ReportDestination(format: nil, output: "r.txt").capturesPrintsFromStart)
    }

    func testAtomicWriteReplacesTheFileAndLeavesNoTemporary() throws {
        let dir = try makeTemporaryDirectory("dateline-report")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.html").path
        try ReportOutput.writeAtomically(Data("old".utf8), to: path)
        try ReportOutput.writeAtomically(Data("new".utf8), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["r.html"])
    }

    func testWriteIntoAMissingDirectoryFailsWithTheReason() {
        XCTAssertThrowsError(try ReportOutput.writeAtomically(Data(), to: "/nonexistent-dir-\(UUID().uuidString)/r.html")) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot write /nonexistent-dir-"), "\(error)")
            XCTAssertTrue("\(error)".contains("no such directory"), "\(error)")
        }
    }

    func testRenderWritesTheChosenFormat() throws {
        var doc = ReportDocument()
        doc.append(.title("T & <x>"))
        doc.append(.table(ReportTable(columns: ["a"], cells: [[1]])))
        let dir = try makeTemporaryDirectory("dateline-report")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.html").path
        let bytes = try ReportOutput.render(doc, to: try ReportDestination(format: nil, output: path)) { _ in
            XCTFail("nothing goes to stdout when there is an output file")
        }
        let html = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(html.utf8.count, bytes)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<title>T &amp; &lt;x&gt;</title>"))
        var out = Data()
        try ReportOutput.render(doc, to: try ReportDestination(format: "csv", output: nil)) { out.append($0) }
        XCTAssertEqual(String(decoding: out, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"), "# table 1\na\n1\n")
    }
}
