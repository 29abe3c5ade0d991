import XCTest
@testable import DatelineReport

final class TextRendererTests: XCTestCase {
    /// Display column at which `needle` starts in `line`, or nil.
    private func column(of needle: String, in line: Substring) -> Int? {
        guard let range = line.range(of: needle) else { return nil }
        return DisplayWidth.of(String(line[line.startIndex..<range.lowerBound]))
    }

    func testDisplayWidth() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        // Precomposed and decomposed Vietnamese take the same columns.
        let precomposed = "Phạm Minh Chính"
        let decomposed = precomposed.decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(precomposed.unicodeScalars.count, decomposed.unicodeScalars.count)
        XCTAssertEqual(DisplayWidth.of(precomposed), 15)
        XCTAssertEqual(DisplayWidth.of(decomposed), 15)
        XCTAssertEqual(DisplayWidth.of("中国"), 4)
        XCTAssertEqual(DisplayWidth.of("한국"), 4)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
    }

    func testTruncateAndPad() {
        XCTAssertEqual(DisplayWidth.truncate("Nguyễn Văn Trường", to: 8), "Nguyễn …")
        XCTAssertEqual(DisplayWidth.of(DisplayWidth.truncate("中国外交部发言人", to: 7)), 7)
        XCTAssertEqual(DisplayWidth.truncate("short", to: 10), "short")
        XCTAssertEqual(DisplayWidth.truncateLeading("abcdefghij", to: 5), "…ghij")
        XCTAssertEqual(DisplayWidth.pad("Lâm", to: 5), "Lâm  ")
        XCTAssertEqual(DisplayWidth.pad("7", to: 3, right: true), "  7")
    }

    func testTableColumnsAlignWithVietnameseAndCJK() throws {
        let names = ["Phạm Minh Chính", "Tô Lâm".decomposedStringWithCanonicalMapping, "中国外交部", "Bùi Thanh Sơn"]
        let table = ReportTable(columns: ["name", "count", "date"], cells: names.enumerated().map { i, name in
            [.string(name), .int(i * 100 + 7), .string("2026-02-0\(i + 1)")]
        })
        var doc = ReportDocument()
        doc.append(.table(table))
        let out = try TextRenderer().render(doc)
        let lines = out.split(separator: "\n").filter { $0.contains("2026-02-0") }
        XCTAssertEqual(lines.count, 4)
        let dateColumns = Set(lines.compactMap { column(of: "2026-02-0", in: $0) })
        XCTAssertEqual(dateColumns.count, 1, "dates must start in one column:\n\(out)")
        // Numbers are right-aligned: they end in the same column.
        let numberEnds = Set(zip(lines, [7, 107, 207, 307]).compactMap { line, n -> Int? in
            column(of: " \(n) ", in: line).map { $0 + 1 + String(n).count }
        })
        XCTAssertEqual(numberEnds.count, 1, out)
        XCTAssertFalse(out.contains("\u{1B}["), "no colour by default")
    }

    func testLongCellsAreTruncatedWithEllipsis() throws {
        let long = String(repeating: "Nguyễn Văn Trường ", count: 10)
        var doc = ReportDocument()
        doc.append(.table(ReportTable(columns: ["name"], cells: [[.string(long)]])))
        let out = try TextRenderer(options: RenderOptions(maxCellWidth: 20)).render(doc)
        let row = try XCTUnwrap(out.split(separator: "\n").first { $0.hasPrefix("Nguyễn") })
        XCTAssertTrue(row.hasSuffix("…"))
        XCTAssertEqual(DisplayWidth.of(String(row)), 20)
    }

    func testKwicAlignsMatches() throws {
        let lines = [
            KwicLine(left: "Thủ tướng Chính phủ ", match: "Phạm Minh Chính", right: " đã tiếp", date: "2026-02-05"),
            KwicLine(left: "A very long left context that will certainly be cut because it does not fit at all ", match: "Phạm Minh Chính", right: " met", date: "2026-02-06"),
            KwicLine(left: "中国 ", match: "Phạm Minh Chính".decomposedStringWithCanonicalMapping, right: " x"),
        ]
        var doc = ReportDocument()
        doc.append(.kwic(KwicBlock(lines: lines)))
        let out = try TextRenderer(options: RenderOptions(width: 80)).render(doc)
        let rows = out.split(separator: "\n")
        XCTAssertEqual(rows.count, 3, out)
        let columns = Set(rows.compactMap { row -> Int? in
            column(of: "Phạm", in: row) ?? column(of: "Phạm".decomposedStringWithCanonicalMapping, in: row)
        })
        XCTAssertEqual(columns.count, 1, out)
        XCTAssertTrue(rows[1].contains("…"), "long left context is cut from the left")
        XCTAssertTrue(rows.allSatisfy { DisplayWidth.of(String($0)) <= 80 })
    }

    func testColourFlagAddsANSI() throws {
        var doc = ReportDocument()
        doc.append(.title("T"))
        doc.append(.kwic(KwicBlock(lines: [KwicLine(left: "a ", match: "b", right: " c")])))
        XCTAssertTrue(try TextRenderer(options: RenderOptions(color: true)).render(doc).contains("\u{1B}[1;33m"))
    }

    func testCharts() throws {
        var doc = ReportDocument()
        doc.append(.chart(Chart(title: "Bars", data: .bar(labels: ["Tô Lâm", "Phạm Minh Chính"], series: [Series(name: "n", values: [10, 5])]))))
        let points = (1...10).map { LinePoint(x: .date(String(format: "2026-02-%02d", $0)), y: Double($0 % 4)) }
        doc.append(.chart(Chart(title: "Line", data: .line(series: [LineSeries(name: "VNA", points: points)]))))
        doc.append(.chart(Chart(title: "Heat", data: .heatmap(rows: ["r1", "r2"], columns: ["c1", "c2"], values: [[0, 10], [5, nil]]))))
        doc.append(.chart(Chart(title: "Net", data: .network(
            nodes: [NetworkNode(id: "a", label: "Tô Lâm"), NetworkNode(id: "b", label: "Lương Cường")],
            edges: [NetworkEdge(source: "a", target: "b", weight: 7)]))))
        doc.append(.chart(Chart(title: "Stack", data: .stacked(categories: ["x"], series: [Series(name: "p", values: [2]), Series(name: "q", values: [3])]))))
        let out = try TextRenderer(options: RenderOptions(width: 60)).render(doc)
        let barLines = out.split(separator: "\n").filter { $0.contains("█") && ($0.hasPrefix("Tô Lâm") || $0.hasPrefix("Phạm")) }
        XCTAssertEqual(barLines.count, 2)
        // The bar for 10 is twice as long as the bar for 5.
        let lengths = barLines.map { $0.filter { $0 == "█" }.count }
        XCTAssertEqual(lengths[0], lengths[1] * 2, accuracy: 1)
        XCTAssertTrue(out.contains("▁") && out.contains("█"), "sparkline")
        XCTAssertTrue(out.contains("2026-02-01 … 2026-02-10"))
        XCTAssertTrue(out.contains("Tô Lâm") && out.contains("Lương Cường") && out.contains(" 7 "), "edge list with weight:\n\(out)")
        XCTAssertTrue(out.contains("░") && out.contains("·"), "heatmap shades and missing cell")
        XCTAssertTrue(out.contains("▓"), "second stacked series")
    }

    func testSparklineResamplesToWidth() {
        let renderer = TextChartRenderer(width: 80, style: ANSIStyle(enabled: false))
        let spark = renderer.sparkline((0..<1000).map(Double.init), maxWidth: 50)
        XCTAssertEqual(spark.count, 50)
        XCTAssertEqual(spark.first, "▁")
        XCTAssertEqual(spark.last, "█")
    }
}

