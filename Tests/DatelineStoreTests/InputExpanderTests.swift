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
