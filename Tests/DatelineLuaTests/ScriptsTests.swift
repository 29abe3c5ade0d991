import DatelineLua
import Foundation
import XCTest

/// The example analyses in `Scripts/` run on the ingested seeds; their reports (rendered as Markdown,
/// as `dateline run --format md` would) contain the expected findings.
final class ScriptsTests: XCTestCase {
    var seeds: SeedCorpus!

    override func setUpWithError() throws {
        seeds = try SeedCorpus()
    }

    override func tearDown() {
        seeds = nil
    }

    /// Runs `Scripts/<name>.lua` with `arguments`; returns the Markdown report.
    private func run(_ name: String, _ arguments: [String] = []) throws -> String {
        let session = ReportSession(capturesPrints: true)
        let (engine, _) = try seeds.engine { options in
            options.output = { session.write($0) }
            options.scriptsDirectory = SeedCorpus.scriptsFolder
            options.timeout = 60
        }
        session.attach(to: engine)
        try engine.run(file: SeedCorpus.scriptsFolder + "/\(name).lua", arguments: arguments)
        try session.resolveArticles(in: engine)
        var markdown = ""
        try ReportOutput.render(session.document, to: try ReportDestination(format: "md", output: nil)) { data in
            markdown = String(decoding: data, as: UTF8.self)
        }
        return markdown
    }

    private func assertContains(_ text: String, _ needles: [String], file: StaticString = #filePath, line: UInt = #line) {
        for needle in needles where !text.contains(needle) {
            XCTFail("missing \(needle.debugDescription) in:\n\(text)", file: file, line: line)
        }
    }

    func testEveryExampleScriptRunsOnTheSeeds() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: SeedCorpus.scriptsFolder)
            .filter { $0.hasSuffix(".lua") && $0 != "briefing.lua" }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 7)
        for name in names {
            let report = try run(String(name.dropLast(4)))
            XCTAssertTrue(report.hasPrefix("# "), "\(name): \(report.prefix(200))")
        }
    }

    func testPeopleBySource() throws {
        let report = try run("people_by_source")
        assertContains(report, [
            "# People mentioned per source",
            "| VNS | 2 | 4 | Tô Lâm (2), ",
            "| VOV | 1 | 4 | ",
            "| Nhân Dân | 1 | 5 | ",
            "| Tô Lâm | 0 | 2 | 2 | 1 |",  // stacked chart data: Nhân Dân, VNA, VNS, VOV ("To Lam" and "Tô Lâm" are one person)
        ])
        assertContains(try run("people_by_source", ["1"]), ["| VNS | 2 | 4 | Tô Lâm (2) |"])
    }

    func testCooccurrence() throws {
        assertContains(try run("cooccurrence"), [
            "# Who meets whom", "22 pairs of people share an article; the 20 most frequent:",
            "| Luong Cuong | Thongloun Sisoulith | 1 |", "| Khamliang Outhakaysone | Phan Van Giang | 1 |",
        ])
        let byParagraph = try run("cooccurrence", ["paragraph", "5"])
        assertContains(byParagraph, ["share a paragraph; the 5 most frequent:", "| person | with | paragraphs |"])
    }

    func testKwic() throws {
        assertContains(try run("kwic"), [
            "# \"strategic cohesion\" in context", "*6 occurrences in 2 articles*",
            "| the President said both sides continue to regard | [strategic cohesion](#a-",
            "Vietnamese President highlights special solidarity with Laos | 2026-01-26 | VOV |",
        ])
        // VOV 5, the VNA/VNS article 2, the VNS article 2.
        assertContains(try run("kwic", ["special solidarity", "20"]), ["*9 occurrences in 3 articles*"])
        assertContains(try run("kwic", ["no such phrase here"]), ["*0 occurrences in 0 articles*"])
    }

    func testCollocations() throws {
        assertContains(try run("collocations"), [
            "# Bigrams and collocations of \"solidarity\"",
            "| special solidarity | 8 |", "| general secretary | 14 |",
            "| collocate | with | alone | logDice | LL | MI | t |",
            "| special | 9 | 13 | 13.47 |",
        ])
    }

    func testKeyness() throws {
        assertContains(try run("keyness"), [
            "# Keywords of VNA against the other en articles",
            "2 en articles from VNA against 2 from other sources.",
            "| defence | 9 | 1 | 8.22 | 3.32 |",
        ])
        assertContains(try run("keyness", ["VOV"]), ["# Keywords of VOV against the other en articles", "1 en articles from VOV against 3 from other sources."])
        XCTAssertThrowsError(try run("keyness", ["Nobody"])) { error in
            XCTAssertEqual((error as? LuaError)?.message.hasSuffix("no articles from source Nobody"), true, "\(error)")
        }
    }

    func testTimeline() throws {
        assertContains(try run("timeline"), [
            "# Mentions per month",
            "| month | Tô Lâm | Lê Hoài Trung | Luong Cuong | Thongloun Sisoulith | Saysomphone Phomvihane |",
            "| 2026-01 | 1 | 1 | 1 | 1 | 0 |", "| 2026-02 | 1 | 0 | 0 | 0 | 0 |",
        ])
        assertContains(try run("timeline", ["2", "week"]), ["| week | Tô Lâm | Lê Hoài Trung |", "| 2026-W05 | 1 | 1 |"])
    }

    func testStockPhrases() throws {
        assertContains(try run("stock_phrases"), [
            "# Stock phrases across sources",
            "| source | articles | special solidarity | strategic cohesion | comprehensive cooperation |",
            "| VOV | 1 | 5 (", "| Nhân Dân | 1 | 0 (0.0) | 0 (0.0) | 0 (0.0) |",
            "| special solidarity | 9 | 3/5 | 0.53 | 0.38 |", "| strategic cohesion | 6 | 2/5 |",
        ])
        assertContains(try run("stock_phrases", ["friendship"]), ["| source | articles | friendship |"])
    }
}
