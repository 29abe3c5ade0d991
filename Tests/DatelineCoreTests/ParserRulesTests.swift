import XCTest
@testable import DatelineCore

/// The parser's rules on made-up pages from other outlets: the rules are about the genre, not the seeds.
final class ParserRulesTests: XCTestCase {
    private func parse(_ text: String) -> Article { ArticleParser().parse(text: text).article }

    func testNumericTimestampIsDayFirstWithOffset() {
        let a = parse("""
        Home > World
        14:30 | 03/04/2025 GMT+7

        Leaders meet in Bangkok

        Thai and Vietnamese leaders met in Bangkok to discuss trade, officials said on the day.

        The talks covered rice exports, tourism and the Mekong, according to a statement.
        """)
        XCTAssertEqual(a.date, "2025-04-03")
        XCTAssertEqual(a.datetime, "2025-04-03T14:30:00+07:00")
        XCTAssertEqual(a.dateConfidence, .explicit)
        XCTAssertEqual(a.section, "World")
        XCTAssertEqual(a.title, "Leaders meet in Bangkok")
    }

    func testFullEnglishDateInBodyIsExplicit() {
        let a = parse("""
        Ministers sign pact

        Hanoi (VNA) – The two ministers signed the pact on March 3, 2025, in the capital, the ministry said.

        It takes effect next year, officials added in a statement.
        """)
        XCTAssertEqual(a.date, "2025-03-03")
        XCTAssertEqual(a.dateConfidence, .explicit)
        XCTAssertEqual(a.dateline, "Hà Nội")
        XCTAssertEqual(a.sources, ["VNA"])
    }

    func testDayMonthWithoutYearAndNoOtherDatesIsNotInvented() {
        let a = parse("""
        Delegation visits factory

        The delegation visited the factory on June 12, meeting workers and managers there.
        """)
        XCTAssertNil(a.date)
        XCTAssertEqual(a.dateConfidence, DateConfidence.none)
        XCTAssertEqual(a.dateText, "June 12")
    }

    func testVietnamesePartialDateTakesYearFromPage() {
        let a = parse("""
        Thủ tướng tiếp Đại sứ Nhật Bản

        Sáng 15/3, tại Hà Nội, Thủ tướng Phạm Minh Chính đã tiếp Đại sứ Nhật Bản tại Việt Nam.

        Hai bên nhất trí tăng cường hợp tác trong thời gian tới, theo thông cáo.

        Tin liên quan

        Hội nghị ngày 10/3/2024 bàn về hợp tác
        """)
        XCTAssertEqual(a.date, "2024-03-15")
        XCTAssertEqual(a.dateConfidence, .inferred)
        XCTAssertEqual(a.lang, "vi")
        XCTAssertTrue(a.entities(of: .person).contains("Phạm Minh Chính"))
    }

    func testOtherOutletDatelinesAndSignOffs() {
        let a = parse("""
        Cambodia, Laos boost trade

        PHNOM PENH — Cambodia and Laos agreed on Tuesday to boost trade along their shared border, officials said.

        The deal covers agricultural goods and electricity. — Xinhua
        """)
        XCTAssertEqual(a.dateline, "Phnom Penh")
        XCTAssertEqual(a.sources, ["Xinhua"])
        XCTAssertEqual(a.dateText, "Tuesday")
        XCTAssertEqual(a.paragraphs.last, "The deal covers agricultural goods and electricity.")
    }

    func testCreditLineAndDomainDateline() {
        let a = parse("""
        Tàu hải quân thăm cảng

        QĐND - Sáng 5/6/2024, tàu hải quân đã cập cảng Cam Ranh trong chuyến thăm hữu nghị kéo dài ba ngày.

        Chuyến thăm góp phần tăng cường quan hệ giữa hải quân hai nước.

        Theo TTXVN
        """)
        XCTAssertEqual(a.sources, ["VNA"], "TTXVN is VNA's Vietnamese name")
        XCTAssertEqual(a.date, "2024-06-05")
    }

    func testAcronymLearningAndAliasesAcrossDiacritics() {
        let a = parse("""
        Friendship body meets

        Hanoi (VNA) – The Vietnam Union of Science and Technology Associations (VUSTA) met the Lao Federation of Trade Unions on Monday in Việt Nam.

        VUSTA leaders said cooperation with Laos would grow, and that Viet Nam and Vietnam would host more events.
        """)
        let orgMentions = a.mentions.filter { $0.kind == .organization }
        XCTAssertTrue(orgMentions.contains { $0.text == "VUSTA" && $0.name == "Vietnam Union of Science and Technology Associations" }, "\(orgMentions)")
        let places = a.mentions.filter { $0.kind == .place && ["Việt Nam", "Viet Nam", "Vietnam"].contains($0.text) }
        XCTAssertEqual(Set(places.map(\.name)), ["Vietnam"])
        XCTAssertGreaterThanOrEqual(places.count, 3)
    }

    func testDictionaryFileAddsAndCanonicalizes() throws {
        let yaml = """
        entities:
          - name: Tô Lâm
            kind: person
            aliases: [To Lam]
          - name: Thongsalith Mangnomek
            kind: person
        ignore: [Doi Moi]
        """
        let dictionary = EntityDictionary.bundled.merging(try EntityDictionary.parse(yaml: yaml))
        var options = ParserOptions()
        options.dictionary = dictionary
        let a = ArticleParser(options: options).parse(text: """
        Leaders meet

        Vientiane (VNA) – General Secretary To Lam met officials in Vientiane on Monday to discuss ties.

        Lam said the relationship was a priority for both sides in the years ahead.
        """).article
        XCTAssertEqual(a.entities(of: .person), ["Tô Lâm"])
        XCTAssertEqual(a.mentions.filter { $0.kind == .person }.map(\.text), ["To Lam", "Lam"])
    }

    func testDictionaryErrorsNameTheProblem() {
        XCTAssertThrowsError(try EntityDictionary.parse(yaml: "entities:\n  - kind: person\n", path: "d.yaml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("d.yaml: missing \"name\""), "\(error)")
        }
        XCTAssertThrowsError(try EntityDictionary.parse(yaml: "entities:\n  - name: X\n    kind: animal\n", path: "d.yaml")) { error in
            XCTAssertTrue("\(error)".contains("kind must be person, organization or place"), "\(error)")
        }
        XCTAssertThrowsError(try EntityDictionary.parse(yaml: "entities: [\n", path: "d.yaml"))
    }

    func testTeasersUnderRelatedHeadingAreNotBody() {
        let a = parse("""
        Port reopens after storm

        DA NANG — The port reopened on Sunday after the storm passed, officials said, and ships resumed loading.

        Crews cleared debris overnight.

        Related news

        Storm weakens over central coast
        The storm weakened as it moved inland, forecasters said.

        Fishermen return to sea
        """)
        XCTAssertEqual(a.paragraphs.count, 2)
        XCTAssertEqual(a.related.map(\.title), ["Storm weakens over central coast", "Fishermen return to sea"])
        XCTAssertEqual(a.related.first?.summary, "The storm weakened as it moved inland, forecasters said.")
        XCTAssertEqual(a.dateline, "Đà Nẵng")
    }
}
