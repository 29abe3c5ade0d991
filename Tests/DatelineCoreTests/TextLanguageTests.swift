import XCTest
@testable import DatelineCore

final class TextLanguageTests: XCTestCase {
    func testSeeds() throws {
        let expected = ["000": "en", "001": "en", "002": "en", "003": "en", "004": "vi"]
        for (seed, lang) in expected {
            XCTAssertEqual(LanguageDetector.detect(try TextSeeds.load(seed)), lang, seed)
        }
    }

    func testEnglishWithManyVietnameseNamesIsEnglish() {
        let text = "General Secretary Tô Lâm met Prime Minister Phạm Minh Chính and Chairman Trần Thanh Mẫn in Hà Nội on Friday, where they discussed the plan with Việt Nam's partners."
        XCTAssertEqual(LanguageDetector.detect(text), "en")
        XCTAssertEqual(LanguageDetector.detect("Tô Lâm meets Lê Hoài Trung and the Lào delegation in Hà Nội"), "en")
    }

    func testVietnameseWithoutMuchText() {
        XCTAssertEqual(LanguageDetector.detect("Thủ tướng Phạm Minh Chính tiếp Đại tướng Chansamone Chanyalath tại Hà Nội."), "vi")
    }

    func testOtherLatinLanguages() {
        XCTAssertEqual(LanguageDetector.detect("Le président de la République a reçu les ministres dans la soirée pour discuter des réformes et de la situation économique du pays."), "fr")
        XCTAssertEqual(LanguageDetector.detect("Der Präsident hat die Minister am Abend empfangen, um über die Reformen und die wirtschaftliche Lage des Landes zu sprechen."), "de")
        XCTAssertEqual(LanguageDetector.detect("El presidente de la República recibió a los ministros por la noche para hablar de las reformas y de la situación económica del país."), "es")
        XCTAssertEqual(LanguageDetector.detect("Presiden menerima para menteri pada malam hari untuk membahas reformasi dan situasi ekonomi yang sedang dihadapi oleh negara ini."), "id")
    }

    func testScripts() {
        XCTAssertEqual(LanguageDetector.detect("ປະທານປະເທດ ທອງລຸນ ສີສຸລິດ ໄດ້ຕ້ອນຮັບ ຄະນະຜູ້ແທນ ຂອງ ຫວຽດນາມ ຢູ່ ນະຄອນຫຼວງວຽງຈັນ"), "lo")
        XCTAssertEqual(LanguageDetector.detect("นายกรัฐมนตรีได้พบกับคณะผู้แทนจากประเทศเวียดนามที่กรุงเทพมหานครในวันนี้"), "th")
        XCTAssertEqual(LanguageDetector.detect("越南共产党中央委员会总书记苏林会见老挝人民革命党中央委员会总书记通伦"), "zh")
        XCTAssertEqual(LanguageDetector.detect("ベトナム共産党の書記長は、ラオスの国家主席と会談しました。両国の関係について話し合いました。"), "ja")
        XCTAssertEqual(LanguageDetector.detect("베트남 공산당 서기장은 라오스 국가주석과 회담을 가졌으며 양국 관계에 대해 논의했습니다"), "ko")
        XCTAssertEqual(LanguageDetector.detect("Генеральный секретарь встретился с президентом Лаоса во Вьентьяне в четверг"), "ru")
        XCTAssertEqual(LanguageDetector.detect("التقى الأمين العام للحزب الشيوعي الفيتنامي برئيس جمهورية لاوس في العاصمة فينتيان"), "ar")
    }

    func testTooLittleOrUnclear() {
        XCTAssertNil(LanguageDetector.detect("Tô Lâm"))
        XCTAssertNil(LanguageDetector.detect("12345 67890 ... !!!"))
        XCTAssertNil(LanguageDetector.detect(""))
        XCTAssertNil(LanguageDetector.detect("Xyzzy plugh frobnicate quux blorp zorkmid grue"))
    }
}
