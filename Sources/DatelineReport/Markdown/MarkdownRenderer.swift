import Foundation

/// Renders GitHub-flavoured Markdown: headings, pipe tables (with `|` escaped), KWIC as a table, charts
/// as their data tables, and an article appendix that rows link to.
public struct MarkdownRenderer: ReportRenderer {
    public init() {}

    public func render(_ doc: ReportDocument) throws -> String {
        var out = ""
        out.reserveCapacity(1024 + doc.blocks.count * 256)
        let links = ArticleLinks(doc)
        for block in doc.blocks {
            switch block {
            case .title(let text):
                out += "# " + MarkdownEscape.inline(text) + "\n\n"
            case .heading(let text, let level):
                out += String(repeating: "#", count: min(max(level, 1) + 1, 6)) + " " + MarkdownEscape.inline(text) + "\n\n"
            case .text(let text):
                writeParagraphs(text, into: &out)
            case .table(let table):
                writeTable(table, links: links, linkColumn: linkColumn(table), into: &out)
            case .kwic(let kwic):
                writeTable(kwic.asTable, links: links, linkColumn: 1, into: &out)
            case .chart(let chart):
                if let title = chart.title { out += "**" + MarkdownEscape.inline(title) + "**" + " (\(chart.type.rawValue) chart)\n\n" }
                for table in chart.dataTables() {
                    var t = table
                    t.caption = nil
                    writeTable(t, links: links, linkColumn: nil, into: &out)
                }
            }
        }
        if !doc.articles.isEmpty { writeAppendix(doc.articles, into: &out) }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    /// Link the `title` column when there is one, else the first column.
    private func linkColumn(_ table: ReportTable) -> Int? {
        guard table.hasArticleLinks else { return nil }
        return table.columns.firstIndex { $0.lowercased() == "title" } ?? 0
    }

    /// Blank lines separate paragraphs; single line breaks are kept as hard breaks.
    private func writeParagraphs(_ text: String, into out: inout String) {
        if TextLayout.looksPreformatted(text) {
            writeCodeBlock(text, into: &out)
            return
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var inParagraph = false
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if inParagraph { out += "\n\n" }
                inParagraph = false
                continue
            }
            if inParagraph { out += "\\\n" }
            out += MarkdownEscape.lineStart(MarkdownEscape.inline(String(line)))
            inParagraph = true
        }
        if inParagraph { out += "\n\n" }
    }

    /// Aligned output (such as a printed table) goes in a fenced block longer than any backtick run inside.
    private func writeCodeBlock(_ text: String, into out: inout String) {
        var longest = 0, run = 0
        for ch in text.utf8 {
            run = ch == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        out += fence + "text\n"
        out += text.hasSuffix("\n") ? String(text.dropLast()) : text
        out += "\n" + fence + "\n\n"
    }

    private func writeTable(_ table: ReportTable, links: ArticleLinks, linkColumn: Int?, into out: inout String) {
        if let caption = table.caption { out += "*" + MarkdownEscape.inline(caption) + "*\n\n" }
        let width = max(table.columns.count, table.rows.reduce(0) { max($0, $1.cells.count) }, 1)
        var numeric = [Bool](repeating: true, count: width)
        var seen = [Bool](repeating: false, count: width)
        for row in table.rows {
            for (i, cell) in row.cells.enumerated() where i < width {
                if case .null = cell { continue }
                seen[i] = true
                if !cell.isNumeric { numeric[i] = false }
            }
        }
        out += "|"
        for i in 0..<width {
            out += " " + MarkdownEscape.cell(i < table.columns.count ? table.columns[i] : "") + " |"
        }
        out += "\n|"
        for i in 0..<width { out += (numeric[i] && seen[i]) ? " ---: |" : " --- |" }
        out += "\n"
        for row in table.rows {
            out += "|"
            let href = linkColumn == nil ? nil : links.href(for: row.articleID)
            for i in 0..<width {
                var text = i < row.cells.count ? MarkdownEscape.cell(row.cells[i].displayString) : ""
                if i == linkColumn, let href {
                    text = "[" + (text.isEmpty ? "↗" : text) + "](" + MarkdownEscape.url(href) + ")"
                }
                out += " "
                out += text
                out += " |"
            }
            out += "\n"
        }
        out += "\n"
    }

    private func writeAppendix(_ articles: [ArticleRef], into out: inout String) {
        out += "## Articles\n\n"
        for article in articles {
            out += "<a id=\"" + ArticleLinks.anchor(article.id) + "\"></a>\n\n"
            out += "### " + MarkdownEscape.inline(article.title ?? article.id) + "\n\n"
            var meta: [String] = []
            if let date = article.date { meta.append(MarkdownEscape.inline(date)) }
            if !article.sources.isEmpty { meta.append(MarkdownEscape.inline(article.sources.joined(separator: ", "))) }
            meta.append("`" + article.id.replacingOccurrences(of: "`", with: "'") + "`")
            if let href = ArticleLinks.externalHref(article) {
                meta.append("[" + MarkdownEscape.inline(article.url ?? article.path ?? href) + "](" + MarkdownEscape.url(href) + ")")
            }
            out += "*" + meta.joined(separator: " · ") + "*\n\n"
            for paragraph in article.paragraphs { writeParagraphs(paragraph, into: &out) }
        }
    }
}

/// Markdown escaping: backslash-escapes punctuation that could start formatting, links or HTML.
enum MarkdownEscape {
    /// ASCII punctuation that gets a backslash (all of it is allowed to be escaped in CommonMark).
    private static let special: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for ch in "\\`*_[]<>|&#~!$".utf8 { table[Int(ch)] = true }
        return table
    }()

    /// Escapes text for use inside a paragraph or heading.
    static func inline(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 < 128 && special[Int($0)] }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for scalar in s.unicodeScalars {
            if scalar.value < 128 && special[Int(scalar.value)] { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Escapes text for a table cell: as `inline`, with line breaks turned into `<br>`.
    static func cell(_ s: String) -> String {
        let escaped = inline(s)
        guard escaped.utf8.contains(where: { $0 == 10 || $0 == 13 }) else { return escaped }
        return escaped.replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>")
            .replacingOccurrences(of: "\r", with: "<br>")
    }

    /// Escapes a line start that Markdown would read as a list item, quote or rule.
    static func lineStart(_ s: String) -> String {
        guard let first = s.first else { return s }
        if first == "-" || first == "+" || first == "=" { return "\\" + s }
        let digits = s.prefix(while: \.isASCIIDigitCharacter)
        if !digits.isEmpty, digits.count < 10, let next = s.dropFirst(digits.count).first, next == "." || next == ")" {
            return digits + "\\" + s.dropFirst(digits.count)
        }
        return s
    }

    /// Makes a link destination safe inside `( )`.
    static func url(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 32 || $0 == 40 || $0 == 41 }) else { return s }
        return s.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: "(", with: "%28")
            .replacingOccurrences(of: ")", with: "%29")
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
