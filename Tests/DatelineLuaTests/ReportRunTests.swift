import Foundation
import XCTest

/// `dateline run` with the report: formats, output files, print capture and failures, through the
/// built executable (skipped when it is not built next to the tests).
final class ReportRunTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("dateline-report-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDown() {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    private func dateline(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        guard let executable = Self.executable() else {
            throw XCTSkip("the dateline executable is not built next to the tests (run `swift build` first, or set DATELINE_BIN)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
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

    /// `$DATELINE_BIN`, else `dateline` beside the test bundle (up to three folders up).
    static func executable() -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["DATELINE_BIN"], fm.isExecutableFile(atPath: env) { return env }
        var folders = [Bundle.main.bundleURL, Bundle(for: ReportRunTests.self).bundleURL]
        if let first = CommandLine.arguments.first { folders.append(URL(fileURLWithPath: first)) }
        for url in folders {
            var folder = url
            for _ in 0..<3 {
                let candidate = folder.appendingPathComponent("dateline").path
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fm.isExecutableFile(atPath: candidate) {
                    return candidate
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        return nil
    }
}
