import Foundation

/// Renders one self-contained HTML page: inline CSS and SVG charts, no scripts and no network
/// fetches, all text escaped. The markup is XHTML-compatible (closed tags, quoted attributes) so it
/// also parses as XML.
public struct HTMLRenderer: ReportRenderer {
    /// Value of `<html lang>`; the interface words ("Contents", "Articles") are English.
    public var language: String
    /// Charts with at most this many data rows get a collapsible data table under the picture.
    public var chartDataRowLimit: Int
    /// KWIC contexts are cut to this many terminal columns (the full line is in a tooltip).
    public var kwicContextWidth: Int

    public init(language: String = "en", chartDataRowLimit: Int = 500, kwicContextWidth: Int = 80) {
        self.language = language
        self.chartDataRowLimit = chartDataRowLimit
        self.kwicContextWidth = kwicContextWidth
    }

    public func render(_ doc: ReportDocument) throws -> String {
        var page = HTMLPage(doc: doc, options: self)
        return page.build()
    }
}

/// One rendering pass of a document to HTML; holds the output buffer and numbering state.
private struct HTMLPage {
    let doc: ReportDocument
    let options: HTMLRenderer
    let links: ArticleLinks
    var out = ""
    var chartCount = 0

    init(doc: ReportDocument, options: HTMLRenderer) {
        self.doc = doc
        self.options = options
        self.links = ArticleLinks(doc)
    }

    mutating func build() -> String {
        out.reserveCapacity(estimatedSize())
        let title = doc.title ?? "Report"
        out += "<!DOCTYPE html>\n<html lang=\"" + HTMLEscape.escape(options.language) + "\">\n<head>\n"
        out += "<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<meta name=\"generator\" content=\"Dateline\"/>\n"
        out += "<title>" + HTMLEscape.escape(title) + "</title>\n"
        out += "<style>\n" + HTMLStyle.css + "\n</style>\n</head>\n<body>\n<main>\n"
        let headings = sectionIDs()
        var headingNumber = 0
        // The contents go after the first title, or at the top when there is no title.
        var wroteTOC = false
        if doc.title == nil {
            writeTOC(headings)
            wroteTOC = true
        }
        for block in doc.blocks {
            switch block {
            case .title(let text):
                out += "<h1>" + HTMLEscape.escape(text) + "</h1>\n"
                if !wroteTOC {
                    writeTOC(headings)
                    wroteTOC = true
                }
            case .heading(let text, let level):
                headingNumber += 1
                let tag = "h\(min(max(level, 1) + 1, 6))"
                out += "<\(tag) id=\"s-\(headingNumber)\">" + HTMLEscape.escape(text) + "</\(tag)>\n"
            case .text(let text):
                writeText(text)
            case .table(let table):
                writeTable(table)
            case .kwic(let kwic):
                writeKwic(kwic)
            case .chart(let chart):
                writeChart(chart)
            }
        }
        if !doc.articles.isEmpty { writeAppendix() }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    /// Headings in order with their numbers and levels, for the table of contents.
    private func sectionIDs() -> [(number: Int, text: String, level: Int)] {
        var result: [(Int, String, Int)] = []
        for case .heading(let text, let level) in doc.blocks {
            result.append((result.count + 1, text, level))
        }
        return result
    }

    private mutating func writeTOC(_ headings: [(number: Int, text: String, level: Int)]) {
        guard headings.count + (doc.articles.isEmpty ? 0 : 1) >= 2 else { return }
        out += "<nav class=\"toc\" aria-label=\"Contents\"><h2>Contents</h2><ul>\n"
        for h in headings {
            out += "<li class=\"l\(min(max(h.level, 1), 3))\"><a href=\"#s-\(h.number)\">" + HTMLEscape.escape(h.text) + "</a></li>\n"
        }
        if !doc.articles.isEmpty { out += "<li class=\"l1\"><a href=\"#articles\">Articles</a></li>\n" }
        out += "</ul></nav>\n"
    }

    /// Paragraphs split at blank lines; text that looks preformatted (aligned columns) stays in `<pre>`.
    private mutating func writeText(_ text: String) {
        if TextLayout.looksPreformatted(text) {
            out += "<pre class=\"output\">"
            HTMLEscape.append(text.hasSuffix("\n") ? String(text.dropLast()) : text, to: &out)
            out += "</pre>\n"
            return
        }
        var paragraph: [Substring] = []
        func flush(_ out: inout String) {
            guard !paragraph.isEmpty else { return }
            out += "<p>"
            for (i, line) in paragraph.enumerated() {
                if i > 0 { out += "<br/>" }
                HTMLEscape.append(String(line), to: &out)
            }
            out += "</p>\n"
            paragraph.removeAll()
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                flush(&out)
            } else {
                paragraph.append(line)
            }
        }
        flush(&out)
    }

