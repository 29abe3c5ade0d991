import Foundation
import XCTest
@testable import DatelineReport
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Shared sample data and XML helpers for the report tests.
enum Fixtures {
    static let evilTitle = "<script>alert(1)</script> & \"x\""

    static func article(_ id: String, title: String? = nil, url: String? = nil, paragraphs: [String] = ["Body."]) -> ArticleRef {
        ArticleRef(id: id, title: title ?? "Article \(id)", date: "2026-02-05", sources: ["VNA"], paragraphs: paragraphs, url: url)
    }

    /// A document using every block type, an evil title and Vietnamese text.
    static func document() -> ReportDocument {
        var doc = ReportDocument()
        doc.append(.title("Báo cáo tuần"))
        doc.append(.heading("Tổng quan", level: 1))
        doc.append(.text("Mentions of Phạm Minh Chính.\nSecond line."))
        doc.append(.table(ReportTable(columns: ["title", "n"], rows: [
            TableRow([.string(evilTitle), 3], articleID: "a1"),
            TableRow(["Thủ tướng Phạm Minh Chính", 12], articleID: "a2"),
        ], caption: "Top")))
        doc.append(.heading("KWIC", level: 2))
        doc.append(.kwic(KwicBlock(lines: [
            KwicLine(left: "hello ", match: "Tô Lâm", right: " world", articleID: "a1", title: evilTitle, date: "2026-02-05", sources: ["VNA"]),
        ])))
        doc.append(.chart(Chart(title: "Bars", data: .bar(labels: ["a", "b"], series: [Series(name: "s", values: [1, 2])]))))
        doc.addArticle(article("a1", title: evilTitle, paragraphs: ["<b>bold</b> & <script>x()</script>"]))
        doc.addArticle(article("a2", title: "Thủ tướng", url: "javascript:alert(1)"))
        return doc
    }

    /// Parses XML or fails the test.
    static func parse(_ xml: String, file: StaticString = #filePath, line: UInt = #line) throws -> XMLDocument {
        do {
            return try XMLDocument(xmlString: xml, options: [])
        } catch {
            XCTFail("not well-formed XML: \(error)", file: file, line: line)
            throw error
        }
    }

    /// Every element below `node` (inclusive) whose local name is `name`.
    static func elements(_ node: XMLNode, named name: String) -> [XMLElement] {
        var result: [XMLElement] = []
        func walk(_ n: XMLNode) {
            if let e = n as? XMLElement, (e.localName ?? e.name) == name { result.append(e) }
            for child in n.children ?? [] { walk(child) }
        }
        walk(node)
        return result
    }

    /// Attribute value by name (searched directly: on Linux `attribute(forName:)` misses attributes of
    /// elements under a default namespace, such as SVG's).
    static func attr(_ e: XMLElement, _ name: String) -> String? {
        e.attributes?.first { ($0.localName ?? $0.name) == name }?.stringValue
    }

    static func withClass(_ elements: [XMLElement], _ cls: String) -> [XMLElement] {
        elements.filter { (attr($0, "class") ?? "").split(separator: " ").contains(Substring(cls)) }
    }

    /// Parses one chart's SVG and returns its root element.
    static func svg(_ chart: Chart, file: StaticString = #filePath, line: UInt = #line) throws -> XMLElement {
        let doc = try parse(ChartSVG.render(chart, id: "t"), file: file, line: line)
        guard let root = doc.rootElement() else { throw NSError(domain: "test", code: 1) }
        XCTAssertEqual(root.localName ?? root.name, "svg", file: file, line: line)
        return root
    }

    /// All text content inside `<text>` elements (including tooltips), joined.
    static func texts(_ root: XMLNode) -> [String] {
        elements(root, named: "text").map { $0.stringValue ?? "" }
    }
}
