import XCTest
@testable import DatelineReport

final class ModelTests: XCTestCase {
    func testFormatFromExtension() {
        XCTAssertEqual(ReportFormat(fileExtension: "HTML"), .html)
        XCTAssertEqual(ReportFormat(fileExtension: ".htm"), .html)
        XCTAssertEqual(ReportFormat(fileExtension: "md"), .md)
        XCTAssertEqual(ReportFormat(fileExtension: "markdown"), .md)
        XCTAssertEqual(ReportFormat(fileExtension: "txt"), .text)
        XCTAssertEqual(ReportFormat(fileExtension: "csv"), .csv)
        XCTAssertEqual(ReportFormat(fileExtension: "json"), .json)
        XCTAssertNil(ReportFormat(fileExtension: "pdf"))
        XCTAssertEqual(ReportFormat(path: "/tmp/out/briefing.html"), .html)
        XCTAssertNil(ReportFormat(path: "/tmp/out/briefing"))
        XCTAssertEqual(ReportFormat(name: "markdown"), .md)
        XCTAssertEqual(ReportFormat(name: "text"), .text)
    }

    func testEveryFormatHasARendererThatRenders() throws {
        let doc = Fixtures.document()
        for format in ReportFormat.allCases {
            let data = try format.renderer().renderData(doc)
            XCTAssertFalse(data.isEmpty, "\(format)")
        }
    }

    func testTitleIsFirstTitleBlock() {
        var doc = ReportDocument()
        XCTAssertNil(doc.title)
        doc.append(.text("x"))
        doc.append(.title("First"))
        doc.append(.title("Second"))
        XCTAssertEqual(doc.title, "First")
    }

    func testAddArticleReplacesSameID() {
        var doc = ReportDocument()
        doc.addArticle(ArticleRef(id: "a", title: "one"))
        doc.addArticle(ArticleRef(id: "b", title: "two"))
        doc.addArticle(ArticleRef(id: "a", title: "three"))
        XCTAssertEqual(doc.articles.map(\.id), ["a", "b"])
        XCTAssertEqual(doc.articles.first?.title, "three")
    }

    func testNumberFormatting() {
        XCTAssertEqual(NumberFormat.display(3), "3")
        XCTAssertEqual(NumberFormat.display(-2.5), "-2.5")
        XCTAssertEqual(NumberFormat.display(0.123456), "0.1235")
        XCTAssertEqual(NumberFormat.display(1234.56), "1234.6")
        XCTAssertEqual(NumberFormat.display(-0.00001), "-1e-05")
        XCTAssertEqual(NumberFormat.display(.nan), "NaN")
        XCTAssertEqual(NumberFormat.exact(0.1), "0.1")
        XCTAssertEqual(NumberFormat.exact(42), "42")
    }

    func testChartDataTables() {
        let bar = Chart(title: "t", data: .bar(labels: ["a", "b"], series: [Series(name: "x", values: [1])]))
        let table = bar.dataTables()[0]
        XCTAssertEqual(table.columns, ["label", "x"])
        XCTAssertEqual(table.rows.map(\.cells), [["a", 1.0], ["b", nil]])
        let net = Chart(data: .network(nodes: [NetworkNode(id: "a")], edges: [NetworkEdge(source: "a", target: "b", weight: 2)]))
        XCTAssertEqual(net.dataTables().count, 2)
        XCTAssertEqual(net.dataTables()[1].rows.first?.cells, ["a", "b", 2.0])
    }

    func testDateParsing() {
        XCTAssertEqual(DateParsing.day("1970-01-02"), 1)
        XCTAssertEqual(DateParsing.day("2026-02"), DateParsing.day("2026-02-01"))
        XCTAssertEqual(DateParsing.day("2026"), DateParsing.day("2026-01-01"))
        XCTAssertNotNil(DateParsing.day("2026-02-05T07:07:00+07:00"))
        XCTAssertNil(DateParsing.day("Feb 5"))
        XCTAssertNil(DateParsing.day("2026-13-01"))
        XCTAssertEqual(DateParsing.format(day: DateParsing.day("2024-02-29") ?? 0), "2024-02-29")
    }

    func testTimeTicksAreThinnedAndOrdered() {
        let lo = DateParsing.day("2026-01-01") ?? 0
        for span in [5.0, 40, 120, 400, 3000] {
            let ticks = DateParsing.timeTicks(from: lo, to: lo + span, maxTicks: 8)
            XCTAssertFalse(ticks.isEmpty)
            XCTAssertLessThanOrEqual(ticks.count, 8, "span \(span)")
            XCTAssertEqual(ticks.map(\.day), ticks.map(\.day).sorted())
            XCTAssertTrue(ticks.allSatisfy { $0.day >= lo - 1e-9 && $0.day <= lo + span + 1e-9 })
        }
        let months = DateParsing.timeTicks(from: lo, to: lo + 120, maxTicks: 8)
        XCTAssertEqual(months.first?.label, "2026-01")
    }
}
