import DatelineLua
import DatelineReport
import Foundation
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A Swift object standing in for the corpus module's articles (fields read through `__index`).
final class FakeArticle {
    let fields: [String: LuaValue]
    init(_ fields: [String: LuaValue]) { self.fields = fields }
}

/// The `report` module driven from Lua: every function, the shapes it accepts and the errors it gives.
final class ReportModuleTests: XCTestCase {
    private var engine: LuaEngine!
    private var session: ReportSession!
    private var printed = ""

    override func setUpWithError() throws {
        let session = ReportSession()
        var options = LuaEngineOptions()
        options.scriptsDirectory = nil
        options.output = { session.write($0) }
        engine = try LuaEngine(options: options)
        session.attach(to: engine)
        self.session = session
    }

    override func tearDown() {
        engine = nil
        session = nil
    }

    private var doc: ReportDocument { session.document }

    /// Runs `code` expecting an error and returns its message.
    private func failure(_ code: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            try engine.run(code: code)
            XCTFail("no error for: \(code)", file: file, line: line)
            return ""
        } catch let error as LuaError {
            return error.message
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return ""
        }
    }

    /// Makes `name` a global article object (userdata) with these fields.
    private func setArticle(_ name: String, _ fields: [String: LuaValue]) {
        let type = LuaObjectType<FakeArticle>(name: "Article")
        type.field = { call, article, key in
            if key == "explode" { throw LuaCallError.message("no such field") }
            guard let value = article.fields[key] else { return false }
            call.stack.push(value)
            return true
        }
        engine.withEnvironment { stack, env in
            type.push(FakeArticle(fields), on: stack)
            stack.setField(name, inTableAt: env)
        }
    }

    // MARK: title, heading, text, print

    func testTitleHeadingTextAndPrintsInOrder() throws {
        try engine.run(code: """
        print("before")
        report.title("Weekly")
        report.heading("People")
        print("one"); print("two")
        report.heading("Detail", 3)
        report.text("Closing.")
        print("after")
        """)
        XCTAssertEqual(doc.blocks, [
            .text("before\n"), .title("Weekly"), .heading("People", level: 1), .text("one\ntwo\n"),
            .heading("Detail", level: 3), .text("Closing."), .text("after\n"),
        ])
        XCTAssertEqual(doc.title, "Weekly")
    }

    func testHeadingLevelAndArgumentTypesAreChecked() {
        XCTAssertTrue(failure("report.heading('x', 9)").contains("level must be 1 to 5, got 9"))
        XCTAssertTrue(failure("report.title({})").contains("bad argument #1 to 'report.title' (string expected, got table)"))
        XCTAssertTrue(failure("report.table('x')").contains("table expected, got string"))
        XCTAssertTrue(failure("report.article()").contains("article expected"))
    }

    func testPrintsStreamUntilTheScriptFirstUsesReport() throws {
        var streamed = ""
        let session = ReportSession(capturesPrints: false, forward: { streamed += $0 })
        var options = LuaEngineOptions()
        options.scriptsDirectory = nil
        options.output = { session.write($0) }
        let engine = try LuaEngine(options: options)
        session.attach(to: engine)
        try engine.run(code: "print('live') ; report.title('T') ; print('captured')")
        XCTAssertEqual(streamed, "live\n")
        XCTAssertEqual(session.document.blocks, [.title("T"), .text("captured\n")])
        XCTAssertTrue(session.isUsed)
    }

    func testPlainScriptLeavesNoReport() throws {
        var streamed = ""
        let session = ReportSession(capturesPrints: false, forward: { streamed += $0 })
        var options = LuaEngineOptions()
        options.output = { session.write($0) }
        let engine = try LuaEngine(options: options)
        session.attach(to: engine)
        try engine.run(code: "print(1 + 1)")
        XCTAssertEqual(streamed, "2\n")
        XCTAssertFalse(session.hasContent)
    }

    // MARK: table

    func testTableWithArrayRows() throws {
        try engine.run(code: """
        report.table{columns = {"source", "n", "share"}, rows = {{"VNA", 12, 0.25}, {"VOV", 7}, {"X", nil, 1}}, caption = "By source"}
        """)
        guard case .table(let table)? = doc.blocks.first else { return XCTFail("no table: \(doc.blocks)") }
        XCTAssertEqual(table.columns, ["source", "n", "share"])
        XCTAssertEqual(table.caption, "By source")
        XCTAssertEqual(table.rows.map(\.cells), [["VNA", 12, 0.25], ["VOV", 7], ["X", .null, 1]])
        XCTAssertFalse(table.hasArticleLinks)
    }

    func testTableWithKeyedRowsInfersColumnsAndLinksArticles() throws {
        try engine.run(code: """
        report.table{rows = {
          {name = "Tô Lâm", n = 5, article = {id = "a1", title = "First", date = "2026-02-05", sources = {"VNA"}, paragraphs = {"P1", "P2"}}},
          {name = "Lương Cường", n = 2, article = "a2", extra = {1, 2}},
        }}
        """)
        guard case .table(let table)? = doc.blocks.first else { return XCTFail("no table") }
        XCTAssertEqual(table.columns, ["n", "name"])
        XCTAssertEqual(table.rows.map(\.cells), [[5, "Tô Lâm"], [2, "Lương Cường"]])
        XCTAssertEqual(table.rows.map(\.articleID), ["a1", "a2"])
        XCTAssertEqual(doc.articles.map(\.id), ["a1", "a2"])
        XCTAssertEqual(doc.articles.first?.paragraphs, ["P1", "P2"])
        XCTAssertEqual(doc.articles.first?.sources, ["VNA"])
    }

    func testArticleObjectInACellShowsItsTitleAndFillsTheAppendix() throws {
        setArticle("art", [
            "id": "x1", "title": "Thủ tướng <b>", "date": "2026-02-06", "sources": ["VNA", "VOV"],
            "paragraphs": ["Para one.", "Para <script>two</script>."], "path": "/tmp/x1.txt",
        ])
        try engine.run(code: "report.table{columns = {'article', 'n'}, rows = {{art, 3}}}")
        guard case .table(let table)? = doc.blocks.first else { return XCTFail("no table") }
        XCTAssertEqual(table.rows.first?.cells, ["Thủ tướng <b>", 3])
        XCTAssertEqual(table.rows.first?.articleID, "x1")
        XCTAssertEqual(doc.articles, [ArticleRef(
            id: "x1", title: "Thủ tướng <b>", date: "2026-02-06", sources: ["VNA", "VOV"],
            paragraphs: ["Para one.", "Para <script>two</script>."], path: "/tmp/x1.txt")])
    }

    func testArticleFieldsThatRaiseAreSkipped() throws {
        setArticle("art", ["id": "x2", "title": "T"])
        try engine.run(code: "report.article(art)")
        XCTAssertEqual(doc.articles.first?.id, "x2")
        XCTAssertEqual(doc.articles.first?.paragraphs, [])
    }

    func testUserdataWithoutIdIsNotAnArticle() {
        setArticle("thing", ["title": "no id"])
        let message = failure("report.table{columns = {'a'}, rows = {{thing}}}")
        XCTAssertTrue(message.contains("rows[1][1] must be a string, number, nil or article, got a userdata"), message)
    }

    func testArticlesKnownOnlyByIdAreResolvedThroughCorpusGet() throws {
        try engine.run(code: """
        corpus = {get = function(id)
          if id == "missing" then return nil end
          return {id = id, title = "Title " .. id, date = "2026-01-0" .. #id, sources = {"VNA"}, paragraphs = {"Body of " .. id}}
        end}
        report.table{columns = {"n"}, rows = {{n = 1, article = "abc"}, {n = 2, article_id = "missing"}}}
        report.kwic({{left = "l ", match = "m", right = " r", id = "abcd"}})
        """)
        XCTAssertEqual(doc.articles.map(\.paragraphs), [[], [], []])
        try session.resolveArticles(in: engine)
        XCTAssertEqual(doc.articles.map(\.id), ["abc", "missing", "abcd"])
        XCTAssertEqual(doc.articles.map(\.paragraphs), [["Body of abc"], [], ["Body of abcd"]])
        guard case .kwic(let kwic)? = doc.blocks.last else { return XCTFail("no kwic") }
        XCTAssertEqual(kwic.lines.first?.title, "Title abcd")
        XCTAssertEqual(kwic.lines.first?.date, "2026-01-04")
        XCTAssertEqual(kwic.lines.first?.sources, ["VNA"])
    }

    func testResolvingWithoutACorpusKeepsWhatIsKnown() throws {
        try engine.run(code: "report.table{columns = {'n'}, rows = {{n = 1, article = 'zz'}}}")
        try session.resolveArticles(in: engine)
        XCTAssertEqual(doc.articles, [ArticleRef(id: "zz")])
    }

    func testTableShapeErrorsNameTheField() {
        let cases: [(String, String)] = [
            ("report.table{columns = {'a'}, rows = {{'x', {}}}}", "rows[1][2] must be a string, number, nil or article, got a table"),
            ("report.table{columns = {'a', 'b'}, rows = {{a = print}}}", "rows[1].a must be a string, number, nil or article, got a function"),
            ("report.table{columns = {'a'}, rows = {{1, 2}}}", "rows[1] has 2 cells for 1 columns"),
            ("report.table{rows = {{1, 2}}}", "columns is required when rows are given as arrays"),
            ("report.table{columns = {'a'}, rows = {'x'}}", "rows[1] must be a table"),
            ("report.table{columns = {'a'}, rows = 5}", "rows must be a list, got a number"),
            ("report.table{columns = {'a', {}}, rows = {}}", "columns[2] must be a string, got a table"),
            ("report.table{colums = {'a'}}", "unknown field 'colums' in report.table{...}"),
            ("report.table{columns = {'a'}, rows = {{a = 1, article = true}}}", "rows[1].article must be an article, an article id or a table with an id"),
        ]
        for (code, expected) in cases {
            let message = failure(code)
            XCTAssertTrue(message.contains("report.table: " + expected) || message.contains(expected), "\(code): \(message)")
        }
    }

    // MARK: kwic

    func testKwicFromTextKwicHits() throws {
        try engine.run(code: """
        report.kwic(text.kwic("Tổng Bí thư Tô Lâm nói. To Lam spoke.", "to lam", 12), "Tô Lâm")
        """)
        guard case .kwic(let kwic)? = doc.blocks.first else { return XCTFail("no kwic") }
        XCTAssertEqual(kwic.caption, "Tô Lâm")
        XCTAssertEqual(kwic.lines.map(\.match), ["Tô Lâm", "To Lam"])
        XCTAssertEqual(kwic.lines.first?.right.contains("nói"), true)
        XCTAssertNil(kwic.lines.first?.articleID)
        XCTAssertTrue(doc.articles.isEmpty)
    }

    func testKwicFromSearchHitsAndArticleHits() throws {
        setArticle("art", ["id": "s1", "title": "Search title", "date": "2026-02-01", "sources": ["VOV"], "paragraphs": ["Text."]])
        try engine.run(code: """
        report.kwic({
          {id = "h1", title = "Hit", date = "2026-02-02", sources = {"VNA"}, snippet = "a strategic cohesion b",
           marked = "a [strategic cohesion] b", score = 2.5},
          {left = "x ", match = "y", right = " z", article = art},
          {left = "p ", match = "q", right = " r", source = "TTXVN"},
        }, {caption = "Phrases"})
        """)
        guard case .kwic(let kwic)? = doc.blocks.first else { return XCTFail("no kwic") }
        XCTAssertEqual(kwic.caption, "Phrases")
        XCTAssertEqual(kwic.lines[0], KwicLine(left: "a ", match: "strategic cohesion", right: " b", articleID: "h1",
                                               title: "Hit", date: "2026-02-02", sources: ["VNA"]))
        XCTAssertEqual(kwic.lines[1], KwicLine(left: "x ", match: "y", right: " z", articleID: "s1",
                                               title: "Search title", date: "2026-02-01", sources: ["VOV"]))
        XCTAssertEqual(kwic.lines[2].sources, ["TTXVN"])
        XCTAssertEqual(doc.articles.map(\.id), ["h1", "s1"])
        XCTAssertEqual(doc.articles.first?.title, "Hit")
    }

    func testKwicShapeErrors() {
        XCTAssertTrue(failure("report.kwic({{left = 'a'}})").contains("hits[1] has no match"))
        XCTAssertTrue(failure("report.kwic({5})").contains("hits[1] must be a table with named fields, got a number"))
        XCTAssertTrue(failure("report.kwic({{match = 'm', sources = {{}}}})").contains("hits[1].sources[1] must be a string"))
        XCTAssertTrue(failure("report.kwic({}, {captoin = 'x'})").contains("unknown option 'captoin'"))
    }

    // MARK: chart shapes

    private func lastChart() -> Chart? {
        guard case .chart(let chart)? = doc.blocks.last else { return nil }
        return chart
    }

    func testBarChartShapes() throws {
        try engine.run(code: "report.chart{type = 'bar', title = 'T', labels = {'a', 'b'}, values = {1, 2.5}, x_title = 'X', y_title = 'Y'}")
        XCTAssertEqual(lastChart(), Chart(title: "T", xTitle: "X", yTitle: "Y",
                                          data: .bar(labels: ["a", "b"], series: [Series(name: "T", values: [1, 2.5])])))
        try engine.run(code: "report.chart{type = 'bar', series = {labels = {'a'}, values = {3}, name = 'n'}}")
        XCTAssertEqual(lastChart()?.data, .bar(labels: ["a"], series: [Series(name: "n", values: [3])]))
        try engine.run(code: "report.chart{type = 'bar', labels = {'a', 'b'}, series = {{name = 'VNA', values = {1, 2}}, {name = 'VOV', values = {3, 4}}}}")
        XCTAssertEqual(lastChart()?.data, .bar(labels: ["a", "b"], series: [Series(name: "VNA", values: [1, 2]), Series(name: "VOV", values: [3, 4])]))
        try engine.run(code: """
        local c = stats and stats.counter and stats.counter() or nil
        report.chart{type = 'bar', series = {{'x', 5}, {label = 'y', value = 2}, {key = 'z', count = 1}}}
        """)
        XCTAssertEqual(lastChart()?.data, .bar(labels: ["x", "y", "z"], series: [Series(name: "value", values: [5, 2, 1])]))
    }

    func testLineStackedHeatmapNetworkShapes() throws {
        try engine.run(code: """
        report.chart{type = 'line', series = {{name = 'A', points = {{x = '2026-02-05', y = 3}, {'2026-02-06', 4}}}, {name = 'B', points = {{x = 1, y = 2}}}}}
        """)
        XCTAssertEqual(lastChart()?.data, .line(series: [
            LineSeries(name: "A", points: [LinePoint(x: .date("2026-02-05"), y: 3), LinePoint(x: .date("2026-02-06"), y: 4)]),
            LineSeries(name: "B", points: [LinePoint(x: .number(1), y: 2)]),
        ]))
        try engine.run(code: "report.chart{type = 'line', title = 'M', points = {{period = '2026-02', value = 0.5, count = 9}}}")
        XCTAssertEqual(lastChart()?.data, .line(series: [LineSeries(name: "M", points: [LinePoint(x: .date("2026-02"), y: 0.5)])]))
        try engine.run(code: "report.chart{type = 'stacked', categories = {'VNA', 'VOV'}, series = {{name = 'vi', values = {8, 5}}, {name = 'en', values = {4, 2}}}}")
        XCTAssertEqual(lastChart()?.data, .stacked(categories: ["VNA", "VOV"], series: [Series(name: "vi", values: [8, 5]), Series(name: "en", values: [4, 2])]))
        try engine.run(code: "report.chart{type = 'heatmap', series = {rows = {'r1', 'r2'}, columns = {'c1', 'c2', 'c3'}, values = {{1, nil, 3}, {false, 5}}}}")
        XCTAssertEqual(lastChart()?.data, .heatmap(rows: ["r1", "r2"], columns: ["c1", "c2", "c3"], values: [[1, nil, 3], [nil, 5, nil]]))
        try engine.run(code: """
        report.chart{type = 'network', nodes = {{id = 'a', label = 'Tô Lâm', weight = 5}, 'b'}, edges = {{source = 'a', target = 'b', weight = 3}, {'b', 'a'}}}
        """)
        XCTAssertEqual(lastChart()?.data, .network(
            nodes: [NetworkNode(id: "a", label: "Tô Lâm", weight: 5), NetworkNode(id: "b")],
            edges: [NetworkEdge(source: "a", target: "b", weight: 3), NetworkEdge(source: "b", target: "a", weight: 1)]))
    }

    func testChartShapeErrorsNameTheField() {
        let cases: [(String, String)] = [
            ("report.chart{labels = {'a'}, values = {1}}", "type is required"),
            ("report.chart{type = 'pie'}", "type must be one of bar, line, stacked, heatmap, network, got \"pie\""),
            ("report.chart{type = 'bar', labels = {'a', 'b'}, values = {1}}", "values has 1 values for 2 labels"),
            ("report.chart{type = 'bar', labels = {'a'}, values = {'x'}}", "values[1] must be a number, got the string \"x\""),
            ("report.chart{type = 'bar', labels = {'a'}, series = {{name = 's', values = {1, 2}}}}", "series[1].values has 2 values for 1 labels"),
            ("report.chart{type = 'bar', series = {{label = 'a'}}}", "series[1] needs a value"),
            ("report.chart{type = 'bar', titel = 'x'}", "unknown field 'titel' in report.chart{...}"),
            ("report.chart{type = 'line', series = {{name = 'a', points = {{x = {}, y = 1}}}}}", "series[1].points[1].x must be a date string or a number"),
            ("report.chart{type = 'line', series = {{name = 'a', points = {{x = 1}}}}}", "series[1].points[1].y must be a number, got nil"),
            ("report.chart{type = 'stacked', categories = {'a'}, series = {{name = 's', values = {}}}}", "series[1].values has 0 values for 1 categories"),
            ("report.chart{type = 'heatmap', rows = {'r'}, columns = {'c'}, values = {{1, 2}}}", "values[1] has 2 values for 1 columns"),
            ("report.chart{type = 'heatmap', rows = {'r'}, columns = {'c'}}", "values is required"),
            ("report.chart{type = 'network', nodes = {'a', 'a'}}", "nodes[2].id repeats the node id \"a\""),
            ("report.chart{type = 'network', nodes = {'a'}, edges = {{source = 'a', target = 'b'}}}", "edges[1].target \"b\" is not the id of a node"),
            ("report.chart{type = 'network', nodes = {{id = 'a', weight = 'heavy'}}}", "nodes[1].weight must be a number"),
            ("report.chart{type = 'bar', labels = {'a'}, values = {1}, series = {labels = {'b'}}}", "series.labels is also given outside series"),
        ]
        for (code, expected) in cases {
            let message = failure(code)
            XCTAssertTrue(message.contains("report.chart: " + expected) || message.contains(expected), "\(code): \(message)")
        }
    }

    // MARK: rendering through the renderers

    func testEveryChartTypeRendersToValidSVG() throws {
        try engine.run(code: """
        report.title("Charts")
        report.chart{type = 'bar', title = 'Bars', labels = {'Phạm Minh Chính', 'Tô Lâm', 'Lương Cường'}, values = {3, 5, 1}}
        report.chart{type = 'line', title = 'Line', series = {{name = 'A', points = {{x = '2026-02-05', y = 3}, {x = '2026-02-06', y = 4}, {x = '2026-02-07', y = 1}}},
                                                              {name = 'B', points = {{x = '2026-02-05', y = 1}, {x = '2026-02-07', y = 2}}}}}
        report.chart{type = 'stacked', title = 'Stacked', categories = {'VNA', 'VOV'}, series = {{name = 'vi', values = {8, 5}}, {name = 'en', values = {4, 2}}}}
        report.chart{type = 'heatmap', title = 'Heat', rows = {'r1', 'r2'}, columns = {'c1', 'c2', 'c3'}, values = {{1, 2, 3}, {4, nil, 6}}}
        report.chart{type = 'network', title = 'Net', nodes = {{id = 'a', label = 'Tô Lâm', weight = 5}, {id = 'b', label = 'A & <B>'}, 'c', 'd'},
                     edges = {{source = 'a', target = 'b'}, {source = 'a', target = 'c'}, {source = 'c', target = 'd'}}}
        """)
        let html = try HTMLRenderer().render(doc)
        let xml = try XMLDocument(xmlString: html.replacingOccurrences(of: "<!DOCTYPE html>", with: ""), options: [])
        let svgs = elements(xml, "svg").filter { (attr($0, "class") ?? "").hasPrefix("chart ") }
        XCTAssertEqual(svgs.count, 5)
        func count(_ svg: XMLElement, _ name: String, class cls: String) -> Int {
            elements(svg, name).filter { (attr($0, "class") ?? "").split(separator: " ").contains(Substring(cls)) }.count
        }
        XCTAssertEqual(count(svgs[0], "rect", class: "bar"), 3)
        XCTAssertEqual(count(svgs[1], "circle", class: "point"), 5)
        XCTAssertEqual(count(svgs[2], "rect", class: "bar"), 4)
        XCTAssertEqual(count(svgs[3], "rect", class: "cell"), 6)  // five values and one missing cell
        XCTAssertEqual(count(svgs[3], "rect", class: "missing"), 1)
        XCTAssertEqual(count(svgs[4], "circle", class: "node"), 4)
        XCTAssertEqual(count(svgs[4], "line", class: "edge"), 3)
        let texts = Set(elements(xml, "text").compactMap(\.stringValue))
        for label in ["Phạm Minh Chính", "Tô Lâm", "Lương Cường", "VNA", "vi", "r1", "c3", "A & <B>"] {
            XCTAssertTrue(texts.contains(label) || html.contains(label.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")), label)
        }
        XCTAssertTrue(texts.contains("2026-02-05") || texts.contains { $0.contains("02-05") || $0.contains("Feb") }, "date tick")
        // Text, CSV and JSON carry the chart data too.
        let text = try TextRenderer().render(doc)
        XCTAssertTrue(text.contains("Tô Lâm") && text.contains("█"))
        let csv = try CSVRenderer().render(doc)
        XCTAssertTrue(csv.contains("Phạm Minh Chính,3"), csv)
        let json = try JSONSerialization.jsonObject(with: Data(try JSONReportRenderer().render(doc).utf8)) as? [String: Any]
        XCTAssertEqual((json?["blocks"] as? [Any])?.count, 6)
    }

    func testArticleTextIsEscapedInHTML() throws {
        try engine.run(code: """
        report.title("Escapes <script>alert('t')</script> & co")
        report.table{columns = {"title"}, rows = {{title = "<script>alert(1)</script> & \\"q\\"", article = {
          id = "evil", title = "<script>alert(2)</script> & more", paragraphs = {"Body <script>alert(3)</script> & <b>x</b>"},
          url = "javascript:alert(4)"}}}}
        report.kwic({{left = "<i>", match = "&amp;", right = "</i>", id = "evil"}})
        print("<script>alert(5)</script> & print")
        """)
        let html = try HTMLRenderer().render(doc)
        XCTAssertFalse(html.contains("<script"), "unescaped script tag")
        XCTAssertFalse(html.contains("javascript:"), "javascript link")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(3)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;"))
        XCTAssertTrue(html.contains("&amp;amp;"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(5)&lt;/script&gt; &amp; print"))
        let xml = try XMLDocument(xmlString: html.replacingOccurrences(of: "<!DOCTYPE html>", with: ""), options: [])
        // The table row links to the article's appendix section, which holds its paragraphs.
        let links = elements(xml, "a").compactMap { attr($0, "href") }
        let anchor = links.first { $0.hasPrefix("#a-") }
        XCTAssertNotNil(anchor)
        let section = elements(xml, "section").first { attr($0, "id") == "articles" }
        XCTAssertTrue(section?.stringValue?.contains("Body <script>alert(3)</script> & <b>x</b>") == true)
        let ids = Set(elements(xml, "article").compactMap { attr($0, "id") } + elements(xml, "div").compactMap { attr($0, "id") }
                      + elements(xml, "h3").compactMap { attr($0, "id") })
        XCTAssertTrue(ids.contains(String(anchor?.dropFirst() ?? "")), "anchor \(anchor ?? "") has a target in \(ids)")
    }

    func testDocumentedExamplesRun() throws {
        engine.setGlobal("body", "Tổng Bí thư Tô Lâm nói 12 tỷ đồng. To Lam spoke.")
        for function in LuaModule.report.functions {
            guard let example = function.example else { continue }
            XCTAssertNoThrow(try engine.run(code: example, chunkName: "report.\(function.name)"), "example of report.\(function.name)")
        }
        XCTAssertGreaterThan(doc.blocks.count, 8)
    }

    func testReportIsRegisteredWithDocs() {
        XCTAssertTrue(LuaModule.all.contains { $0.name == "report" })
        let markdown = LuaDocs.markdown()
        for name in ["title", "heading", "text", "table", "kwic", "chart", "article"] {
            XCTAssertTrue(LuaModule.report.functions.contains { $0.name == name }, name)
        }
        XCTAssertTrue(markdown.contains("### `report.chart{type=, title= [, x_title=, y_title=], ...data}`"))
    }

    // MARK: helpers

    private func elements(_ node: XMLNode, _ name: String) -> [XMLElement] {
        var result: [XMLElement] = []
        func walk(_ n: XMLNode) {
            if let e = n as? XMLElement, (e.localName ?? e.name) == name { result.append(e) }
            for child in n.children ?? [] { walk(child) }
        }
        walk(node)
        return result
    }

    private func attr(_ e: XMLElement, _ name: String) -> String? {
        e.attributes?.first { ($0.localName ?? $0.name) == name }?.stringValue
    }
}