    private mutating func writeTable(_ table: ReportTable) {
        let count = max(table.columns.count, table.rows.reduce(0) { max($0, $1.cells.count) })
        var numeric = [Bool](repeating: true, count: count)
        var seenValue = [Bool](repeating: false, count: count)
        // Columns of short single words (dates, ids, codes) do not wrap.
        var short = [Bool](repeating: true, count: count)
        for row in table.rows {
            for (i, cell) in row.cells.enumerated() {
                switch cell {
                case .null: continue
                case .string(let s):
                    numeric[i] = false
                    if short[i], s.utf8.count > 20 || s.utf8.contains(32) { short[i] = false }
                case .int, .double: break
                }
                seenValue[i] = true
            }
        }
        for i in 0..<count where !seenValue[i] { numeric[i] = false }
        let linkColumn = table.hasArticleLinks ? (table.columns.firstIndex { $0.lowercased() == "title" } ?? 0) : nil
        out += "<figure class=\"table\">"
        if let caption = table.caption { out += "<figcaption>" + HTMLEscape.escape(caption) + "</figcaption>" }
        out += "<div class=\"scroll\"><table>\n<thead><tr>"
        for i in 0..<count {
            out += numeric[i] ? "<th scope=\"col\" class=\"n\">" : "<th scope=\"col\">"
            if i < table.columns.count { HTMLEscape.append(table.columns[i], to: &out) }
            out += "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            let href = linkColumn == nil ? nil : links.href(for: row.articleID)
            for i in 0..<count {
                out += numeric[i] ? "<td class=\"n\">" : (short[i] ? "<td class=\"nw\">" : "<td>")
                let text = i < row.cells.count ? row.cells[i].displayString : ""
                if i == linkColumn, let href {
                    out += "<a href=\"" + HTMLEscape.escape(href) + "\">"
                    HTMLEscape.append(text.isEmpty ? "↗" : text, to: &out)
                    out += "</a>"
                } else {
                    HTMLEscape.append(text, to: &out)
                }
                out += "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div></figure>\n"
    }

    private mutating func writeKwic(_ kwic: KwicBlock) {
        let width = options.kwicContextWidth
        out += "<figure class=\"kwic\">"
        if let caption = kwic.caption { out += "<figcaption>" + HTMLEscape.escape(caption) + "</figcaption>" }
        out += "<div class=\"scroll\"><table class=\"kwic\">\n<tbody>\n"
        for line in kwic.lines {
            let left = DisplayWidth.truncateLeading(TextRenderer.singleLine(line.left).trimmingCharacters(in: .whitespaces), to: width)
            let right = DisplayWidth.truncate(TextRenderer.singleLine(line.right).trimmingCharacters(in: .whitespaces), to: width)
            let full = line.left + line.match + line.right
            out += "<tr title=\"" + HTMLEscape.escape(full) + "\"><td class=\"left\">"
            HTMLEscape.append(left, to: &out)
            out += "</td><td class=\"match\">"
            let href = links.href(for: line.articleID)
            if let href { out += "<a href=\"" + HTMLEscape.escape(href) + "\">" }
            HTMLEscape.append(line.match, to: &out)
            if href != nil { out += "</a>" }
            out += "</td><td class=\"right\">"
            HTMLEscape.append(right, to: &out)
            out += "</td><td class=\"meta\">"
            var meta: [String] = []
            if let date = line.date { meta.append(date) }
            if !line.sources.isEmpty { meta.append(line.sources.joined(separator: ", ")) }
            HTMLEscape.append(meta.joined(separator: " · "), to: &out)
            if let title = line.title {
                if !meta.isEmpty { out += " · " }
                let shown = DisplayWidth.truncate(TextRenderer.singleLine(title), to: 60)
                if let href { out += "<a href=\"" + HTMLEscape.escape(href) + "\">" }
                HTMLEscape.append(shown, to: &out)
                if href != nil { out += "</a>" }
            }
            out += "</td></tr>\n"
        }
        out += "</tbody>\n</table></div></figure>\n"
    }

    private mutating func writeChart(_ chart: Chart) {
        chartCount += 1
        let id = "chart-\(chartCount)"
        out += "<figure class=\"chart\" id=\"\(id)\">"
        if let title = chart.title { out += "<figcaption>" + HTMLEscape.escape(title) + "</figcaption>" }
        // On narrow screens the chart keeps a readable size and scrolls sideways instead of shrinking.
        out += "<div class=\"scroll\">" + ChartSVG.render(chart, id: id) + "</div>"
        let tables = chart.dataTables()
        if tables.reduce(0, { $0 + $1.rows.count }) <= options.chartDataRowLimit {
            out += "<details><summary>Data</summary>"
            for var table in tables {
                if tables.count == 1 { table.caption = nil }
                writeTable(table)
            }
            out += "</details>"
        }
        out += "</figure>\n"
    }

    private mutating func writeAppendix() {
        out += "<section class=\"articles\" id=\"articles\">\n<h2>Articles</h2>\n"
        for article in doc.articles {
            out += "<article id=\"" + ArticleLinks.anchor(article.id) + "\">"
            out += "<h3>" + HTMLEscape.escape(article.title ?? article.id) + "</h3>"
            out += "<p class=\"meta\">"
            var meta: [String] = []
            if let date = article.date { meta.append(HTMLEscape.escape(date)) }
            if !article.sources.isEmpty { meta.append(HTMLEscape.escape(article.sources.joined(separator: ", "))) }
            meta.append("<code>" + HTMLEscape.escape(article.id) + "</code>")
            if let href = ArticleLinks.externalHref(article) {
                meta.append("<a href=\"" + HTMLEscape.escape(href) + "\">" + HTMLEscape.escape(article.url ?? article.path ?? href) + "</a>")
            }
            out += meta.joined(separator: " · ") + "</p>\n"
            for paragraph in article.paragraphs {
                out += "<p>"
                HTMLEscape.append(paragraph, to: &out)
                out += "</p>\n"
            }
            out += "</article>\n"
        }
        out += "</section>\n"
    }

    private func estimatedSize() -> Int {
        var size = 16_384
        for block in doc.blocks {
            switch block {
            case .table(let t): size += t.rows.count * (16 + max(t.columns.count, 1) * 24)
            case .kwic(let k): size += k.lines.count * 400
            case .chart: size += 40_000
            default: size += 256
            }
        }
        for a in doc.articles { size += 512 + a.paragraphs.reduce(0) { $0 + $1.utf8.count + 8 } }
        return size
    }
}
