import Foundation

/// Renders every table-like block (tables, KWIC, chart data, article list) as RFC 4180 CSV.
///
/// Several tables are separated by a blank line; each starts with a `# caption` line naming it.
/// Titles, headings and paragraphs are not data and are left out (a heading names the next table
/// when that table has no caption).
public struct CSVRenderer: ReportRenderer {
    /// Line terminator; RFC 4180 says CRLF.
    public var lineEnding: String

    public init(lineEnding: String = "\r\n") {
        self.lineEnding = lineEnding
    }

    public func render(_ doc: ReportDocument) throws -> String {
        var out = ""
        out.reserveCapacity(estimatedSize(doc))
        var lastHeading: String?
        var count = 0
        func emit(_ table: ReportTable) {
            count += 1
            if count > 1 { out += lineEnding }
            let caption = table.caption ?? lastHeading ?? "table \(count)"
            lastHeading = nil
            out += "# "
            out += caption.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            out += lineEnding
            writeTable(table, into: &out)
        }
        for block in doc.blocks {
            switch block {
            case .title, .text: break
            case .heading(let text, _): lastHeading = text
            case .table(let table): emit(table)
            case .kwic(let kwic): emit(kwic.asTable)
            case .chart(let chart): chart.dataTables().forEach(emit)
            }
        }
        if !doc.articles.isEmpty {
            let rows = doc.articles.map { a in
                TableRow([.string(a.id), cell(a.title), cell(a.date), .string(a.sources.joined(separator: ", ")),
                          cell(a.url), cell(a.path)])
            }
            emit(ReportTable(columns: ["id", "title", "date", "sources", "url", "path"], rows: rows, caption: "articles"))
        }
        return out
    }

    private func cell(_ s: String?) -> Cell { s.map { .string($0) } ?? .null }

    /// Writes the header and rows; an `article_id` column is added when any row links to an article.
    func writeTable(_ table: ReportTable, into out: inout String) {
        let linked = table.hasArticleLinks
        var header = table.columns
        if linked { header.append("article_id") }
        writeRecord(header.map { Cell.string($0) }, into: &out)
        let width = table.columns.count
        var record: [Cell] = []
        for row in table.rows {
            record.removeAll(keepingCapacity: true)
            // Pad short rows so every record has the header's field count; keep extra cells.
            record.append(contentsOf: row.cells)
            if record.count < width { record.append(contentsOf: repeatElement(Cell.null, count: width - record.count)) }
            if linked { record.append(row.articleID.map { .string($0) } ?? .null) }
            writeRecord(record, into: &out)
        }
    }

    private func writeRecord(_ cells: [Cell], into out: inout String) {
        var first = true
        for cell in cells {
            if !first { out += "," }
            first = false
            CSVRenderer.appendField(cell.exactString, to: &out)
        }
        out += lineEnding
    }

    /// Appends one field, quoted when it holds a comma, quote, CR or LF (or leading/trailing space);
    /// quotes inside are doubled.
    static func appendField(_ field: String, to out: inout String) {
        var needsQuotes = false
        for byte in field.utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 10 || byte == 13 {
            needsQuotes = true
            break
        }
        if !needsQuotes, let f = field.utf8.first, let l = field.utf8.last, f == 32 || l == 32 { needsQuotes = true }
        guard needsQuotes else {
            out += field
            return
        }
        out += "\""
        out += field.replacingOccurrences(of: "\"", with: "\"\"")
        out += "\""
    }

    private func estimatedSize(_ doc: ReportDocument) -> Int {
        var rows = 0
        for block in doc.blocks {
            if case .table(let t) = block { rows += t.rows.count * max(t.columns.count, 1) }
            if case .kwic(let k) = block { rows += k.lines.count * 6 }
        }
        return rows * 12 + 1024
    }
}
