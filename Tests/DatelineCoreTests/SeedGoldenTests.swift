import XCTest
@testable import DatelineCore

/// Golden tests: what the five bundled seed dumps must parse to (the contract of the article model).
final class SeedGoldenTests: XCTestCase {
    private func parse(_ prefix: String) throws -> Article {
        let url = try TextSeeds.url(prefix)
        return try ArticleParser().parseFile(atPath: url.path).article
    }

    private func people(_ a: Article) -> [String] { a.entities(of: .person) }

    func testSeed000VNAEnglish() throws {
        let a = try parse("000")
        XCTAssertEqual(a.title, "Vietnamese, Lao defence ministries fortity ties")
        XCTAssertEqual(a.lang, "en")
        XCTAssertEqual(a.sources, ["VNA"])
        XCTAssertEqual(a.dateline, "Vientiane")
        XCTAssertEqual(a.date, "2026-02-05")
        XCTAssertNil(a.datetime)
        XCTAssertEqual(a.dateConfidence, .inferred)
        XCTAssertEqual(a.dateText, "February 5")
        XCTAssertTrue(a.lede?.hasPrefix("In an increasingly complex global landscape") ?? false)
        XCTAssertTrue(a.paragraphs.first?.hasPrefix("Politburo member, Vice Secretary") ?? false, "dateline prefix removed")
        XCTAssertFalse(a.paragraphs.first?.contains("(VNA)") ?? true)
        XCTAssertTrue(a.paragraphs.last?.hasPrefix("On the occasion, Giang invited") ?? false)
        XCTAssertFalse(a.paragraphs.last?.hasSuffix("./.") ?? true, "end marker removed")
        XCTAssertEqual(a.paragraphs.count, 8)
        XCTAssertEqual(a.captions, [Caption(text: "Delegates at the meeting", credit: "VNA")])
        XCTAssertEqual(a.related.count, 13)
        XCTAssertEqual(a.related.first?.title, "Vietnam, Laos step up cooperation in combating transnational crime")
        XCTAssertEqual(a.related.last?.title, "Vietnamese Party chief arrives in Vientiane, beginning state visit to Laos")
        XCTAssertTrue(a.related.allSatisfy { $0.summary != nil })
        for teaser in a.related {
            XCTAssertFalse(a.paragraphs.contains { $0.contains(teaser.title) }, "teaser in body: \(teaser.title)")
        }
        XCTAssertTrue(a.boilerplate.contains("See more"))
        let p = people(a)
        for name in ["Phan Van Giang", "Khamliang Outhakaysone", "To Lam"] { XCTAssertTrue(p.contains(name), "missing \(name) in \(p)") }
        XCTAssertEqual(Set(p).count, p.count)
        // Short mentions resolve to the full name.
        XCTAssertTrue(a.mentions.contains { $0.name == "Phan Van Giang" && $0.text == "Giang" })
        XCTAssertTrue(a.mentions.contains { $0.name == "Khamliang Outhakaysone" && $0.text == "Khamliang" })
        // Acronym learning: CPV is the Communist Party of Vietnam.
        XCTAssertTrue(a.mentions.contains { $0.kind == .organization && $0.text == "CPV" && $0.name == "Communist Party of Vietnam" })
        XCTAssertGreaterThan(a.wordCount, 350)
    }

    func testSeed001VOV() throws {
        let a = try parse("001")
        XCTAssertEqual(a.title, "Vietnamese President highlights special solidarity with Laos")
        XCTAssertEqual(a.sources, ["VOV"])
        XCTAssertEqual(a.date, "2026-01-26")
        XCTAssertEqual(a.dateConfidence, .inferred)
        XCTAssertTrue(a.paragraphs.first?.hasPrefix("President Luong Cuong received") ?? false)
        XCTAssertTrue(a.paragraphs.last?.hasPrefix("The two leaders expressed satisfaction") ?? false)
        XCTAssertEqual(a.captions.count, 1)
        XCTAssertTrue(a.captions.first?.text.hasPrefix("Lao General Secretary and President Thongloun Sisoulith") ?? false)
        XCTAssertFalse(a.captions.first?.text.hasSuffix(".jpg") ?? true)
        let body = a.body
        XCTAssertFalse(body.contains("reCAPTCHA"))
        XCTAssertFalse(body.contains("Related"))
        XCTAssertFalse(body.contains("Viết bình luận"))
        XCTAssertTrue(a.boilerplate.contains { $0.contains("reCAPTCHA") })
        XCTAssertTrue(a.related.contains { $0.title == "Laos places top priority on relations with Vietnam, says ambassador" })
        XCTAssertTrue(a.related.contains { $0.title.hasPrefix("Vietnam and Laos reaffirm strategic cohesion") })
        XCTAssertEqual(a.related.filter { $0.title.hasPrefix("Vietnam and Laos reaffirm") }.count, 1, "repeated teaser kept once")
        let p = people(a)
        for name in ["Luong Cuong", "Thongloun Sisoulith", "To Lam", "Le Hoai Trung"] { XCTAssertTrue(p.contains(name), "missing \(name) in \(p)") }
    }

