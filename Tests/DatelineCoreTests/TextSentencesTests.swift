import XCTest
@testable import DatelineCore

final class TextSentencesTests: XCTestCase {
    func testBasicSplitAndTrim() {
        XCTAssertEqual(Sentences.split("  One here. Two there!  Three? "), ["One here.", "Two there!", "Three?"])
        XCTAssertEqual(Sentences.split(""), [])
    }

    func testTitlesDoNotBreak() {
        for title in ["Gen.", "Dr.", "Mr.", "Mrs.", "Ms.", "St.", "Lt.", "Col.", "Maj.", "Sen.", "Rep.", "Prof."] {
            let text = "They met \(title) Smith in Hanoi. Then they left."
            XCTAssertEqual(Sentences.split(text), ["They met \(title) Smith in Hanoi.", "Then they left."], title)
        }
    }

    func testNumberAndMidSentenceAbbreviations() {
        XCTAssertEqual(Sentences.split("Decree No. 5 was issued. It applies now."),
                       ["Decree No. 5 was issued.", "It applies now."])
        XCTAssertEqual(Sentences.split("Vietnam vs. Thailand ended 2-1. Fans cheered."),
                       ["Vietnam vs. Thailand ended 2-1.", "Fans cheered."])
        XCTAssertEqual(Sentences.split("Rice, coffee, etc. were traded. Prices rose."),
                       ["Rice, coffee, etc. were traded.", "Prices rose."])
        XCTAssertEqual(Sentences.split("They traded rice, coffee, etc. Prices rose."),
                       ["They traded rice, coffee, etc.", "Prices rose."])
        XCTAssertEqual(Sentences.split("Martin Luther King Jr. was born in 1929. He died in 1968."),
                       ["Martin Luther King Jr. was born in 1929.", "He died in 1968."])
    }

    func testDottedAbbreviationsAndInitials() {
        XCTAssertEqual(Sentences.split("The U.S. Secretary arrived. The U.K. Minister too."),
                       ["The U.S. Secretary arrived.", "The U.K. Minister too."])
        XCTAssertEqual(Sentences.split("Some fruits, e.g. mangoes, i.e. the best. Next."),
                       ["Some fruits, e.g. mangoes, i.e. the best.", "Next."])
        XCTAssertEqual(Sentences.split("John F. Kennedy spoke. Crowds listened."),
                       ["John F. Kennedy spoke.", "Crowds listened."])
    }

    func testNumbersEllipsesAndQuotes() {
        XCTAssertEqual(Sentences.split("Growth was 3.5 percent. Exports hit 2.200 tonnes. Good."),
                       ["Growth was 3.5 percent.", "Exports hit 2.200 tonnes.", "Good."])
        XCTAssertEqual(Sentences.split("He paused... Then he went on. End."),
                       ["He paused... Then he went on.", "End."])
        XCTAssertEqual(Sentences.split("He said: “We will win.” Then he left."),
                       ["He said: “We will win.”", "Then he left."])
        XCTAssertEqual(Sentences.split("\"Why?\" he asked. Nobody knew."), ["\"Why?\" he asked.", "Nobody knew."])
    }

    func testVietnamese() {
        let text = "PGS. TS. Nguyễn Văn A phát biểu tại hội thảo. ThS. Lê Thị B cho biết dự án đạt 3,5 tỷ đồng. Hai bên nhất trí./."
        XCTAssertEqual(Sentences.split(text), [
            "PGS. TS. Nguyễn Văn A phát biểu tại hội thảo.",
            "ThS. Lê Thị B cho biết dự án đạt 3,5 tỷ đồng.",
            "Hai bên nhất trí./.",
        ])
        XCTAssertEqual(Sentences.split("Kết thúc./. Tin khác."), ["Kết thúc./.", "Tin khác."])
        let nfd = "Ông Lâm nói. Ở Hà Nội trời đẹp.".decomposedStringWithCanonicalMapping
        XCTAssertEqual(Sentences.split(nfd).count, 2)
        XCTAssertEqual(Sentences.split("TP. Hồ Chí Minh đón khách. Hà Nội cũng vậy."),
                       ["TP. Hồ Chí Minh đón khách.", "Hà Nội cũng vậy."])
    }

    func testNewlinesSeparate() {
        XCTAssertEqual(Sentences.split("Title line\nBody starts here. Second."), ["Title line", "Body starts here.", "Second."])
    }

    func testSeedParagraph() throws {
        let text = try TextSeeds.load("000")
        let sentences = Sentences.split(text)
        XCTAssertTrue(sentences.contains { $0.hasPrefix("Vientiane (VNA) – Politburo member") && $0.hasSuffix("on February 5.") })
        XCTAssertFalse(sentences.contains { $0.hasSuffix("Gen.") })
    }
}

/// Loads the repository's seed dumps relative to this file (`../../seeds`).
enum TextSeeds {
    static func url(_ prefix: String) throws -> URL {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../seeds").standardizedFileURL
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        guard let name = names.first(where: { $0.hasPrefix(prefix + "_") }) else {
            throw NSError(domain: "TextSeeds", code: 1, userInfo: [NSLocalizedDescriptionKey: "no seed \(prefix) in \(dir.path)"])
        }
        return dir.appendingPathComponent(name)
    }

    static func load(_ prefix: String) throws -> String {
        try String(contentsOf: url(prefix), encoding: .utf8)
    }
}