final class ExtremeInputTests: XCTestCase {
    /// Huge and non-finite values must not trap in any renderer.
    func testExtremeValuesRenderEverywhere() throws {
        var doc = ReportDocument()
        let extreme: [Double] = [-1e308, 1e308, .nan, .infinity, 0]
        doc.append(.table(ReportTable(columns: ["v"], cells: extreme.map { [.double($0)] })))
        doc.append(.chart(Chart(data: .bar(labels: ["a", "b", "c", "d", "e"], series: [Series(name: "s", values: extreme), Series(name: "t", values: extreme)]))))
        doc.append(.chart(Chart(data: .line(series: [LineSeries(name: "s", points: extreme.map { LinePoint(x: .number($0), y: $0) })]))))
        doc.append(.chart(Chart(data: .stacked(categories: ["a"], series: [Series(name: "s", values: [1e308]), Series(name: "t", values: [1e308])]))))
        doc.append(.chart(Chart(data: .heatmap(rows: ["r"], columns: ["a", "b", "c"], values: [[-1e308, 1e308, 1]]))))
        doc.append(.chart(Chart(data: .network(nodes: [NetworkNode(id: "a", weight: 1e308), NetworkNode(id: "b", weight: .nan)], edges: [NetworkEdge(source: "a", target: "b", weight: .infinity)]))))
        for format in ReportFormat.allCases {
            XCTAssertNoThrow(try format.renderer().render(doc), "\(format)")
        }
    }
}
