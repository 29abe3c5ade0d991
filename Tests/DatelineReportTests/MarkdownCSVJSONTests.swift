import XCTest
@testable import DatelineReport

final class MarkdownTests: XCTestCase {
    func testTablesEscapePipesAndHTML() throws {
        var doc = ReportDocument()
        doc.append(.title("Report"))
        doc.append(.heading("Section", level: 1))
        doc.append(.table(ReportTable(columns: ["a|b", "n"], cells: [
            [.string("x | y"), 3], [.string(Fixtures.evilTitle), 4.5], [.string("line1\nline2"), nil],
        ])))
        let md = try MarkdownRenderer().render(doc)
        XCTAssertTrue(md.hasPrefix("# Report\n\n## Section\n"))
        XCTAssertTrue(md.contains("| a\\|b | n |"))
        XCTAssertTrue(md.contains("| --- | ---: |"), "numeric column right-aligned")
        XCTAssertTrue(md.contains("| x \\| y | 3 |"))
        XCTAssertTrue(md.contains("line1<br>line2"))
        XCTAssertFalse(md.contains("<script>"))
        XCTAssertTrue(md.contains("\\<script\\>alert(1)\\</script\\> \\& \"x\""))
        // Every table line has the same number of unescaped pipes.
        let tableLines = md.split(separator: "\n").filter { $0.hasPrefix("|") }
        let pipeCounts = Set(tableLines.map { line -> Int in
            var count = 0
            var escaped = false
            for ch in line {
                if ch == "|" && !escaped { count += 1 }
                escaped = ch == "\\" && !escaped
            }
            return count
        })
        XCTAssertEqual(pipeCounts, [3])
    }

    func testKwicAndArticleLinks() throws {
        let md = try MarkdownRenderer().render(Fixtures.document())
        XCTAssertTrue(md.contains("| left | match | right | title | date | sources |"))
        XCTAssertTrue(md.contains("[Tô Lâm](#a-a1)"))
        XCTAssertTrue(md.contains("<a id=\"a-a1\"></a>"))
        XCTAssertFalse(md.contains("(javascript:"), "unsafe URLs are not linked")
        XCTAssertTrue(md.contains("| label | s |"), "chart as its data table")
    }

    func testParagraphLineStartsAreEscaped() throws {
        var doc = ReportDocument()
        doc.append(.text("- not a list\n1. not a list\n# not a heading"))
        let md = try MarkdownRenderer().render(doc)
        XCTAssertEqual(md, "\\- not a list\\\n1\\. not a list\\\n\\# not a heading\n")
    }

    func testAlignedOutputBecomesACodeBlock() throws {
        var doc = ReportDocument()
        doc.append(.text("name      n\nTô Lâm    12\n```"))
        let md = try MarkdownRenderer().render(doc)
        XCTAssertEqual(md, "````text\nname      n\nTô Lâm    12\n```\n````\n")
    }
}

