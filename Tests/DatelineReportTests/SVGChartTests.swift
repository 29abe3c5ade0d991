import XCTest
@testable import DatelineReport
#if canImport(FoundationXML)
import FoundationXML
#endif

final class SVGChartTests: XCTestCase {
    static let people = ["Tô Lâm", "Phạm Minh Chính", "Phan Văn Giang", "Khamliang Outhakaysone", Fixtures.evilTitle]

    static func allCharts() -> [Chart] {
        [
            Chart(title: "bar", data: .bar(labels: ["a", "b"], series: [Series(name: "s", values: [1, 2])])),
            Chart(title: "line", data: .line(series: [LineSeries(name: "l", points: [LinePoint(x: .number(1), y: 2), LinePoint(x: .number(2), y: 3)])])),
            Chart(title: "stacked", data: .stacked(categories: ["c"], series: [Series(name: "s", values: [1])])),
            Chart(title: "heat 1", data: .heatmap(rows: ["r"], columns: ["c"], values: [[1]])),
            Chart(title: "heat 2", data: .heatmap(rows: ["r"], columns: ["c"], values: [[2]])),
            Chart(title: "net", data: .network(nodes: [NetworkNode(id: "a"), NetworkNode(id: "b")], edges: [NetworkEdge(source: "a", target: "b")])),
        ]
    }

    private func bars(_ root: XMLElement) -> [XMLElement] {
        Fixtures.withClass(Fixtures.elements(root, named: "rect"), "bar")
    }

    private func number(_ e: XMLElement, _ name: String) -> Double { Double(Fixtures.attr(e, name) ?? "") ?? .nan }

    func testGroupedBarChart() throws {
        let chart = Chart(title: "Mentions", xTitle: "person", yTitle: "mentions", data: .bar(
            labels: Array(Self.people.prefix(4)),
            series: [Series(name: "Feb", values: [12, 9, 7, 5]), Series(name: "Mar", values: [8, .nan, 3, 6])]))
        let root = try Fixtures.svg(chart)
        XCTAssertEqual(bars(root).count, 7, "one bar per finite value")
        XCTAssertEqual(Fixtures.withClass(Fixtures.elements(root, named: "rect"), "swatch").count, 2, "legend for two series")
        let texts = Fixtures.texts(root)
        XCTAssertTrue(texts.contains("person") && texts.contains("mentions"), "axis titles")
        XCTAssertTrue(texts.contains("Feb") && texts.contains("Mar"))
        XCTAssertTrue(texts.contains("0") && texts.contains("10"), "value ticks")
        for name in Self.people.prefix(4) {
            XCTAssertTrue(texts.contains { $0.contains(name) }, "label \(name)")
        }
        // Taller bar for the larger value (vertical chart: height grows with value).
        let heights = bars(root).map { number($0, "height") }
        XCTAssertGreaterThan(heights.first ?? 0, heights.dropFirst(2).first ?? .infinity)
    }

    func testManyLongLabelsGoHorizontalWithTooltips() throws {
        let labels = (1...30).map { "Đại biểu Quốc hội Nguyễn Thị Thanh Hương số \($0)" }
        let chart = Chart(title: "Many", data: .bar(labels: labels, series: [Series(name: "n", values: (1...30).map(Double.init))]))
        let root = try Fixtures.svg(chart)
        let rects = bars(root)
        XCTAssertEqual(rects.count, 30)
        XCTAssertEqual(Set(rects.map { Fixtures.attr($0, "x") }).count, 1, "horizontal bars all start at the axis")
        XCTAssertEqual(Set(rects.map { Fixtures.attr($0, "y") }).count, 30)
        // Labels are shortened, and the full text is kept in a tooltip.
        let labelTexts = Fixtures.withClass(Fixtures.elements(root, named: "text"), "label")
        XCTAssertEqual(labelTexts.count, 30)
        for (text, full) in zip(labelTexts, labels) {
            let tooltip = Fixtures.elements(text, named: "title").first?.stringValue
            XCTAssertEqual(tooltip, full)
            let shown = text.children?.compactMap { $0.kind == .text ? $0.stringValue : nil }.joined() ?? ""
            XCTAssertTrue(shown.hasSuffix("…"))
            XCTAssertLessThanOrEqual(SVGCanvas.textWidth(shown), 200)
        }
        // Rows do not overlap: each label sits in its own band.
        let ys = labelTexts.map { number($0, "y") }
        XCTAssertTrue(zip(ys, ys.dropFirst()).allSatisfy { $1 - $0 >= 14 })
    }

