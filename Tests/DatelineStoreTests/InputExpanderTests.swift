@testable import DatelineStore
import Foundation
import XCTest

final class InputExpanderTests: XCTestCase {
    /// The folder walk before readdir: FileManager's enumerator, a regular-file check per URL.
    private func referenceWalk(_ folder: String) -> [String] {
        let root = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]
        ) else { return [] }
        var result: [String] = []
        for case let url as URL in enumerator {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                result.append(url.standardizedFileURL.path)
            }
        }
        return result
    }

    /// The byte-level extension is Foundation's `pathExtension`, including dots that start a component
    /// and trailing slashes. (Foundation's own traps on some paths with doubled slashes, such as "a//é",
    /// so the comparison is on paths without them; those are checked by hand.)
    func testPathExtensionAgreesWithFoundation() {
        let pieces = ["a", "/", ".", "JSONL", "jsonl", "ndjson", " ", "x.y", "é", "đ"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let path = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            if path.contains("//") { continue }
            XCTAssertEqual(InputExpander.pathExtension(path), (path as NSString).pathExtension, path.debugDescription)
        }
        for (path, ext) in [("/é/x.jsonl", "jsonl"), ("a//é.JSONL", "JSONL"), ("đ.ndjson", "ndjson"), ("/tin/.đ", ""), ("a//é", ""),
                            ("/bài viết.txt/", "txt"), ("tin..đ", "đ")] {
            XCTAssertEqual(InputExpander.pathExtension(path), ext, path)
        }
        XCTAssertTrue(InputExpander.isJSONLines("/data/feed.JSONL"))
        XCTAssertTrue(InputExpander.isJSONLines("feed.ndjson"))
        XCTAssertFalse(InputExpander.isJSONLines("/data/.jsonl"))
        XCTAssertFalse(InputExpander.isJSONLines("/data.jsonl/page.txt"))
    }

    func testWalkFindsTheFilesTheEnumeratorFound() throws {
        let fm = FileManager.default
        let base = NSTemporaryDirectory() + "walk-\(UUID().uuidString)"
        defer { try? fm.removeItem(atPath: base) }
        let outside = base + "-outside"
        defer { try? fm.removeItem(atPath: outside) }
        let root = base + "/corpus"
        for folder in ["a/b/c", "a/empty", ".hidden/inner", "Hà Nội/tin tức", "x y/%20z", "deep/1/2/3/4/5", "日本/東京"] {
            try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try fm.createDirectory(atPath: outside + "/sub", withIntermediateDirectories: true)
        let files = ["top.txt", "a/one.txt", "a/b/two.jsonl", "a/b/c/three", ".hidden/inner/no.txt", "a/.dot.txt",
                     "Hà Nội/tin tức/bài 1.txt", "Ha\u{0300} No\u{0323}i.txt", "x y/%20z/sp ace.txt", "deep/1/2/3/4/5/leaf.txt",
                     "日本/東京/記事.txt", "emoji 🎉.txt", "a/b/trailing.txt~"]
        for file in files { try Data("text \(file)".utf8).write(to: URL(fileURLWithPath: root + "/" + file)) }
        try Data("outside".utf8).write(to: URL(fileURLWithPath: outside + "/sub/o.txt"))
        try fm.createSymbolicLink(atPath: root + "/link-to-file.txt", withDestinationPath: root + "/top.txt")
        try fm.createSymbolicLink(atPath: root + "/link-to-folder", withDestinationPath: outside)
        try fm.createSymbolicLink(atPath: root + "/a/dangling", withDestinationPath: root + "/missing")
        try fm.createSymbolicLink(atPath: base + "/corpus-link", withDestinationPath: root)

        for folder in [root, root + "/", base + "/corpus-link", root + "/a/../a", base + "/./corpus", outside] {
            let expected = referenceWalk(folder).sorted()
            XCTAssertEqual(InputExpander.walk(folder).sorted(), expected, folder)
            XCTAssertFalse(expected.isEmpty, folder)
        }
        XCTAssertEqual(InputExpander.expand([root]).files.count, referenceWalk(root).count)
    }
}