final class CSVTests: XCTestCase {
    /// Minimal RFC 4180 reader for checking what the renderer wrote.
    private func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = [], field = "", record: [String] = []
        var quoted = false, wasQuoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true; wasQuoted = true }
            else if c == "," { record.append(field); field = ""; wasQuoted = false }
            else if c == "\r" { continue }
            else if c == "\n" {
                if !record.isEmpty || !field.isEmpty || wasQuoted { record.append(field) }
                records.append(record); record = []; field = ""; wasQuoted = false
            } else { field.unicodeScalars.append(c) }
        }
        return records
    }

    func testQuotingRoundTrips() throws {
        let tricky = ["plain", "a,b", "say \"hi\"", "two\nlines", " padded ", "Phạm Minh Chính", ""]
        var doc = ReportDocument()
        doc.append(.table(ReportTable(columns: ["text", "n"], cells: tricky.map { [.string($0), 1.5] }, caption: "Tricky")))
        let csv = try CSVRenderer().render(doc)
        XCTAssertTrue(csv.hasPrefix("# Tricky\r\ntext,n\r\n"))
        XCTAssertTrue(csv.contains("\"a,b\",1.5\r\n"))
        XCTAssertTrue(csv.contains("\"say \"\"hi\"\"\",1.5"))
        XCTAssertTrue(csv.contains("\"two\nlines\""))
        let records = parseCSV(csv)
        XCTAssertEqual(records.dropFirst(2).map { $0[0] }, tricky)
    }

    func testMultipleTablesAreSeparated() throws {
        let csv = try CSVRenderer(lineEnding: "\n").render(Fixtures.document())
        let sections = csv.components(separatedBy: "\n\n")
        XCTAssertEqual(sections.count, 4, csv)  // table, kwic, chart data, articles
        XCTAssertTrue(sections.allSatisfy { $0.hasPrefix("# ") })
        XCTAssertTrue(sections[0].hasPrefix("# Top\ntitle,n,article_id\n"))
        XCTAssertTrue(sections[1].hasPrefix("# KWIC\n"), "heading names an uncaptioned table")
        XCTAssertTrue(sections[2].hasPrefix("# Bars\nlabel,s\na,1\nb,2"))
        XCTAssertTrue(sections[3].hasPrefix("# articles\nid,title,date,sources,url,path\n"))
    }
}

final class JSONTests: XCTestCase {
    func testRoundTripAndShape() throws {
        var doc = Fixtures.document()
        doc.append(.chart(Chart(title: "L", xTitle: "day", yTitle: "n", data: .line(series: [
            LineSeries(name: "a", points: [LinePoint(x: .date("2026-02-05"), y: 1.5), LinePoint(x: .number(3.25), y: .nan)]),
        ]))))
        doc.append(.chart(Chart(data: .stacked(categories: ["c"], series: [Series(name: "s", values: [0.5])]))))
        doc.append(.chart(Chart(data: .heatmap(rows: ["r"], columns: ["c", "d"], values: [[0.5, nil]]))))
        doc.append(.chart(Chart(data: .network(nodes: [NetworkNode(id: "n", label: nil, weight: 2.5)], edges: [NetworkEdge(source: "n", target: "n", weight: 0.5)]))))
        let data = try JSONReportRenderer().renderData(doc)
        let decoded = try JSONReportRenderer.decode(data)
        XCTAssertEqual(decoded.blocks.count, doc.blocks.count)
        XCTAssertEqual(decoded.articles, doc.articles)
        // NaN does not compare equal, so compare the re-encoded bytes instead.
        XCTAssertEqual(try JSONReportRenderer().renderData(decoded), data, "stable output")
        XCTAssertEqual(decoded.blocks[0], doc.blocks[0])
        XCTAssertEqual(decoded.blocks[3], doc.blocks[3])

        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let blocks = try XCTUnwrap(object["blocks"] as? [[String: Any]])
        XCTAssertEqual(blocks.compactMap { $0["type"] as? String },
                       ["title", "heading", "text", "table", "heading", "kwic", "chart", "chart", "chart", "chart", "chart"])
        let table = blocks[3]
        XCTAssertEqual(table["columns"] as? [String], ["title", "n"])
        let firstRow = try XCTUnwrap((table["rows"] as? [[String: Any]])?.first)
        XCTAssertEqual(firstRow["article_id"] as? String, "a1")
        XCTAssertEqual(blocks[6]["chart_type"] as? String, "bar")
        XCTAssertTrue(blocks[6]["x_title"] is NSNull, "optional fields are written as null")
    }

    func testUnknownBlockTypeIsAClearError() {
        let json = #"{"blocks":[{"type":"video"}],"articles":[]}"#
        XCTAssertThrowsError(try JSONReportRenderer.decode(Data(json.utf8))) { error in
            XCTAssertTrue("\(error)".contains("video"))
        }
    }
}