    func testVerticalLongLabelsAreRotated() throws {
        let chart = Chart(data: .bar(labels: Self.people, series: [Series(name: "n", values: [1, 2, 3, 4, 5])]))
        let root = try Fixtures.svg(chart)
        let labels = Fixtures.withClass(Fixtures.elements(root, named: "text"), "label")
        XCTAssertEqual(labels.count, 5)
        XCTAssertTrue(labels.allSatisfy { (Fixtures.attr($0, "transform") ?? "").hasPrefix("rotate(-45") })
    }

    func testShortLabelsStayFlatAndFitTheirBand() throws {
        let chart = Chart(data: .bar(labels: ["VNA", "VOV", "VNS"], series: [Series(name: "n", values: [1, 2, 3])]))
        let root = try Fixtures.svg(chart)
        let labels = Fixtures.withClass(Fixtures.elements(root, named: "text"), "label")
        XCTAssertEqual(labels.map { $0.stringValue ?? "" }, ["VNA", "VOV", "VNS"])
        XCTAssertTrue(labels.allSatisfy { Fixtures.attr($0, "transform") == nil })
    }

    func testLineChartOverDates() throws {
        let days = (0..<90).map { d -> String in DateParsing.format(day: (DateParsing.day("2026-01-01") ?? 0) + Double(d)) }
        let chart = Chart(title: "Per day", xTitle: "date", yTitle: "articles", data: .line(series: [
            LineSeries(name: "VNA", points: days.enumerated().map { LinePoint(x: .date($1), y: Double($0 % 7)) }),
            LineSeries(name: "VOV", points: days.prefix(30).enumerated().map { LinePoint(x: .date($1), y: Double($0 % 3)) }),
        ]))
        let root = try Fixtures.svg(chart)
        XCTAssertEqual(Fixtures.withClass(Fixtures.elements(root, named: "polyline"), "line").count, 2)
        XCTAssertEqual(Fixtures.withClass(Fixtures.elements(root, named: "circle"), "point").count, 120)
        let polyline = try XCTUnwrap(Fixtures.elements(root, named: "polyline").first)
        XCTAssertEqual(Fixtures.attr(polyline, "points")?.split(separator: " ").count, 90)
        // Date ticks are thinned: labels are far enough apart not to overlap.
        let ticks = Fixtures.withClass(Fixtures.elements(root, named: "text"), "tick")
            .filter { ($0.stringValue ?? "").hasPrefix("2026") }
        XCTAssertGreaterThanOrEqual(ticks.count, 3)
        XCTAssertEqual(ticks.first?.stringValue, "2026-01")
        let xs = ticks.map { number($0, "x") }
        let widest = ticks.map { SVGCanvas.textWidth($0.stringValue ?? "") }.max() ?? 0
        XCTAssertTrue(zip(xs, xs.dropFirst()).allSatisfy { $1 - $0 > widest }, "tick labels overlap: \(xs)")
        XCTAssertEqual(Fixtures.withClass(Fixtures.elements(root, named: "rect"), "swatch").count, 2)
        XCTAssertTrue(Fixtures.texts(root).contains("articles"))
    }

    func testDailyTicksNeverOverlapOnLongRanges() throws {
        let start = DateParsing.day("2020-01-01") ?? 0
        let points = (0..<2000).map { LinePoint(x: .date(DateParsing.format(day: start + Double($0))), y: Double($0 % 13)) }
        let root = try Fixtures.svg(Chart(data: .line(series: [LineSeries(name: "x", points: points)])))
        XCTAssertTrue(Fixtures.elements(root, named: "circle").isEmpty, "markers omitted for very long series")
        let ticks = Fixtures.withClass(Fixtures.elements(root, named: "text"), "tick").filter { ($0.stringValue ?? "").hasPrefix("20") }
        let xs = ticks.map { number($0, "x") }
        XCTAssertGreaterThanOrEqual(xs.count, 3)
        XCTAssertTrue(zip(xs, xs.dropFirst()).allSatisfy { $1 - $0 > SVGCanvas.textWidth("2020-01-01") })
    }

