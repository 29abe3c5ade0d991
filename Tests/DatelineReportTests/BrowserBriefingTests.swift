import DatelineTestSupport
import Foundation
import XCTest

/// Opens the HTML briefing of the bundled seeds in headless Chromium: the page must load without
/// console errors, show its sections, and paint far more than a blank page does.
///
/// Runs when `chromium` (Debian's package; `make deps` installs it) and the built `dateline`
/// executable are available, and skips with the reason otherwise.
final class BrowserBriefingTests: XCTestCase {
    private var work: TemporaryFolder!
    private var workDirectory: URL { work.url }

    override func setUpWithError() throws {
        work = try TemporaryFolder(prefix: "dateline-browser")
    }

    override func tearDown() {
        work = nil
    }

    func testBriefingRendersInChromiumWithoutConsoleErrors() throws {
        guard let chromium = Self.findOnPath(["chromium", "chromium-browser"]) else {
            throw XCTSkip("chromium is not installed (apt-get install chromium, or `make deps`): browser check skipped")
        }
        let dateline = try DatelineExecutable.require()
        let script = repositoryRoot.appendingPathComponent("Scripts/briefing.lua").path
        let html = workDirectory.appendingPathComponent("briefing.html")

        // The briefing of the bundled seeds (run from an empty folder so no ./dateline.sqlite is used).
        var environment = ProcessInfo.processInfo.environment
        environment["DATELINE_DB"] = nil
        environment["XDG_CACHE_HOME"] = workDirectory.appendingPathComponent("cache").path
        let run = try runProcess(dateline, ["run", "--output", html.path, script], environment: environment, timeout: Self.timeout)
        XCTAssertEqual(run.status, 0, "dateline run failed: \(run.stderr)")
        XCTAssertTrue(run.stderr.contains("report: wrote \(html.path) (html"), run.stderr)
        let page = try String(contentsOf: html, encoding: .utf8)
        XCTAssertFalse(page.contains("<script"), "the briefing needs no JavaScript")
        XCTAssertFalse(page.contains("src=\"http") || page.contains("<link ") || page.contains("url(http"), "no network fetches")

        // The DOM Chromium built: every section is there, with charts and article links.
        let dom = try runProcess(chromium, Self.chromiumFlags + ["--dump-dom", html.absoluteString], timeout: Self.timeout)
        XCTAssertEqual(dom.status, 0, dom.stderr)
        for section in ["Dateline briefing", "Corpus overview", "Who is in the news", "People and organizations by source",
                        "Stock phrases", "Who meets whom", "Latest articles", "Articles"] {
            XCTAssertTrue(dom.stdout.contains(section), "section \(section) missing from the rendered page")
        }
        XCTAssertGreaterThanOrEqual(dom.stdout.components(separatedBy: "<svg").count - 1, 5, "charts missing")
        XCTAssertTrue(dom.stdout.contains("href=\"#a-"), "no links to the article appendix")

        // A screenshot with console logging on: no errors, and much more ink than a blank page.
        let screenshot = workDirectory.appendingPathComponent("briefing.png")
        let shot = try runProcess(chromium, Self.chromiumFlags + [
            "--enable-logging=stderr", "--v=0", "--screenshot=\(screenshot.path)", "--window-size=1200,2000", html.absoluteString,
        ], timeout: Self.timeout)
        XCTAssertEqual(shot.status, 0, shot.stderr)
        let consoleErrors = shot.stderr.split(separator: "\n").filter {
            $0.contains("CONSOLE") || $0.contains("Uncaught") || $0.contains("Failed to load resource")
        }
        XCTAssertEqual(consoleErrors, [], "console errors")
        let png = try PNGInfo(Data(contentsOf: screenshot))
        XCTAssertEqual(png.width, 1200)
        XCTAssertEqual(png.height, 2000)

        let blankHTML = workDirectory.appendingPathComponent("blank.html")
        try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: blankHTML)
        let blankShot = workDirectory.appendingPathComponent("blank.png")
        let blank = try runProcess(chromium, Self.chromiumFlags + [
            "--screenshot=\(blankShot.path)", "--window-size=1200,2000", blankHTML.absoluteString,
        ], timeout: Self.timeout)
        XCTAssertEqual(blank.status, 0, blank.stderr)
        let blankPNG = try PNGInfo(Data(contentsOf: blankShot))
        // Compressed image data grows with detail: text, tables and charts compress far worse than white.
        XCTAssertGreaterThan(png.imageDataBytes, 8 * blankPNG.imageDataBytes,
                             "the page looks blank (\(png.imageDataBytes) vs \(blankPNG.imageDataBytes) bytes of image data)")
    }

    // MARK: helpers

    /// Seconds each of `dateline run` and Chromium may take before it is killed and the test fails.
    static let timeout: TimeInterval = 90

    static let chromiumFlags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                                "--disable-extensions", "--allow-file-access-from-files"]

    static func findOnPath(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }
}

/// The header facts of a PNG file: size from IHDR and the total length of its IDAT (image data) chunks.
struct PNGInfo {
    var width = 0
    var height = 0
    var imageDataBytes = 0

    struct NotPNG: Error {}

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 33, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { throw NotPNG() }
        func u32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        while offset + 8 <= bytes.count {
            let length = u32(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { throw NotPNG() }
            if type == "IHDR", length >= 8 {
                width = u32(offset + 8)
                height = u32(offset + 12)
            } else if type == "IDAT" {
                imageDataBytes += length
            } else if type == "IEND" {
                break
            }
            offset += 12 + length
        }
        guard width > 0, height > 0 else { throw NotPNG() }
    }
}
