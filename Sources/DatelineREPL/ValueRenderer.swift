import Foundation

/// How results are printed (`.mode`).
public enum OutputMode: String, CaseIterable {
    /// Pretty Lua-like values; lists of articles as an aligned table.
    case table
    case csv
    case json
    case markdown
    /// One `key = value` line per field, a blank line between records.
    case line
}

/// ANSI colours, or plain text when `enabled` is false (not a terminal, or writing to a file).
struct Style {
    var enabled: Bool

    func paint(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func string(_ text: String) -> String { paint(text, "32") }
    func number(_ text: String) -> String { paint(text, "36") }
    func keyword(_ text: String) -> String { paint(text, "35") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func bold(_ text: String) -> String { paint(text, "1") }
    func error(_ text: String) -> String { paint(text, "31") }
    func id(_ text: String) -> String { paint(text, "33") }
}

/// Turns `DisplayValue`s into text in one output mode, fitted to a width.
struct ValueRenderer {
    var mode: OutputMode = .table
    var style = Style(enabled: false)
    /// Columns available: tables longer than this break into lines.
    var width: Int = 80
    /// Whether strings and table rows are cut to `width` (on a terminal, not for `.last`).
    var truncates = true

    /// The room strings may take: `room` when truncating, else unlimited.
    private func limit(_ room: Int) -> Int { truncates ? room : Int.max }

    /// The text for the values one line returned (no trailing newline).
    func render(_ values: [DisplayValue]) -> String {
        switch mode {
        case .table:
            let allScalar = values.allSatisfy(\.isScalar)
            if allScalar && values.count > 1 {
                let each = max(8, width / max(1, values.count) - 1)
                return values.map { pretty($0, indent: 0, room: each) }.joined(separator: "\t")
            }
            return values.map { top($0) }.joined(separator: "\n")
        case .json:
            return values.map { json($0, indent: 0) }.joined(separator: "\n")
        case .csv, .markdown, .line:
            return values.map { tabular($0) }.joined(separator: "\n")
        }
    }

    // MARK: Pretty (table mode)

    private func top(_ value: DisplayValue) -> String {
        if let cards = value.articleRows { return articleTable(cards, omitted: value.omittedCount) }
        if case .article(let card) = value { return cardLine(card, room: width) }
        return pretty(value, indent: 0, room: width)
    }

    /// One value, in at most `room` columns when it fits on one line, else indented lines.
    func pretty(_ value: DisplayValue, indent: Int, room: Int) -> String {
        switch value {
        case .nil: return style.keyword("nil")
        case .bool(let b): return style.keyword(b ? "true" : "false")
        case .integer(let i): return style.number(String(i))
        case .number(let d): return style.number(Self.formatNumber(d))
        case .string(let s): return style.string(Self.truncate(LuaQuoting.quote(s), to: limit(room), closing: "\""))
        case .function(let name): return style.dim(name.map { "<function \($0)>" } ?? "<function>")
        case .article(let card): return cardLine(card, room: room)
        case .opaque(let name): return style.dim("<\(name)>")
        case .cycle(let path): return style.dim("<cycle: \(path)>")
        case .elided(let count): return style.dim("{…\(count) \(count == 1 ? "item" : "items")}")
        case .table(let table): return prettyTable(table, indent: indent, room: room)
        }
    }

    private func prettyTable(_ table: DisplayTable, indent: Int, room: Int) -> String {
        if table.count == 0 { return "{}" }
        var parts: [(key: String?, value: DisplayValue)] = table.sequence.map { (nil, $0) }
        parts += table.fields.map { ($0.key, $0.value) }
        let more = table.omitted > 0 ? style.dim("… \(table.omitted) more") : nil
        // One line when it fits (measured without colour codes).
        let plain = ValueRenderer(mode: mode, style: Style(enabled: false), width: Int.max)
        var flat = parts.map { part -> String in
            let v = plain.pretty(part.value, indent: 0, room: Int.max)
            return part.key.map { "\($0) = \(v)" } ?? v
        }
        if table.omitted > 0 { flat.append("… \(table.omitted) more") }
        let oneLine = "{ " + flat.joined(separator: ", ") + " }"
        if !oneLine.contains("\n") && oneLine.count <= room {
            var items = parts.map { part -> String in
                let v = pretty(part.value, indent: 0, room: Int.max)
                return part.key.map { "\($0) = \(v)" } ?? v
            }
            if let more { items.append(more) }
            return "{ " + items.joined(separator: ", ") + " }"
        }
        let pad = String(repeating: " ", count: indent + 2)
        let inner = max(20, room - 2)
        var lines = ["{"]
        for part in parts {
            if let key = part.key {
                let value = pretty(part.value, indent: indent + 2, room: max(10, inner - key.count - 3))
                lines.append(pad + key + " = " + value + ",")
            } else if let cards = part.value.articleRows {
                lines.append(pad + articleTable(cards, omitted: part.value.omittedCount).replacingOccurrences(of: "\n", with: "\n" + pad) + ",")
            } else {
                lines.append(pad + pretty(part.value, indent: indent + 2, room: inner) + ",")
            }
        }
        if let more { lines.append(pad + more) }
        lines.append(String(repeating: " ", count: indent) + "}")
        return lines.joined(separator: "\n")
    }

    /// `id  date  sources  title` on one line.
    func cardLine(_ card: ArticleCard, room: Int) -> String {
        let date = card.date ?? "????-??-??"
        let sources = card.sources.isEmpty ? "-" : card.sources.joined(separator: ",")
        let head = "\(card.id)  \(date)  \(sources)  "
        let title = Self.truncate(card.title ?? "(untitled)", to: limit(max(8, room - head.count - 2)), closing: "")
        return "\(style.id("<Article \(card.id)>")) \(date)  \(style.dim(sources))  \(title)"
    }

    /// Articles as an aligned table: # | id | date | sources | title.
    func articleTable(_ cards: [ArticleCard], omitted: Int) -> String {
        let rows = cards.enumerated().map { i, card in
            [String(i + 1), card.id, card.date ?? "", card.sources.joined(separator: ","), card.title ?? ""]
        }
        var text = alignedTable(header: ["#", "id", "date", "sources", "title"], rows: rows)
        if omitted > 0 { text += "\n" + style.dim("… \(omitted) more (.maxrows N to show more)") }
        return text
    }

    /// Columns padded to the widest cell; the last column is cut to the width.
    func alignedTable(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count - 1 { widths[i] = max(widths[i], cell.count) }
        }
        let used = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        let last = truncates ? max(10, width - used) : Int.max
        func line(_ cells: [String], header: Bool) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                if i == cells.count - 1 {
                    parts.append(Self.truncate(cell, to: last, closing: ""))
                } else {
                    parts.append(cell.padding(toLength: widths[i], withPad: " ", startingAt: 0))
                }
            }
            let text = parts.joined(separator: "  ").trimmingTrailingSpaces
            return header ? style.bold(text) : text
        }
        return ([line(header, header: true)] + rows.map { line($0, header: false) }).joined(separator: "\n")
    }

    // MARK: Tabular modes (csv, markdown, line)

    /// Records (columns and rows) of a value: a list of tables or articles, a table, or a scalar.
    func records(_ value: DisplayValue) -> (columns: [String], rows: [[String]]) {
        if let cards = value.articleRows {
            return (["id", "date", "sources", "title"], cards.map { [$0.id, $0.date ?? "", $0.sources.joined(separator: ","), $0.title ?? ""] })
        }
        if case .article(let card) = value {
            return (["id", "date", "sources", "title"], [[card.id, card.date ?? "", card.sources.joined(separator: ","), card.title ?? ""]])
        }
        guard case .table(let table) = value else { return (["value"], [[cell(value)]]) }
        let isRecordList = table.fields.isEmpty && !table.sequence.isEmpty && table.sequence.allSatisfy {
            if case .table(let t) = $0 { return t.sequence.isEmpty && !t.fields.isEmpty } else { return false }
        }
        if isRecordList {
            var columns: [String] = []
            for item in table.sequence {
                guard case .table(let t) = item else { continue }
                for field in t.fields where !columns.contains(field.plainKey) { columns.append(field.plainKey) }
            }
            let rows = table.sequence.map { item -> [String] in
                guard case .table(let t) = item else { return [] }
                return columns.map { column in t.fields.first(where: { $0.plainKey == column }).map { cell($0.value) } ?? "" }
            }
            return (columns, rows)
        }
        if table.fields.isEmpty { return (["value"], table.sequence.map { [cell($0)] }) }
        var rows = table.sequence.enumerated().map { [String($0.offset + 1), cell($0.element)] }
        rows += table.fields.map { [$0.plainKey, cell($0.value)] }
        return (["key", "value"], rows)
    }

    private func tabular(_ value: DisplayValue) -> String {
        let (columns, rows) = records(value)
        switch mode {
        case .csv:
            return ([columns] + rows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n")
        case .markdown:
            func row(_ cells: [String]) -> String {
                "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }.joined(separator: " | ") + " |"
            }
            return ([row(columns), row(columns.map { _ in "---" })] + rows.map(row)).joined(separator: "\n")
        default:
            let keyWidth = columns.map(\.count).max() ?? 0
            return rows.map { row in
                zip(columns, row).map { $0.0.padding(toLength: keyWidth, withPad: " ", startingAt: 0) + " = " + $0.1 }.joined(separator: "\n")
            }.joined(separator: "\n\n")
        }
    }

    /// A value as one cell: strings unquoted, tables on one line.
    private func cell(_ value: DisplayValue) -> String {
        switch value {
        case .string(let s): return s
        case .nil: return ""
        default: return ValueRenderer(mode: .table, style: Style(enabled: false), width: Int.max).pretty(value, indent: 0, room: Int.max)
        }
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: JSON

    func json(_ value: DisplayValue, indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch value {
        case .nil: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d): return d.isFinite ? Self.formatNumber(d) : "null"
        case .string(let s): return Self.jsonString(s)
        case .function(let name): return Self.jsonString(name.map { "<function \($0)>" } ?? "<function>")
        case .opaque(let name): return Self.jsonString("<\(name)>")
        case .cycle(let path): return Self.jsonString("<cycle: \(path)>")
        case .elided(let count): return Self.jsonString("<\(count) items>")
        case .article(let card):
            var fields = ["\"id\": \(Self.jsonString(card.id))"]
            fields.append("\"date\": " + (card.date.map(Self.jsonString) ?? "null"))
            fields.append("\"sources\": [" + card.sources.map(Self.jsonString).joined(separator: ", ") + "]")
            fields.append("\"title\": " + (card.title.map(Self.jsonString) ?? "null"))
            return "{\n" + fields.map { pad + $0 }.joined(separator: ",\n") + "\n\(close)}"
        case .table(let table):
            if table.count == 0 { return "[]" }
            if table.fields.isEmpty {
                return "[\n" + table.sequence.map { pad + json($0, indent: indent + 1) }.joined(separator: ",\n") + "\n\(close)]"
            }
            var entries = table.sequence.enumerated().map { pad + "\"\($0.offset + 1)\": " + json($0.element, indent: indent + 1) }
            entries += table.fields.map { pad + Self.jsonString($0.plainKey) + ": " + json($0.value, indent: indent + 1) }
            return "{\n" + entries.joined(separator: ",\n") + "\n\(close)}"
        }
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    // MARK: Helpers

    /// Lua's `%.14g` formatting of floats (keeping a ".0" on integral values, as Lua 5.4 prints them).
    static func formatNumber(_ d: Double) -> String {
        if d.isNaN { return d.sign == .minus ? "-nan" : "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        let text = String(format: "%.14g", d)
        if text.contains(where: { $0 == "." || $0 == "e" || $0 == "n" || $0 == "i" }) { return text }
        return text + ".0"
    }

    /// Cuts `text` to `width` characters with "…" (and `closing`, e.g. a quote, after it).
    static func truncate(_ text: String, to width: Int, closing: String) -> String {
        guard width != Int.max, text.count > width else { return text }
        let keep = max(1, width - 1 - closing.count)
        return String(text.prefix(keep)) + "…" + closing
    }
}

extension DisplayValue {
    var isScalar: Bool {
        switch self {
        case .nil, .bool, .integer, .number, .string, .function, .opaque: return true
        default: return false
        }
    }

    var omittedCount: Int {
        if case .table(let t) = self { return t.omitted }
        return 0
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
