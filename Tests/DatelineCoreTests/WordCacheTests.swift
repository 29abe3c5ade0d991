import XCTest
@testable import DatelineCore

/// The entity recognizer remembers words across articles (one cache per thread and dictionary).
/// What an article yields must never depend on what was parsed before it.
final class WordCacheTests: XCTestCase {
    private let page = """
    Partners meet

    Vientiane (VNA) – Deputy Minister Bounmy Vannachack met Ambassador Nguyen Minh Tam in Vientiane to discuss \
    the Mekong River Commission (MRC) and rice exports.

    Bounmy said the MRC would meet again before the end of the year, according to a statement.
    """

    private func mentions(_ text: String, dictionary: EntityDictionary = .bundled) -> [String] {
        var options = ParserOptions()
        options.dictionary = dictionary
        return ArticleParser(options: options).parse(text: text).article.mentions.map { "\($0.kind):\($0.name)=\($0.text)" }
    }

    func testAnArticleParsesTheSameAfterOtherArticles() throws {
        let alone = mentions(page)
        XCTAssertTrue(alone.contains("organization:Mekong River Commission=MRC"), "\(alone)")
        // Warm the cache with other pages (other outlets, the seeds), then parse the page again.
        let seeds = try FileManager.default.contentsOfDirectory(atPath: Self.seedsPath).filter { $0.hasSuffix(".txt") }
        XCTAssertFalse(seeds.isEmpty)
        for name in seeds {
            _ = try ArticleParser().parseFile(atPath: Self.seedsPath + "/" + name)
        }
        XCTAssertEqual(mentions(page), alone)
    }

    func testAnotherDictionaryIsNotAnsweredFromTheBundledOnesCache() throws {
        let text = page + "\n\nThe Saysettha Zone board will report to both governments next month.\n"
        let before = mentions(text)
        XCTAssertFalse(before.contains { $0.contains("Saysettha") }, "\(before)")
        // An analyst dictionary names an organization the bundled one does not know: words the
        // bundled dictionary's cache has already seen must now be looked up in the new one.
        let yaml = """
        entities:
          - name: Saysettha Development Zone
            kind: organization
            aliases: [Saysettha Zone]
        """
        let analyst = EntityDictionary.bundled.merging(try EntityDictionary.parse(yaml: yaml))
        let after = mentions(text, dictionary: analyst)
        XCTAssertTrue(after.contains("organization:Saysettha Development Zone=Saysettha Zone"), "\(after)")
        // And back: the bundled dictionary still answers as before.
        XCTAssertEqual(mentions(text), before)
    }

    func testThreadsParseConcurrentlyWithTheSameResults() {
        let expected = mentions(page)
        var results = [[String]](repeating: [], count: 8)
        results.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: 8) { i in (base + i).pointee = mentions(page) }
        }
        for result in results { XCTAssertEqual(result, expected) }
    }

    /// The repository's `seeds/` folder (`TextSeeds`, beside the sentence tests).
    static let seedsPath: String = {
        (try? TextSeeds.url("000").deletingLastPathComponent().path) ?? "seeds"
    }()
}
