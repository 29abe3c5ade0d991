import Foundation

/// Renders a report for a terminal: aligned tables (display-width aware, long cells truncated with "…"),
/// KWIC lines aligned on the match, and charts drawn with block characters. Colour is optional.
public struct TextRenderer: ReportRenderer {
    public var options: RenderOptions

    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    public func render(_ doc: ReportDocument) throws -> String {
        var out = ""
        out.reserveCapacity(estimatedSize(doc))
        let style = ANSIStyle(enabled: options.color)
        let charts = TextChartRenderer(width: options.width, style: style)
        for block in doc.blocks {
            switch block {
            case .title(let text):
                out += style.bold(text) + "\n"
                out += String(repeating: "═", count: min(max(DisplayWidth.of(text), 3), options.width)) + "\n\n"
            case .heading(let text, let level):
                out += style.bold(text) + "\n"
                let rule = level <= 1 ? "─" : "┄"
                out += String(repeating: rule, count: min(max(DisplayWidth.of(text), 3), options.width)) + "\n\n"
            case .text(let text):
                out += text
                out += text.hasSuffix("\n") ? "\n" : "\n\n"
            case .table(let table):
                writeTable(table, style: style, into: &out)
            case .kwic(let kwic):
                writeKwic(kwic, style: style, into: &out)
            case .chart(let chart):
                charts.render(chart, into: &out)
                out += "\n"
            }
        }
        if !doc.articles.isEmpty { writeArticles(doc.articles, style: style, into: &out) }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    /// Writes a table with columns padded to their widest cell (capped at `maxCellWidth`), numbers
    /// right-aligned, and the widest columns narrowed when the table would exceed the line width.
    func writeTable(_ table: ReportTable, style: ANSIStyle, into out: inout String) {
        if let caption = table.caption { out += style.bold(caption) + "\n" }
        let count = max(table.columns.count, table.rows.reduce(0) { max($0, $1.cells.count) })
        guard count > 0 else {
            out += "(empty table)\n\n"
            return
        }
        let cap = options.maxCellWidth
        var widths = [Int](repeating: 1, count: count)
        var numeric = [Bool](repeating: true, count: count)
        for (i, name) in table.columns.enumerated() { widths[i] = min(max(widths[i], DisplayWidth.of(name)), cap) }
        // Cell texts and their widths are computed once and reused for the second (writing) pass.
        var texts: [[(text: String, width: Int)]] = []
        texts.reserveCapacity(table.rows.count)
        for row in table.rows {
            var line: [(text: String, width: Int)] = []
            line.reserveCapacity(row.cells.count)
            for (i, cell) in row.cells.enumerated() {
                let text = TextRenderer.singleLine(cell.displayString)
                let w = DisplayWidth.of(text)
                line.append((text, w))
                if widths[i] < cap { widths[i] = min(max(widths[i], w), cap) }
                if case .string = cell { numeric[i] = false }
            }
            texts.append(line)
        }
        fit(&widths, separators: 2 * (count - 1))
        let header = (0..<count).map { i in
            DisplayWidth.pad(DisplayWidth.truncate(i < table.columns.count ? table.columns[i] : "", to: widths[i]),
                             to: widths[i], right: numeric[i] && !table.rows.isEmpty)
        }.joined(separator: "  ")
        out += style.bold(TextRenderer.trimTrailing(header)) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        let spaces = String(repeating: " ", count: widths.max() ?? 0)
        for line in texts {
            // Trailing padding is never written, so lines end at their last character.
            var pending = 0
            for i in 0..<count {
                let (text, w) = i < line.count ? line[i] : ("", 0)
                let shown = w > widths[i] ? DisplayWidth.truncate(text, to: widths[i]) : text
                let shownWidth = w > widths[i] ? DisplayWidth.of(shown) : w
                let gap = widths[i] - shownWidth
                if i > 0 { pending += 2 }
                if numeric[i] { pending += gap }
                if !shown.isEmpty {
                    out += spaces.prefix(min(pending, spaces.count))
                    if pending > spaces.count { out += String(repeating: " ", count: pending - spaces.count) }
                    out += shown
                    pending = 0
                }
                if !numeric[i] { pending += gap }
            }
            out += "\n"
        }
        if table.rows.isEmpty { out += "(no rows)\n" }
        out += "\n"
    }

    /// Shrinks the widest columns (not below 6) until the row fits the line width.
    private func fit(_ widths: inout [Int], separators: Int) {
        var total = widths.reduce(separators, +)
        while total > options.width {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 6 else { break }
            widths[widest] -= 1
            total -= 1
        }
    }

    /// Writes KWIC lines with the left context right-aligned so every match starts in the same column.
    func writeKwic(_ kwic: KwicBlock, style: ANSIStyle, into out: inout String) {
        if let caption = kwic.caption { out += style.bold(caption) + "\n" }
        let hasDates = kwic.lines.contains { $0.date != nil }
        let dateWidth = hasDates ? 10 : 0
        let matchWidth = min(kwic.lines.reduce(1) { max($0, DisplayWidth.of(TextRenderer.singleLine($1.match))) }, 30)
        let available = options.width - matchWidth - 2 - (hasDates ? dateWidth + 2 : 0)
        let leftWidth = max(available / 2, 8)
        let rightWidth = max(available - leftWidth, 8)
        for line in kwic.lines {
            var row = ""
            if hasDates {
                row += DisplayWidth.pad(DisplayWidth.truncate(line.date ?? "", to: dateWidth), to: dateWidth) + "  "
            }
            let left = DisplayWidth.truncateLeading(TextRenderer.singleLine(line.left).trimmingCharacters(in: .whitespaces), to: leftWidth)
            row += DisplayWidth.pad(left, to: leftWidth, right: true) + " "
            let match = DisplayWidth.pad(DisplayWidth.truncate(TextRenderer.singleLine(line.match), to: matchWidth), to: matchWidth)
            row += style.highlight(match) + " "
            row += DisplayWidth.truncate(TextRenderer.singleLine(line.right).trimmingCharacters(in: .whitespaces), to: rightWidth)
            out += TextRenderer.trimTrailing(row) + "\n"
        }
        if kwic.lines.isEmpty { out += "(no matches)\n" }
        out += "\n"
    }

    private func writeArticles(_ articles: [ArticleRef], style: ANSIStyle, into out: inout String) {
        out += style.bold("Articles") + "\n" + String(repeating: "─", count: 8) + "\n"
        for article in articles {
            var meta = [article.date, article.sources.isEmpty ? nil : article.sources.joined(separator: ", ")].compactMap { $0 }
            meta.append(article.id)
            out += "• " + TextRenderer.singleLine(article.title ?? article.id) + "\n"
            out += "  " + style.dim(meta.joined(separator: " · ")) + "\n"
            if let link = article.url ?? article.path { out += "  " + link + "\n" }
        }
        out += "\n"
    }

    /// Replaces line breaks and tabs by spaces so a value stays on one table line.
    static func singleLine(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 10 || $0 == 13 || $0 == 9 }) else { return s }
        return String(s.map { ($0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n") ? " " : $0 })
    }

    static func trimTrailing(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }

    private func estimatedSize(_ doc: ReportDocument) -> Int {
        var size = 1024
        for block in doc.blocks {
            if case .table(let t) = block { size += t.rows.count * min(options.width, 120) }
            if case .kwic(let k) = block { size += k.lines.count * options.width }
        }
        return size
    }
}
