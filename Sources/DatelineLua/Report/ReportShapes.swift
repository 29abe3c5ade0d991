import DatelineReport

/// Checks the Lua shapes `report.table`, `report.kwic`, `report.chart` and `report.article` accept
/// and builds the report blocks; every error names the offending field (`rows[2].n`, `series[1].values`).
struct ReportShapes {
    let call: LuaCall
    let reader: ReportValueReader

    // MARK: Errors and scalars

    func fail(_ path: String, _ reason: String) -> LuaCallError {
        call.error("\(path) \(reason)")
    }

    func string(_ value: LuaValue, _ path: String) throws -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return NumberFormat.display(d)
        default: throw fail(path, "must be a string, got \(describe(value))")
        }
    }

    func optionalString(_ value: LuaValue, _ path: String) throws -> String? {
        value.isNil ? nil : try string(value, path)
    }

    func number(_ value: LuaValue, _ path: String) throws -> Double {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s):
            if let d = Double(s.trimmingCharacters(in: .whitespaces)) { return d }
            throw fail(path, "must be a number, got the string \"\(s.prefix(30))\"")
        default: throw fail(path, "must be a number, got \(describe(value))")
        }
    }

    func list(_ value: LuaValue, _ path: String) throws -> [LuaValue] {
        if let items = value.listValue { return items }
        throw fail(path, "must be a list, got \(describe(value))")
    }

    func strings(_ value: LuaValue, _ path: String) throws -> [String] {
        try list(value, path).enumerated().map { try string($0.element, "\(path)[\($0.offset + 1)]") }
    }

    func numbers(_ value: LuaValue, _ path: String) throws -> [Double] {
        try list(value, path).enumerated().map { try number($0.element, "\(path)[\($0.offset + 1)]") }
    }

    /// The keyed fields of a table argument (an empty table has none).
    func fields(_ value: LuaValue, _ path: String) throws -> [String: LuaValue] {
        switch value {
        case .table(let entries): return entries
        case .list(let items) where items.isEmpty: return [:]
        default: throw fail(path, "must be a table with named fields, got \(describe(value))")
        }
    }

    /// Fails on a field not in `known` (a typo is reported instead of ignored).
    func requireKnown(_ entries: [String: LuaValue], _ known: Set<String>, _ path: String) throws {
        for key in entries.keys.sorted() where !known.contains(key) {
            throw call.error("unknown field '\(key)' in \(path) (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    func describe(_ value: LuaValue) -> String {
        if reader.article(value) != nil { return "an article" }
        switch value {
        case .nil: return "nil"
        case .list, .table: return "a table"
        case .opaque(let name): return name.hasPrefix("article:") ? "an article" : "a \(name)"
        default: return "a \(value.typeName)"
        }
    }

    // MARK: Articles

    /// An article reference from an article object, an id (string or number) or a table with an `id`.
    /// `full` is true when the reference carries the article's text (ready for the appendix).
    func article(_ value: LuaValue, _ path: String) throws -> (ref: ArticleRef, full: Bool) {
        if let ref = reader.article(value) { return (ref, true) }
        switch value {
        case .string, .int:
            return (ArticleRef(id: try string(value, path)), false)
        case .table(let t):
            guard !(t["id"] ?? .nil).isNil else { throw fail(path, "must be an article, an article id or a table with an id") }
            let ref = ArticleRef(
                id: try string((t["id"] ?? .nil), path + ".id"), title: try optionalString((t["title"] ?? .nil), path + ".title"),
                date: try optionalString((t["date"] ?? .nil), path + ".date"), sources: try sources((t["sources"] ?? .nil), path + ".sources"),
                paragraphs: (t["paragraphs"] ?? .nil).isNil ? [] : try strings((t["paragraphs"] ?? .nil), path + ".paragraphs"),
                url: try optionalString((t["url"] ?? .nil), path + ".url"), path: try optionalString((t["path"] ?? .nil), path + ".path"))
            return (ref, !ref.paragraphs.isEmpty)
        default:
            throw fail(path, "must be an article, an article id or a table with an id, got \(describe(value))")
        }
    }

    /// Sources as a list of names or one name.
    func sources(_ value: LuaValue, _ path: String) throws -> [String] {
        switch value {
        case .nil: return []
        case .string(let s): return [s]
        default: return try strings(value, path)
        }
    }

    // MARK: Table

    /// `report.table{columns=, rows=, caption=}`; returns the table and the articles its rows link to.
    func table(_ spec: LuaValue) throws -> (ReportTable, [(ref: ArticleRef, full: Bool)]) {
        let t = try fields(spec, "the table")
        try requireKnown(t, ["columns", "rows", "caption"], "report.table{...}")
        let rows = (t["rows"] ?? .nil).isNil ? [] : try list((t["rows"] ?? .nil), "rows")
        var columns: [String]
        if !(t["columns"] ?? .nil).isNil {
            columns = try strings((t["columns"] ?? .nil), "columns")
        } else if case .table(let first)? = rows.first {
            columns = first.keys.filter { $0 != "article" && $0 != "article_id" && Int($0) == nil }.sorted()
        } else if rows.isEmpty {
            columns = []
        } else {
            throw fail("columns", "is required when rows are given as arrays")
        }
        if columns.isEmpty && !rows.isEmpty { throw fail("columns", "must name at least one column") }
        var linked: [(ref: ArticleRef, full: Bool)] = []
        var tableRows: [TableRow] = []
        tableRows.reserveCapacity(rows.count)
        for (r, row) in rows.enumerated() {
            let path = "rows[\(r + 1)]"
            var cells: [Cell] = []
            var articleRef: (ref: ArticleRef, full: Bool)?
            switch row {
            case .list(let items):
                for (c, item) in items.enumerated() {
                    if let ref = reader.article(item) { articleRef = articleRef ?? (ref, true) }
                    cells.append(try cell(item, "\(path)[\(c + 1)]"))
                }
            case .table(let entries):
                let named = Set(columns)
                for (c, column) in columns.enumerated() {
                    let value: LuaValue = entries[column] ?? entries[String(c + 1)] ?? LuaValue.nil
                    if let ref = reader.article(value) { articleRef = articleRef ?? (ref, true) }
                    cells.append(try cell(value, "\(path).\(column)"))
                }
                if let link = entries["article"], !named.contains("article") {
                    articleRef = try article(link, "\(path).article")
                } else if let link = entries["article_id"], !named.contains("article_id") {
                    articleRef = try article(link, "\(path).article_id")
                }
            default:
                throw fail(path, "must be a table (a list of cells or cells by column name), got \(describe(row))")
            }
            if cells.count > columns.count {
                throw fail(path, "has \(cells.count) cells for \(columns.count) columns")
            }
            if let articleRef { linked.append(articleRef) }
            tableRows.append(TableRow(cells, articleID: articleRef?.ref.id))
        }
        let caption = try optionalString((t["caption"] ?? .nil), "caption")
        return (ReportTable(columns: columns, rows: tableRows, caption: caption), linked)
    }

    /// A table cell: strings and numbers as they are, nil empty, booleans as words, articles by title.
    func cell(_ value: LuaValue, _ path: String) throws -> Cell {
        if let ref = reader.article(value) { return .string(ref.title ?? ref.id) }
        switch value {
        case .nil: return .null
        case .string(let s): return .string(s)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .bool(let b): return .string(b ? "true" : "false")
        default: throw fail(path, "must be a string, number, nil or article, got \(describe(value))")
        }
    }

    // MARK: KWIC

    /// `report.kwic(hits)`: hits from `a:kwic`, `corpus.search` or `text.kwic`.
    func kwic(_ hitsValue: LuaValue, caption: String?) throws -> (KwicBlock, [(ref: ArticleRef, full: Bool)]) {
        let hits = try list(hitsValue, "hits")
        var lines: [KwicLine] = []
        var linked: [(ref: ArticleRef, full: Bool)] = []
        for (i, hitValue) in hits.enumerated() {
            let path = "hits[\(i + 1)]"
            let hit = try fields(hitValue, path)
            var left = try optionalString((hit["left"] ?? .nil), path + ".left") ?? ""
            var right = try optionalString((hit["right"] ?? .nil), path + ".right") ?? ""
            var match = try optionalString(hit["match"] ?? hit["text"] ?? hit["keyword"] ?? .nil, path + ".match")
            if match == nil, let snippet = try optionalString(hit["marked"] ?? hit["snippet"] ?? .nil, path + ".snippet") {
                (left, match, right) = Self.splitSnippet(snippet)
            }
            guard let match else {
                throw fail(path, "has no match (give left, match, right or a snippet)")
            }
            var ref: (ref: ArticleRef, full: Bool)?
            if let a = hit["article"], !a.isNil {
                ref = try article(a, path + ".article")
            } else if let id = hit["article_id"] ?? hit["id"], !id.isNil {
                ref = (ArticleRef(id: try string(id, path + ".id")), false)
            }
            let title = try optionalString(hit["title"] ?? .nil, path + ".title") ?? ref?.ref.title
            let date = try optionalString(hit["date"] ?? .nil, path + ".date") ?? ref?.ref.date
            var sources = try self.sources(hit["sources"] ?? hit["source"] ?? .nil, path + ".sources")
            if sources.isEmpty { sources = ref?.ref.sources ?? [] }
            if var r = ref, !r.full {
                // What the hit says about its article stands in until the article is resolved.
                r.ref.title = r.ref.title ?? title
                r.ref.date = r.ref.date ?? date
                if r.ref.sources.isEmpty { r.ref.sources = sources }
                if r.ref.path == nil { r.ref.path = try optionalString(hit["path"] ?? .nil, path + ".path") }
                ref = r
            }
            if let ref { linked.append(ref) }
            lines.append(KwicLine(left: left, match: match, right: right, articleID: ref?.ref.id,
                                  title: title, date: date, sources: sources))
        }
        return (KwicBlock(lines: lines, caption: caption), linked)
    }

    /// Splits a search snippet at its first highlighted match (`[...]`, `«...»`, `<b>...</b>`, `**...**`).
    static func splitSnippet(_ snippet: String) -> (String, String, String) {
        for (open, close) in [("[", "]"), ("«", "»"), ("<b>", "</b>"), ("<mark>", "</mark>"), ("**", "**")] {
            guard let start = snippet.range(of: open),
                  let end = snippet.range(of: close, range: start.upperBound..<snippet.endIndex) else { continue }
            return (String(snippet[..<start.lowerBound]), String(snippet[start.upperBound..<end.lowerBound]),
                    String(snippet[end.upperBound...]))
        }
        return (snippet, "", "")
    }
}