    func testCategoricalLineChart() throws {
        let chart = Chart(data: .line(series: [LineSeries(name: "s", points: [
            LinePoint(x: .date("Monday"), y: 1), LinePoint(x: .date("Tuesday"), y: 4), LinePoint(x: .date("Wednesday"), y: 2),
        ])]))
        let root = try Fixtures.svg(chart)
        XCTAssertEqual(Fixtures.elements(root, named: "circle").count, 3)
        XCTAssertTrue(Fixtures.texts(root).contains("Tuesday"))
    }

    func testStackedChart() throws {
        let chart = Chart(title: "Sources", data: .stacked(categories: ["2026-01", "2026-02", "2026-03"], series: [
            Series(name: "VNA", values: [10, 12, 8]), Series(name: "VOV", values: [4, 0, 9]), Series(name: "Nhân Dân", values: [2, 3, -1]),
        ]))
        let root = try Fixtures.svg(chart)
        XCTAssertEqual(bars(root).count, 8, "zero segments are not drawn")
        XCTAssertEqual(Fixtures.withClass(Fixtures.elements(root, named: "rect"), "swatch").count, 3)
        XCTAssertTrue(Fixtures.texts(root).contains("Nhân Dân"))
        // Segments of one category touch: VNA ends where VOV starts.
        let segments = bars(root)
        guard segments.count >= 2 else { return }
        XCTAssertEqual(number(segments[0], "y"), number(segments[1], "y") + number(segments[1], "height"), accuracy: 0.2)
    }

    func testHeatmap() throws {
        let chart = Chart(title: "Co-mentions", xTitle: "week", yTitle: "person", data: .heatmap(
            rows: Array(Self.people.prefix(3)), columns: ["W1", "W2", "W3", "W4"],
            values: [[1, 2, 3, 4], [0, nil, 5], [7, 1, 0, 3]]))
        let root = try Fixtures.svg(chart)
        let cells = Fixtures.withClass(Fixtures.elements(root, named: "rect"), "cell")
        XCTAssertEqual(cells.count, 12, "missing values still get a cell")
        XCTAssertEqual(Fixtures.withClass(cells, "missing").count, 2)
        let fills = Set(cells.compactMap { Fixtures.attr($0, "fill") })
        XCTAssertGreaterThan(fills.count, 5, "colour scale")
        XCTAssertEqual(Fixtures.elements(root, named: "linearGradient").count, 1, "legend gradient")
        let texts = Fixtures.texts(root)
        XCTAssertTrue(texts.contains("0") && texts.contains("7"), "legend range")
        XCTAssertTrue(texts.contains("W3") && texts.contains("Tô Lâm") && texts.contains("week"))
    }

