import DatelineTestSupport
import Foundation
import XCTest

/// `dateline run` with the report: formats, output files, print capture and failures, through the
/// built executable (skipped when it is not built next to the tests).
final class ReportRunTests: XCTestCase {
    private var folder: TemporaryFolder!
    private var dir: URL { folder.url }

    override func setUpWithError() throws {
        folder = try TemporaryFolder(prefix: "dateline-report-run")
    }

    override func tearDown() {
        folder = nil
    }

    /// Runs `dateline` in the test's folder with NO_COLOR set (no time limit).
    private func dateline(_ arguments: [String]) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        return try runProcess(try DatelineExecutable.require(), arguments, environment: environment,
                              currentDirectory: dir, timeout: nil)
    }

    private let script = """
    print("first")
    report.title("T")
    report.table{columns = {"a", "b"}, rows = {{"x", 1}, {"y", 2.5}}}
    print("last")
    """

    func testTextReportGoesToStdoutAfterTheScript() throws {
        let run = try dateline(["run", "-e", script])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("first\nT\n═"), run.stdout)
        XCTAssertTrue(run.stdout.contains("x    1\n"), run.stdout)  // numbers right-aligned
        XCTAssertTrue(run.stdout.contains("y  2.5\n"), run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix("last\n"), run.stdout)
        XCTAssertFalse(run.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    func testJSONFormatCapturesPrintsInOrder() throws {
        let run = try dateline(["run", "--format", "json", "-e", script])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let blocks = json?["blocks"] as? [[String: Any]] ?? []
        XCTAssertEqual(blocks.compactMap { $0["type"] as? String }, ["text", "title", "table", "text"])
    }

    func testOutputFileTakesItsFormatFromTheExtensionAndIsNoted() throws {
        let path = dir.appendingPathComponent("r.html").path
        let run = try dateline(["run", "--output", path, "-e", script])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "", "prints go into the report file")
        XCTAssertTrue(run.stderr.contains("report: wrote \(path) (html, "), run.stderr)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("first"))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertEqual(left, ["r.html"], "no temporary files left")
    }

    func testAFailingScriptLeavesTheOldReportAlone() throws {
        let path = dir.appendingPathComponent("r.md").path
        try Data("old report".utf8).write(to: URL(fileURLWithPath: path))
        let run = try dateline(["run", "--output", path, "-e", "report.title('new') error('boom')"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("boom"), run.stderr)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "old report")
    }

    func testBadShapeIsAScriptErrorNamingTheField() throws {
        let run = try dateline(["run", "-e", "report.chart{type = 'bar', labels = {'a'}, values = {1, 2}}"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("report.chart: values has 2 values for 1 labels"), run.stderr)
    }

    func testUnknownFormatIsAUsageError() throws {
        let run = try dateline(["run", "--format", "pdf", "-e", "print(1)"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("unknown report format 'pdf'"), run.stderr)
    }

    func testPlainScriptsPrintAsUsual() throws {
        let run = try dateline(["run", "-e", "for i = 1, 3 do print(i) end"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "1\n2\n3\n")
    }
}
