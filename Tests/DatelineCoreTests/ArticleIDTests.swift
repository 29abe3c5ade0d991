import XCTest
@testable import DatelineCore

/// Article ids are stored in databases: the faster hash must give exactly the ids of the original one.
final class ArticleIDTests: XCTestCase {
    /// The original definition (byte-at-a-time FNV-1a, `String(radix:)` padded), kept as the reference.
    private static func referenceID(titleKey: String, paragraphKeys: [String], fallback: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(key: String) {
            for b in key.utf8 where b != 0x20 {
                hash ^= UInt64(b)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            hash ^= 0x0A
            hash = hash &* 0x0000_0100_0000_01B3
        }
        if paragraphKeys.isEmpty {
            feed(key: TextFold.key(fallback))
        } else {
            feed(key: titleKey)
            paragraphKeys.forEach { feed(key: $0) }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private func assertSameID(title: String?, paragraphs: [String], fallback: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        let expected = Self.referenceID(titleKey: TextFold.key(title ?? ""), paragraphKeys: paragraphs.map { TextFold.key($0) },
                                        fallback: fallback)
        XCTAssertEqual(ArticleID.make(title: title, paragraphs: paragraphs, fallback: fallback), expected,
                       "id of \(String(describing: title).debugDescription) / \(paragraphs.debugDescription)", file: file, line: line)
        // Raw (unfolded) keys too: the hash must not rely on what folding produces.
        XCTAssertEqual(ArticleID.make(titleKey: title ?? "", paragraphKeys: paragraphs, fallback: fallback),
                       Self.referenceID(titleKey: title ?? "", paragraphKeys: paragraphs, fallback: fallback),
                       "raw-key id of \(paragraphs.debugDescription)", file: file, line: line)
    }

    func testKnownIDIsStable() {
        // FNV-1a 64 of "hello\nworldnewstoday.\n" (spaces skipped), computed independently; a change here
        // breaks every stored id.
        XCTAssertEqual(ArticleID.make(titleKey: "hello", paragraphKeys: ["world news today."], fallback: ""), "89351c8e6cd7f4d7")
        XCTAssertEqual(ArticleID.make(titleKey: "", paragraphKeys: [], fallback: "").count, 16)
    }

    func testEdgeCasesMatchTheOriginalHash() {
        let texts = [
            "", " ", "        ", "a", "abcdefg", "abcdefgh", "abcdefghi", "a b c d e f g h i j", "        x", "x        ",
            "Hà Nội, ngày 5 tháng 2 năm 2026", "Ho\u{300}a thuy\u{309}", "中文新闻报道", "😀🇻🇳 emoji 👍🏽", "\u{0}\u{1}\u{7F}",
            "\u{FEFF}bom", "tab\there\nnewline", "“quotes” — dashes – and ‘more’", String(repeating: "long paragraph ", count: 700),
            String(repeating: "x", count: 10_000), String(repeating: " ", count: 17) + "end",
        ]
        for t in texts {
            assertSameID(title: t, paragraphs: [t], fallback: t)
            assertSameID(title: nil, paragraphs: [], fallback: t)
            assertSameID(title: t, paragraphs: [t, "", t + t], fallback: "")
        }
    }

    func testRandomTextMatchesTheOriginalHash() {
        let pieces = [
            "a", "Z", " ", "  ", "\t", "\n", ".", ",", "0", "2024", "word", "Việt", "Nam", "ngày", "tháng", "đ", "ư", "ơ",
            "\u{301}", "\u{323}", "中", "文", "😀", "👍🏽", "\u{A0}", "\u{3000}", "—", "“", "”", "ſ", "ﬆ", "Ω", "я",
        ]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        func text() -> String {
            var s = ""
            for _ in 0..<next(40) { s += pieces[next(pieces.count)] }
            return s
        }
        for _ in 0..<2000 {
            let paragraphs = (0..<next(5)).map { _ in text() }
            assertSameID(title: next(4) == 0 ? nil : text(), paragraphs: paragraphs, fallback: text())
        }
    }
}