    func testSeed002VNSWithoutHeadline() throws {
        let a = try parse("002")
        XCTAssertNil(a.title, "no headline in the dump: none invented")
        XCTAssertEqual(a.author, "Đinh Minh Hằng")
        XCTAssertEqual(a.dateline, "Hà Nội")
        XCTAssertEqual(a.sources, ["VNS"])
        XCTAssertNil(a.date)
        XCTAssertEqual(a.dateConfidence, DateConfidence.none)
        XCTAssertEqual(a.dateText, "Friday")
        XCTAssertTrue(a.boilerplate.contains("![]() |"))
        XCTAssertTrue(a.paragraphs.first?.hasPrefix("Việt Nam always strongly") ?? false)
        XCTAssertFalse(a.paragraphs.last?.contains("VNS") ?? true, "sign-off removed")
        XCTAssertTrue(a.paragraphs.last?.hasSuffix("the region and the world.") ?? false)
        XCTAssertFalse(a.body.contains("minutes ago"))
        XCTAssertTrue(people(a).contains("Tô Lâm"))
    }

    func testSeed003VNAVNS() throws {
        let a = try parse("003")
        XCTAssertNil(a.title)
        XCTAssertEqual(a.dateline, "Vientiane")
        XCTAssertEqual(a.sources, ["VNA", "VNS"])
        XCTAssertNil(a.date)
        XCTAssertEqual(a.dateText, "Thursday")
        XCTAssertTrue(a.paragraphs.first?.hasPrefix("Party General Secretary Tô Lâm met") ?? false)
        XCTAssertTrue(a.paragraphs.last?.hasSuffix("2026–2030 term.") ?? false)
        let p = people(a)
        XCTAssertTrue(p.contains("Tô Lâm"))
        XCTAssertTrue(p.contains("Saysomphone Phomvihane"))
        XCTAssertTrue(a.mentions.contains { $0.name == "Saysomphone Phomvihane" && $0.text == "Saysomphone" })
        XCTAssertTrue(a.mentions.contains { $0.name == "Tô Lâm" && $0.text == "Lâm" })
    }

    func testSeed004Vietnamese() throws {
        let a = try parse("004")
        XCTAssertEqual(a.lang, "vi")
        XCTAssertEqual(a.title, "Hợp tác quốc phòng là trụ cột quan trọng trong quan hệ Việt - Lào")
        XCTAssertEqual(a.section, "Chính trị - Xã hội")
        XCTAssertEqual(a.datetime, "2022-12-08T07:07:00+07:00")
        XCTAssertEqual(a.date, "2022-12-08")
        XCTAssertEqual(a.dateConfidence, .explicit)
        XCTAssertEqual(a.sources, ["Nhân Dân"])
        let body = a.body
        XCTAssertFalse(body.contains("New Zealand Việt Nam luôn coi trọng"), "doubled teaser links are not body")
        XCTAssertFalse(body.contains("ảnh 1"))
        XCTAssertFalse(body.contains("Tin bài liên quan"))
        XCTAssertFalse(body.contains("Auckland"), "teaser summaries are not body")
        XCTAssertFalse(body.contains("Phiên bản di động"))
        XCTAssertEqual(a.paragraphs.filter { $0.hasPrefix("Thủ tướng Phạm Minh Chính tiếp Đại tướng") }.count, 0, "repeated lede dropped")
        XCTAssertTrue(a.paragraphs.last?.hasPrefix("Đại tướng Chansamone Chanyalath cảm ơn") ?? false)
        XCTAssertTrue(a.captions.contains { $0.text == "Quang cảnh buổi tiếp" })
        XCTAssertTrue(a.related.contains { $0.title == "Việt Nam luôn coi trọng, thúc đẩy quan hệ hợp tác nhiều mặt với New Zealand" })
        let p = people(a)
        XCTAssertTrue(p.contains("Phạm Minh Chính"), "\(p)")
        XCTAssertTrue(p.contains("Chansamone Chanyalath"))
        XCTAssertFalse(p.contains("Đoàn"), "'Đoàn công tác' is a delegation, not a person")
    }

    func testJSONHasEveryFieldOfTheContract() throws {
        let a = try parse("002")
        let data = try JSONEncoder().encode(a)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let expected = ["id", "path", "lang", "title", "section", "author", "sources", "dateline", "date", "datetime",
                        "date_confidence", "date_text", "lede", "paragraphs", "captions", "related", "boilerplate",
                        "mentions", "word_count"]
        XCTAssertEqual(Set(object.keys), Set(expected))
        XCTAssertTrue(object["title"] is NSNull)
        let mention = try XCTUnwrap((object["mentions"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(mention.keys), ["name", "kind", "text", "paragraph", "offset"])
    }

    func testMentionOffsetsPointAtTheSurfaceText() throws {
        for prefix in ["000", "001", "002", "003", "004"] {
            let a = try parse(prefix)
            XCTAssertFalse(a.mentions.isEmpty)
            for m in a.mentions {
                let scalars = Array(a.paragraphs[m.paragraph].unicodeScalars)
                let n = m.text.unicodeScalars.count
                XCTAssertLessThanOrEqual(m.offset + n, scalars.count)
                XCTAssertEqual(String(String.UnicodeScalarView(scalars[m.offset..<(m.offset + n)])), m.text)
            }
        }
    }

    func testIDIsStableAndContentBased() throws {
        let url = try TextSeeds.url("003")
        let text = try String(contentsOf: url, encoding: .utf8)
        let a = ArticleParser().parse(text: text).article
        let b = ArticleParser().parse(text: text.replacingOccurrences(of: "\n", with: "\r\n")).article
        XCTAssertEqual(a.id, b.id)
        XCTAssertEqual(a.id.count, 16)
        let c = ArticleParser().parse(text: text.replacingOccurrences(of: "Saysomphone", with: "Somebody")).article
        XCTAssertNotEqual(a.id, c.id)
    }
}
