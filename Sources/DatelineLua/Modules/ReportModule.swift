import CLua
import DatelineReport

extension LuaModule {
    /// `report`: builds the report document (`ReportSession`) that `dateline run` renders as text,
    /// Markdown, CSV, JSON or HTML after the script ends.
    public static let report = LuaModule(
        name: "report",
        summary: "Building a report: title, headings, text, tables, KWIC, charts and an article appendix.",
        details: """
        The report is rendered when the script ends: aligned text on the terminal by default, or \
        `dateline run --format md|csv|json|html` and `--output FILE` (the format follows the file's \
        extension; `.html` gives a self-contained page with SVG charts). Once a script calls a `report` \
        function, its `print` output goes into the report as text, in order. Articles linked from \
        tables and KWIC lines are added to an appendix (title, date, sources, paragraphs) so links \
        in the HTML page work; an article given only by id is looked up with `corpus.get` at the end.
        """,
        functions: [
            LuaFunction(
                "title", signature: "report.title(s)",
                summary: "Sets the report title (the first title is the page title).",
                example: "report.title(\"Weekly coverage\")"
            ) { call in
                let text = try call.string(1)
                ReportModuleSupport.session(call).append(.title(text))
                return 0
            },
            LuaFunction(
                "heading", signature: "report.heading(s [, level])",
                summary: "Starts a section; level 1 (default) to 5.",
                example: "report.heading(\"People\")\nreport.heading(\"By source\", 2)"
            ) { call in
                let text = try call.string(1)
                let level = try call.optionalInteger(2) ?? 1
                guard (1...5).contains(level) else { throw call.argumentError(2, "level must be 1 to 5, got \(level)") }
                ReportModuleSupport.session(call).append(.heading(text, level: level))
                return 0
            },
            LuaFunction(
                "text", signature: "report.text(s)",
                summary: "Adds a paragraph of text (blank lines separate paragraphs; aligned lines stay preformatted).",
                example: "report.text(\"Counts exclude wire duplicates.\")"
            ) { call in
                let text = try call.string(1)
                ReportModuleSupport.session(call).append(.text(text))
                return 0
            },
            LuaFunction(
                "table", signature: "report.table{columns=, rows= [, caption=]}",
                summary: "Adds a table; rows are lists of cells or tables keyed by column name.",
                details: """
                Cells are strings, numbers or nil (booleans print as true/false). An article object in \
                a cell shows its title and links the row to the article; in a keyed row, \
                `article = a` (an article or an id) links the row without showing a column. Linked \
                articles go to the appendix. `columns` may be left out when rows are keyed tables \
                (the keys of the first row, sorted). Extra keys of keyed rows are ignored.
                """,
                example: """
                report.table{columns = {"source", "articles"}, rows = {{"VNA", 12}, {"VOV", 7}}, caption = "By source"}
                report.table{columns = {"name", "n"}, rows = {{name = "Tô Lâm", n = 5, article = "a1"}}}
                """
            ) { call in
                guard call.stack.type(at: 1) == LUA_TTABLE else { throw call.typeError(1, expected: "table") }
                let session = ReportModuleSupport.session(call)
                var reader = ReportValueReader(call: call)
                let value = try reader.read(at: 1)
                let (table, linked) = try ReportShapes(call: call, reader: reader).table(value)
                ReportModuleSupport.link(linked, in: session)
                session.append(.table(table))
                return 0
            },
            LuaFunction(
                "kwic", signature: "report.kwic(hits [, caption])",
                summary: "Adds keyword-in-context lines from a:kwic, corpus.search or text.kwic hits.",
                details: """
                Each hit is a table with `left`, `match`, `right` (or a search `snippet` with the match \
                in brackets) and, to link to its article, `article` (an article or id) or `id`/\
                `article_id`, with optional `title`, `date` and `sources` (a list or one name). `caption` \
                is a string or `{caption = ...}`.
                """,
                example: "report.kwic(text.kwic(body, \"to lam\", 30), \"Tô Lâm in context\")"
            ) { call in
                guard call.stack.type(at: 1) == LUA_TTABLE else { throw call.typeError(1, expected: "table of hits") }
                let caption: String?
                if call.stack.type(at: 2) == LUA_TTABLE {
                    let options = try call.options(2)
                    try options.requireKnown(["caption"])
                    caption = try options.string("caption")
                } else {
                    caption = try call.optionalString(2)
                }
                let session = ReportModuleSupport.session(call)
                var reader = ReportValueReader(call: call)
                let value = try reader.read(at: 1)
                let (block, linked) = try ReportShapes(call: call, reader: reader).kwic(value, caption: caption)
                ReportModuleSupport.link(linked, in: session)
                session.append(.kwic(block))
                return 0
            },
            LuaFunction(
                "chart", signature: "report.chart{type=, title= [, x_title=, y_title=], ...data}",
                summary: "Adds a chart: bar, line, stacked, heatmap or network (SVG in HTML, text bars on the terminal, data tables in csv/json/md).",
                details: """
                Data fields go in the table itself or inside `series` when that is a table of named fields:

                | type | data |
                | --- | --- |
                | `bar` | `labels = {...}, values = {...}`; or `labels` + `series = {{name=, values=}, ...}` (grouped); or `series = {{label, value}, ...}` (also `{label=, value=}`, `{name=, count=}`) |
                | `line` | `series = {{name=, points = {{x = "2026-02-05", y = 3}, ...}}, ...}`; or one line as `name` + `points`. x is a date (`2026-02-05`, `2026-02`, `2026`) or a number; points may be `{x, y}` pairs |
                | `stacked` | `categories = {...}, series = {{name=, values=}, ...}`: one bar per category, one segment per series |
                | `heatmap` | `rows = {...}, columns = {...}, values = {{...}, ...}` with `values[row][column]`; nil or false is a missing cell |
                | `network` | `nodes = {{id=, label=, weight=}, ...}` (or names), `edges = {{source=, target=, weight=}, ...}` between node ids |

                Every list is checked: values must be numbers and match their labels in length, edges \
                must name existing nodes; an error names the field (`series[2].values`).
                """,
                example: """
                report.chart{type = "bar", title = "Articles by source", labels = {"VNA", "VOV"}, values = {12, 7}}
                report.chart{type = "line", title = "Mentions", series = {
                  {name = "Tô Lâm", points = {{x = "2026-02-05", y = 3}, {x = "2026-02-06", y = 5}}}}}
                report.chart{type = "stacked", categories = {"VNA", "VOV"}, series = {{name = "vi", values = {8, 5}}, {name = "en", values = {4, 2}}}}
                report.chart{type = "heatmap", rows = {"VNA"}, columns = {"Jan", "Feb"}, values = {{1, 4}}}
                report.chart{type = "network", nodes = {{id = "a", label = "Tô Lâm", weight = 5}, {id = "b", weight = 2}},
                  edges = {{source = "a", target = "b", weight = 3}}}
                """
            ) { call in
                guard call.stack.type(at: 1) == LUA_TTABLE else { throw call.typeError(1, expected: "table") }
                let session = ReportModuleSupport.session(call)
                var reader = ReportValueReader(call: call)
                let value = try reader.read(at: 1)
                let chart = try ReportShapes(call: call, reader: reader).chart(value)
                session.append(.chart(chart))
                return 0
            },
            LuaFunction(
                "article", signature: "report.article(a)",
                summary: "Adds an article (an article object, an id, or {id=, title=, date=, sources=, paragraphs=, url=, path=}) to the appendix.",
                example: "report.article{id = \"a1\", title = \"Example\", date = \"2026-02-05\", paragraphs = {\"First paragraph.\"}}"
            ) { call in
                if call.isAbsent(1) { throw call.typeError(1, expected: "article") }
                let session = ReportModuleSupport.session(call)
                var reader = ReportValueReader(call: call)
                let value = try reader.read(at: 1)
                let linked = try ReportShapes(call: call, reader: reader).article(value, "the article")
                ReportModuleSupport.link([linked], in: session)
                return 0
            },
        ],
        install: { stack in ReportValueReader.install(stack) }
    )
}

/// Shared steps of the report functions.
enum ReportModuleSupport {
    /// The engine's report session, marked as used (prints are captured from now on).
    static func session(_ call: LuaCall) -> ReportSession {
        guard let engine = call.engine else { return ReportSession() }
        let session = ReportSession.current(for: engine)
        session.markUsed()
        return session
    }

    /// Adds linked articles to the appendix: with their text when known, else by id for later lookup.
    static func link(_ linked: [(ref: ArticleRef, full: Bool)], in session: ReportSession) {
        for (ref, full) in linked {
            if full { session.addArticle(ref) } else { session.link(ref.id, known: ref) }
        }
    }
}
