import XCTest
@testable import DatelineCore

/// The entity recognizer's integer tokens (`EntityTokenizer.scan`, `EntityWorkspace`): word ids,
/// offsets, case and gap bits.
final class EntityWorkspaceTests: XCTestCase {
    private func tokens(_ paragraphs: [String], dictionary: EntityDictionary = .bundled) -> (EntityWorkspace, [[EntityToken]]) {
        let workspace = EntityWorkspace(dictionary: dictionary)
        workspace.load(paragraphs)
        let b = workspace.tokenBounds
        return (workspace, paragraphs.indices.map { Array(workspace.tokens[b[$0]..<b[$0 + 1]]) })
    }

    private func text(_ w: EntityWorkspace, _ t: EntityToken) -> String {
        String(decoding: w.bytes[Int(t.byteStart)..<Int(t.byteEnd)], as: UTF8.self)
    }

    func testWordsOffsetsAndPossessives() {
        let (w, ps) = tokens(["Tô Lâm’s visit, the People's Army", "Mr. O'Neil (CPV) met"])
        XCTAssertEqual(ps[0].map { text(w, $0) }, ["Tô", "Lâm", "visit", "the", "People", "Army"])
        XCTAssertEqual(ps[0].map(\.start), [0, 3, 9, 16, 20, 29])
        XCTAssertEqual(ps[0].map(\.length), [2, 3, 5, 3, 6, 4])
        XCTAssertEqual(ps[0].map { w.spelling(of: $0) }, ["to", "lam", "visit", "the", "people", "army"])
        // Byte offsets run on across paragraphs; code-point offsets start again at each paragraph.
        XCTAssertEqual(ps[1].map { text(w, $0) }, ["Mr", "O'Neil", "CPV", "met"])
        XCTAssertEqual(ps[1][0].start, 0)
        XCTAssertEqual(Int(ps[1][0].byteStart), "Tô Lâm’s visit, the People's Army".utf8.count)
    }

    func testSameFoldedWordSameID() {
        let (_, ps) = tokens(["Lâm lam LAM Lam Lâm Đồng", "Lam"])
        let ids = ps[0].map(\.word)
        XCTAssertEqual(Set(ids[0..<5]).count, 1)
        XCTAssertNotEqual(ids[5], ids[0])
        XCTAssertEqual(ps[1][0].word, ids[0])
        // Spellings keep the folded bytes as written apart only when they differ.
        XCTAssertEqual(ps[0][0].spelling, ps[0][1].spelling)
    }

    func testCaseShapeAndTableBits() {
        let (_, ps) = tokens(["Nguyen CPV the The May x2 Phạm"])
        let t = ps[0]
        XCTAssertTrue(t[0].capitalized && !t[0].allCaps && t[0].has(.surname) && t[0].nameWord)
        XCTAssertTrue(t[1].allCaps && t[1].capitalized && !t[1].nameWord && t[1].has(.hasDictionary))
        XCTAssertTrue(!t[2].capitalized && t[2].has(.connector) && t[2].has(.acronymConnector))
        XCTAssertTrue(t[3].capitalized && t[3].has(.notName) && !t[3].nameWord)
        XCTAssertFalse(t[4].nameWord)
        XCTAssertFalse(t[5].has(.nameShaped))
        XCTAssertTrue(t[6].nameWord && t[6].has(.surname))
    }

    func testGapBits() {
        let (_, ps) = tokens(["a b-c d.e f, g (h) i)(j k‑l m -- n"])
        let t = ps[0]
        func gap(_ i: Int, _ f: EntityToken.Flags) -> Bool { t[i].has(f) }
        XCTAssertTrue(gap(0, .gapEmpty) && gap(0, .gapChain))           // a (paragraph start)
        XCTAssertTrue(gap(1, .gapEmpty) && gap(1, .gapJoin))            // b
        XCTAssertTrue(gap(2, .gapJoin) && !gap(2, .gapEmpty) && gap(2, .gapChain))  // -c
        XCTAssertTrue(gap(4, .gapDot) && gap(4, .gapInName) && !gap(4, .gapJoin))   // .e
        XCTAssertTrue(gap(6, .gapComma) && !gap(6, .gapInName))         // , g
        XCTAssertTrue(gap(7, .gapEndsOpen) && gap(7, .gapChain))        // (h
        XCTAssertTrue(gap(8, .gapStartsClose) && !gap(8, .gapEndsOpen)) // ) i
        XCTAssertTrue(gap(9, .gapChain) && gap(9, .gapStartsClose) && gap(9, .gapEndsOpen))  // )( j
        XCTAssertTrue(gap(10, .gapEmpty))                                // k
        XCTAssertTrue(gap(11, .gapChain) && !gap(11, .gapJoin))         // ‑l (U+2011)
        XCTAssertTrue(!gap(13, .gapChain) && !gap(13, .gapJoin))        // -- n
    }