    func testNetwork() throws {
        let nodes = Self.people.enumerated().map { NetworkNode(id: "p\($0.offset)", label: $0.element, weight: Double(5 - $0.offset)) }
        let edges = [
            NetworkEdge(source: "p0", target: "p1", weight: 5), NetworkEdge(source: "p0", target: "p2", weight: 1),
            NetworkEdge(source: "p3", target: "p4", weight: 2), NetworkEdge(source: "p3", target: "ghost", weight: 9),
        ]
        let chart = Chart(title: "Network", data: .network(nodes: nodes, edges: edges))
        let svg1 = ChartSVG.render(chart)
        XCTAssertEqual(svg1, ChartSVG.render(chart), "layout is deterministic")
        let root = try Fixtures.svg(chart)
        let circles = Fixtures.withClass(Fixtures.elements(root, named: "circle"), "node")
        XCTAssertEqual(circles.count, 5)
        let lines = Fixtures.withClass(Fixtures.elements(root, named: "line"), "edge")
        XCTAssertEqual(lines.count, 3, "edges to unknown nodes are skipped")
        let radii = circles.map { number($0, "r") }
        let widths = lines.map { number($0, "stroke-width") }
        guard radii.count == 5, widths.count == 3 else { return }
        XCTAssertGreaterThan(radii[0], radii[3], "radius by weight")
        XCTAssertGreaterThan(widths[0], widths[1], "edge width by weight")
        // All nodes inside the picture, and no two nodes on the same spot.
        let points = circles.map { (number($0, "cx"), number($0, "cy")) }
        XCTAssertTrue(points.allSatisfy { $0.0 >= 0 && $0.0 <= 720 && $0.1 >= 0 && $0.1 <= 520 })
        for i in points.indices {
            for j in points.indices where j > i {
                XCTAssertGreaterThan(hypot(points[i].0 - points[j].0, points[i].1 - points[j].1), 10)
            }
        }
        let labels = Fixtures.withClass(Fixtures.elements(root, named: "text"), "node-label")
        XCTAssertEqual(labels.count, 5)
        XCTAssertTrue(Fixtures.texts(root).contains { $0.contains("Tô Lâm") })
        XCTAssertFalse(svg1.contains("<script"))
    }

    func testLargeNetworkFallsBackAndStaysValid() throws {
        let nodes = (0..<450).map { NetworkNode(id: "n\($0)", weight: Double($0 % 10)) }
        let edges = (0..<449).map { NetworkEdge(source: "n\($0)", target: "n\($0 + 1)") }
        let root = try Fixtures.svg(Chart(data: .network(nodes: nodes, edges: edges)))
        XCTAssertEqual(Fixtures.withClass(Fixtures.elements(root, named: "circle"), "node").count, 450)
        let labels = Fixtures.withClass(Fixtures.elements(root, named: "text"), "node-label").count
        XCTAssertGreaterThanOrEqual(labels, NetworkSVG.minLabels, "the heaviest nodes are always labelled")
        XCTAssertLessThanOrEqual(labels, NetworkSVG.maxLabels, "dense graphs do not get a label per node")
    }

    func testEscapingInSVG() throws {
        let chart = Chart(title: Fixtures.evilTitle, xTitle: Fixtures.evilTitle, data: .bar(labels: [Fixtures.evilTitle], series: [Series(name: Fixtures.evilTitle, values: [1])]))
        let svg = ChartSVG.render(chart)
        XCTAssertFalse(svg.contains("<script"))
        let root = try Fixtures.svg(chart)
        XCTAssertEqual(Fixtures.elements(root, named: "title").first?.stringValue, Fixtures.evilTitle)
    }

    func testEmptyChartsRenderPlaceholders() throws {
        for chart in [
            Chart(data: .bar(labels: [], series: [])), Chart(data: .line(series: [])),
            Chart(data: .heatmap(rows: [], columns: [], values: [])), Chart(data: .network(nodes: [], edges: [])),
            Chart(data: .stacked(categories: ["a"], series: [])),
        ] {
            let root = try Fixtures.svg(chart)
            XCTAssertTrue(Fixtures.texts(root).contains("No data"))
        }
    }

    func testRaggedAndNonFiniteDataDoNotCrash() throws {
        let charts = [
            Chart(data: .bar(labels: ["a", "b", "c"], series: [Series(name: "s", values: [.infinity])])),
            Chart(data: .heatmap(rows: ["a", "b"], columns: ["x"], values: [[.nan, 3]])),
            Chart(data: .line(series: [LineSeries(name: "s", points: [LinePoint(x: .date("2026-01-01"), y: 5)])])),
            Chart(data: .stacked(categories: ["a"], series: [Series(name: "s", values: [0])])),
            Chart(data: .network(nodes: [NetworkNode(id: "a", weight: -1)], edges: [NetworkEdge(source: "a", target: "a", weight: .nan)])),
        ]
        for chart in charts { XCTAssertNoThrow(try Fixtures.svg(chart)) }
    }
}
