import DatelineTestSupport
import XCTest
@testable import DatelineCore

/// Bad input gets a clear error and never a crash or a hang.
final class ParserRobustnessTests: XCTestCase {
    func testEmptyBinaryOversizedAndUndecodableInput() {
        let parser = ArticleParser(options: ParserOptions(maxBytes: 1000))
        func reason(_ data: Data) -> ParseError.Reason? {
            do { _ = try parser.parse(data: data, path: "x.txt"); return nil } catch let e as ParseError { return e.reason } catch { return nil }
        }
        XCTAssertEqual(reason(Data()), .empty)
        XCTAssertEqual(reason(Data("  \n\n \t".utf8)), .empty)
        XCTAssertEqual(reason(Data([0x48, 0x00, 0x49, 0x0A])), .binary)
        XCTAssertEqual(reason(Data(repeating: 0x41, count: 1001)), .tooLarge(bytes: 1001, limit: 1000))
        XCTAssertEqual(reason(Data([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08])), .undecodable)
        let error = ParseError(path: "dumps/a.txt", reason: .binary)
        XCTAssertEqual(error.description, "dumps/a.txt: binary data (NUL bytes), not a text dump")
    }

    func testWindows1252FallbackWithWarning() throws {
        var bytes = Array("Price rose to ".utf8)
        bytes.append(0xA3)  // £ in Latin-1 / Windows-1252
        bytes += Array("5 million, officials said on Monday in the capital city today.".utf8)
        let page = try ArticleParser().parse(data: Data(bytes), path: "p.txt")
        XCTAssertTrue(page.text.contains("£5 million"))
        XCTAssertEqual(page.warnings, ["not valid UTF-8; decoded as Windows-1252"])
    }

    func testBOMAndCRLFAndUTF16() throws {
        let body = "Title line here\r\n\r\nHANOI — The ministry said on Monday that exports rose sharply this year.\r\n"
        let page = try ArticleParser().parse(data: Data([0xEF, 0xBB, 0xBF] + Array(body.utf8)))
        XCTAssertEqual(page.article.title, "Title line here")
        XCTAssertFalse(page.text.contains("\r"))
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in body.utf16 { utf16.append(UInt8(unit & 0xFF)); utf16.append(UInt8(unit >> 8)) }
        let page16 = try ArticleParser().parse(data: Data(utf16))
        XCTAssertEqual(page16.article.paragraphs, page.article.paragraphs)
    }

    func testFileErrorsNameTheFile() {
        XCTAssertThrowsError(try ArticleParser().parseFile(atPath: "/nonexistent/dir/a.txt")) { error in
            XCTAssertTrue("\(error)".hasPrefix("/nonexistent/dir/a.txt: cannot read"), "\(error)")
        }
    }

    /// Arbitrary bytes and mutated seeds: the parser must return or throw, never crash or hang.
    func testRandomBytesAndMutatedSeedsNeverCrash() throws {
        var rng = SplitMix64(seed: 0xDA7E11E)
        let parser = ArticleParser()
        let seeds = try ["000", "001", "002", "003", "004"].map { Array(try TextSeeds.load($0).utf8) }
        let start = Date()
        for round in 0..<300 {
            var bytes: [UInt8]
            if round % 3 == 0 {
                bytes = (0..<Int(rng.next() % 4096)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            } else {
                bytes = seeds[Int(rng.next() % UInt64(seeds.count))]
                let edits = 1 + Int(rng.next() % 40)
                for _ in 0..<edits where !bytes.isEmpty {
                    let at = Int(rng.next() % UInt64(bytes.count))
                    switch rng.next() % 5 {
                    case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                    case 1: bytes.remove(at: at)
                    case 2: bytes.insert(contentsOf: Array("\n(Photo: X)\n— VNA/VNS\nSee more\n".utf8), at: at)
                    case 3: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 200)], at: at)
                    default: bytes.insert(UInt8(ascii: "\n"), at: at)
                    }
                }
            }
            if let page = try? parser.parse(data: Data(bytes), path: "fuzz-\(round)") {
                // Whatever comes out is internally consistent.
                for m in page.article.mentions {
                    XCTAssertLessThan(m.paragraph, page.article.paragraphs.count)
                }
                _ = try JSONEncoder().encode(page.article)
            }
        }
        // A hang would blow far past this; a generous bound catches quadratic blow-ups.
        XCTAssertLessThan(Date().timeIntervalSince(start), 120)
    }

    func testPathologicalLines() {
        let parser = ArticleParser()
        let long = String(repeating: "word ", count: 50_000)
        _ = parser.parse(text: long)
        _ = parser.parse(text: String(repeating: "A A\n", count: 5_000))
        _ = parser.parse(text: String(repeating: "(Photo: VNA)\n", count: 2_000))
        _ = parser.parse(text: String(repeating: "General Secretary of the ", count: 2_000) + "To Lam.")
        _ = parser.parse(text: String(repeating: "—", count: 10_000))
    }
}
