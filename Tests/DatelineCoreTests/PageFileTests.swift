@testable import DatelineCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest

final class PageFileTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pagefile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Bytes as Foundation reads them, and the modification time bit for bit as `FileManager` gives it
    /// (stored values are compared with it to skip unchanged files), over many sub-second times.
    func testBytesAndTimeMatchFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        for i in 0..<200 {
            let path = folder.appendingPathComponent("f\(i).txt").path
            let bytes = (0..<Int.random(in: 0...70_000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            var times = [timespec(tv_sec: Int.random(in: 0...2_000_000_000, using: &generator), tv_nsec: Int.random(in: 0..<1_000_000_000, using: &generator)),
                         timespec(tv_sec: 0, tv_nsec: 0)]
            times[1] = times[0]
            XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
            let file = try PageFile.read(path)
            XCTAssertEqual(file.data, try Data(contentsOf: URL(fileURLWithPath: path)))
            let date = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
            XCTAssertEqual(file.modified, date.timeIntervalSince1970, "\(times[0])")
            XCTAssertEqual(PageFile.sizeAndTime(path)?.modified, date.timeIntervalSince1970)
            XCTAssertEqual(PageFile.sizeAndTime(path)?.size, bytes.count)
        }
    }

    func testFailuresSayWhy() throws {
        XCTAssertThrowsError(try PageFile.read(folder.appendingPathComponent("missing.txt").path)) {
            XCTAssertEqual($0 as? PageFile.Failure, .unreadable("No such file or directory"))
        }
        XCTAssertThrowsError(try PageFile.read(folder.path)) {
            XCTAssertEqual($0 as? PageFile.Failure, .unreadable("Is a directory"))
        }
        let big = folder.appendingPathComponent("big.txt").path
        try Data(repeating: 65, count: 1_000).write(to: URL(fileURLWithPath: big))
        XCTAssertThrowsError(try PageFile.read(big, limit: 999)) { XCTAssertEqual($0 as? PageFile.Failure, .tooLarge(bytes: 1_000)) }
        XCTAssertEqual(try PageFile.read(big, limit: 1_000).data.count, 1_000)
        XCTAssertNil(PageFile.sizeAndTime(folder.appendingPathComponent("missing.txt").path))
    }

    /// Files the kernel reports with no size (/proc) are read to their end.
    func testFilesWithoutAReportedSizeAreReadWhole() throws {
        let status = try PageFile.read("/proc/self/status")
        XCTAssertTrue(String(decoding: status.data, as: UTF8.self).contains("Name:"))
        let empty = folder.appendingPathComponent("empty.txt").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        XCTAssertEqual(try PageFile.read(empty).data, Data())
    }
}