    func testTitleAndDictionaryPhrasesByWordID() {
        let dictionary = EntityDictionary.bundled
        let (w, ps) = tokens(["Thủ tướng Phạm Minh Chính visited Hồ Chí Minh City"], dictionary: dictionary)
        let t = ps[0]
        XCTAssertTrue(t[0].has(.hasTitle))
        let wp = w.vocabulary.phrases[Int(t[0].word)]
        let titles = (0..<Int(wp.titleCount)).map { k -> [Int32] in
            let s = w.vocabulary.sequences[Int(wp.titleStart) + k]
            return Array(w.vocabulary.words[Int(s.start)..<Int(s.start + s.count)])
        }
        // Longest first, and "thu tuong" is among them as the two tokens' word ids.
        XCTAssertEqual(titles.map(\.count), titles.map(\.count).sorted(by: >))
        XCTAssertTrue(titles.contains([t[0].word, t[1].word]))
        XCTAssertTrue(t[6].has(.hasDictionary))  // "Hồ" of "Hồ Chí Minh City"
    }

    func testCacheAcrossArticlesAndTrim() {
        let workspace = EntityWorkspace(dictionary: .bundled)
        workspace.load(["Bounmy met Tô Lâm"])
        let first = workspace.tokens.map(\.word)
        workspace.load(["Bounmy met Tô Lâm"])
        XCTAssertEqual(workspace.tokens.map(\.word), first)
        workspace.trimBetweenArticles()  // below the limit: keeps everything
        workspace.load(["Tô Lâm"])
        XCTAssertEqual(workspace.tokens.map(\.word), Array(first[2...]))
    }

    func testRecognizerAnswersTheSameOnEveryThread() {
        let text = ["Deputy Minister Bounmy Vannachack met Ambassador Nguyen Minh Tam in Vientiane.",
                    "Bounmy said the Mekong River Commission (MRC) would meet again."]
        let expected = EntityRecognizer(dictionary: .bundled).recognize(paragraphs: text)
        XCTAssertTrue(expected.contains { $0.name == "Bounmy Vannachack" && $0.text == "Bounmy" }, "\(expected)")
        var results = [[Mention]](repeating: [], count: 6)
        results.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: 6) { i in
                (base + i).pointee = EntityRecognizer(dictionary: .bundled).recognize(paragraphs: text)
            }
        }
        for r in results { XCTAssertEqual(r, expected) }
    }
}

/// `PaddedWordTable`: keys of every length up to a few chunks, growth, and keys that differ only
/// past the first eight bytes or only in length.
final class PaddedWordTableTests: XCTestCase {
    func testInsertFindAndGrow() {
        let table = PaddedWordTable<Int32>(capacity: 4)
        var keys: [[UInt8]] = []
        for n in 0..<300 {
            let word = "w\(n)" + String(repeating: "x", count: n % 23)
            keys.append(Array(word.utf8))
        }
        keys.append(Array("abcdefgh1".utf8))
        keys.append(Array("abcdefgh2".utf8))
        keys.append(Array("abcdefgh".utf8))
        func withPadded<R>(_ key: [UInt8], _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
            let padded = key + [UInt8](repeating: 0xAA, count: PaddedWordTable<Int32>.padding)  // junk past the end
            return padded.withUnsafeBufferPointer { body($0.baseAddress!, key.count) }
        }
        for (i, key) in keys.enumerated() {
            XCTAssertNil(withPadded(key) { table.value($0, $1) })
            withPadded(key) { table.insert($0, $1, Int32(i)) }
        }
        XCTAssertEqual(table.count, keys.count)
        for (i, key) in keys.enumerated() {
            XCTAssertEqual(withPadded(key) { table.value($0, $1) }, Int32(i), String(decoding: key, as: UTF8.self))
        }
        XCTAssertNil(withPadded(Array("abcdefgh3".utf8)) { table.value($0, $1) })
        XCTAssertNil(withPadded(Array("abcdefg".utf8)) { table.value($0, $1) })
    }
}
