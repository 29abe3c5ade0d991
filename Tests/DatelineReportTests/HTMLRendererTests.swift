import XCTest
@testable import DatelineReport
#if canImport(FoundationXML)
import FoundationXML
#endif

final class HTMLRendererTests: XCTestCase {
    func testPageIsWellFormedAndSelfContained() throws {
        let html = try HTMLRenderer().render(Fixtures.document())
        let doc = try Fixtures.parse(html)
        let root = try XCTUnwrap(doc.rootElement())
        XCTAssertEqual(root.name, "html")
        XCTAssertEqual(Fixtures.elements(root, named: "style").count, 1)
        XCTAssertTrue(Fixtures.elements(root, named: "script").isEmpty, "no scripts")
        XCTAssertTrue(Fixtures.elements(root, named: "link").isEmpty, "no external stylesheets")
        XCTAssertTrue(Fixtures.elements(root, named: "img").isEmpty)
        for element in allElements(root) {
            XCTAssertNil(Fixtures.attr(element, "src"), "no fetched resources")
        }
        XCTAssertTrue(html.contains("name=\"viewport\""))
        XCTAssertTrue(html.contains("@media print"))
        XCTAssertTrue(html.contains("overflow-x:auto"), "tables scroll sideways on phones")
        XCTAssertEqual(Fixtures.elements(root, named: "title").first?.stringValue, "Báo cáo tuần")
    }

    func testAllTextIsEscaped() throws {
        let html = try HTMLRenderer().render(Fixtures.document())
        XCTAssertFalse(html.contains("<script"), "raw script tag leaked")
        XCTAssertFalse(html.contains("<b>bold"), "article paragraph HTML leaked")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"))
        // Parsed back, the text is the original string.
        let doc = try Fixtures.parse(html)
        let appendix = try XCTUnwrap(Fixtures.elements(doc, named: "article").first)
        XCTAssertEqual(Fixtures.elements(appendix, named: "h3").first?.stringValue, Fixtures.evilTitle)
    }

    func testControlCharactersDoNotBreakXML() throws {
        var doc = ReportDocument()
        doc.append(.text("bell \u{07} and escape \u{1B}[0m and nul \u{0}"))
        doc.append(.table(ReportTable(columns: ["x\u{0B}"], cells: [["\u{1F}"]])))
        XCTAssertNoThrow(try Fixtures.parse(try HTMLRenderer().render(doc)))
    }

    func testArticleLinksAndAppendix() throws {
        let html = try HTMLRenderer().render(Fixtures.document())
        let doc = try Fixtures.parse(html)
        let ids = Set(allElements(doc).compactMap { Fixtures.attr($0, "id") })
        let hrefs = Fixtures.elements(doc, named: "a").compactMap { Fixtures.attr($0, "href") }
        XCTAssertTrue(hrefs.contains("#a-a1"), "table row and KWIC line link to the appendix")
        XCTAssertTrue(hrefs.contains("#a-a2"))
        for href in hrefs where href.hasPrefix("#") {
            XCTAssertTrue(ids.contains(String(href.dropFirst())), "dangling link \(href)")
        }
        XCTAssertFalse(hrefs.contains { $0.lowercased().hasPrefix("javascript:") })
        let articles = Fixtures.elements(doc, named: "article")
        XCTAssertEqual(articles.count, 2)
        XCTAssertEqual(Fixtures.elements(articles[0], named: "p").last?.stringValue, "<b>bold</b> & <script>x()</script>")
    }

    func testArticleWithoutTextLinksToItsURL() throws {
        var doc = ReportDocument()
        doc.append(.table(ReportTable(columns: ["title"], rows: [TableRow(["T"], articleID: "x"), TableRow(["U"], articleID: "missing")])))
        doc.addArticle(ArticleRef(id: "x", title: "T", paragraphs: [], url: "https://example.org/a?b=1&c=2"))
        let html = try HTMLRenderer().render(doc)
        XCTAssertTrue(html.contains("href=\"https://example.org/a?b=1&amp;c=2\""))
        let parsed = try Fixtures.parse(html)
        let links = Fixtures.elements(parsed, named: "td").flatMap { Fixtures.elements($0, named: "a") }
        XCTAssertEqual(links.count, 1, "an id not in the appendix gets no link")
    }

    func testTableOfContentsAndNumericCells() throws {
        let doc = try Fixtures.parse(try HTMLRenderer().render(Fixtures.document()))
        let nav = try XCTUnwrap(Fixtures.elements(doc, named: "nav").first)
        let tocLinks = Fixtures.elements(nav, named: "a").map { $0.stringValue ?? "" }
        XCTAssertEqual(tocLinks, ["Tổng quan", "KWIC", "Articles"])
        let numeric = Fixtures.withClass(Fixtures.elements(doc, named: "td"), "n").map { $0.stringValue ?? "" }
        XCTAssertEqual(numeric.prefix(2), ["3", "12"])
    }

    func testPreformattedTextKeepsSpacing() throws {
        var doc = ReportDocument()
        doc.append(.text("name     n\nTô Lâm   12"))
        doc.append(.text("Para one\n\nPara two"))
        let parsed = try Fixtures.parse(try HTMLRenderer().render(doc))
        XCTAssertEqual(Fixtures.elements(parsed, named: "pre").first?.stringValue, "name     n\nTô Lâm   12")
        XCTAssertEqual(Fixtures.elements(parsed, named: "p").map { $0.stringValue ?? "" }, ["Para one", "Para two"])
    }

    func testEveryChartTypeInPage() throws {
        var doc = ReportDocument()
        doc.append(.title("Charts"))
        for chart in SVGChartTests.allCharts() { doc.append(.chart(chart)) }
        let parsed = try Fixtures.parse(try HTMLRenderer().render(doc))
        XCTAssertEqual(Fixtures.elements(parsed, named: "svg").count, SVGChartTests.allCharts().count)
        let gradientIDs = Fixtures.elements(parsed, named: "linearGradient").compactMap { Fixtures.attr($0, "id") }
        XCTAssertEqual(Set(gradientIDs).count, gradientIDs.count, "ids are unique in the page")
    }

    private func allElements(_ node: XMLNode) -> [XMLElement] {
        var result: [XMLElement] = []
        func walk(_ n: XMLNode) {
            if let e = n as? XMLElement { result.append(e) }
            for child in n.children ?? [] { walk(child) }
        }
        walk(node)
        return result
    }
}
