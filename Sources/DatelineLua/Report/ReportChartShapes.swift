import DatelineReport

/// The Lua shapes of `report.chart{...}`, one per chart type (documented in `ReportModule`).
extension ReportShapes {
    static let chartKeys: Set<String> = [
        "type", "title", "x_title", "y_title", "series", "labels", "values", "name", "categories",
        "points", "rows", "columns", "nodes", "edges",
    ]

    /// Builds a chart from the `report.chart` argument. Data fields may be given at the top level or
    /// inside `series` when `series` is a table of named fields.
    func chart(_ value: LuaValue) throws -> Chart {
        var spec = try fields(value, "the chart")
        try requireKnown(spec, Self.chartKeys, "report.chart{...}")
        if case .table(let inner)? = spec["series"] {
            try requireKnown(inner, Self.chartKeys.subtracting(["type", "title", "x_title", "y_title", "series"]), "series")
            spec["series"] = nil
            for (key, value) in inner {
                if spec[key] != nil { throw fail("series.\(key)", "is also given outside series") }
                spec[key] = value
            }
        }
        guard let typeName = spec["type"]?.stringValue else {
            throw fail("type", "is required: one of \(ChartType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let type = ChartType(rawValue: typeName) else {
            throw fail("type", "must be one of \(ChartType.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(typeName)\"")
        }
        let title = try optionalString(spec["title"] ?? .nil, "title")
        let data: ChartData
        switch type {
        case .bar: data = try barData(spec, title: title)
        case .stacked: data = try stackedData(spec)
        case .line: data = try lineData(spec, title: title)
        case .heatmap: data = try heatmapData(spec)
        case .network: data = try networkData(spec)
        }
        return Chart(
            title: title, xTitle: try optionalString(spec["x_title"] ?? .nil, "x_title"),
            yTitle: try optionalString(spec["y_title"] ?? .nil, "y_title"), data: data)
    }

    /// Named value series aligned with `count` labels: `{{name=, values=}, ...}`.
    private func namedSeries(_ value: LuaValue, count: Int, labelsField: String) throws -> [Series] {
        try list(value, "series").enumerated().map { i, item in
            let path = "series[\(i + 1)]"
            let entry = try fields(item, path)
            try requireKnown(entry, ["name", "values"], path)
            let values = try numbers(entry["values"] ?? .nil, path + ".values")
            if values.count != count {
                throw fail(path + ".values", "has \(values.count) values for \(count) \(labelsField)")
            }
            return Series(name: try optionalString(entry["name"] ?? .nil, path + ".name") ?? "series \(i + 1)", values: values)
        }
    }

    /// bar: `labels` + `values`, `labels` + `series = {{name, values}}`, or `series` of pairs
    /// (`{label, value}` or `{label=, value=}`; `name`/`key` and `count` are accepted too).
    private func barData(_ spec: [String: LuaValue], title: String?) throws -> ChartData {
        if let labelsValue = spec["labels"] {
            let labels = try strings(labelsValue, "labels")
            if let values = spec["values"] {
                if spec["series"] != nil { throw fail("series", "cannot be combined with values") }
                let numbers = try numbers(values, "values")
                if numbers.count != labels.count {
                    throw fail("values", "has \(numbers.count) values for \(labels.count) labels")
                }
                let name = try optionalString(spec["name"] ?? .nil, "name") ?? title ?? "value"
                return .bar(labels: labels, series: [Series(name: name, values: numbers)])
            }
            guard let series = spec["series"] else { throw fail("values", "is required (or series = {{name=, values=}, ...})") }
            return .bar(labels: labels, series: try namedSeries(series, count: labels.count, labelsField: "labels"))
        }
        guard let series = spec["series"] else {
            throw fail("labels", "is required (labels + values, or series = {{label, value}, ...})")
        }
        var labels: [String] = []
        var values: [Double] = []
        for (i, item) in try list(series, "series").enumerated() {
            let path = "series[\(i + 1)]"
            switch item {
            case .list(let pair) where pair.count == 2:
                labels.append(try string(pair[0], path + "[1]"))
                values.append(try number(pair[1], path + "[2]"))
            case .table(let entry):
                guard let label = entry["label"] ?? entry["name"] ?? entry["key"] else {
                    throw fail(path, "needs a label (label, name or key)")
                }
                guard let value = entry["value"] ?? entry["count"] ?? entry["y"] else {
                    throw fail(path, "needs a value (value or count)")
                }
                labels.append(try string(label, path + ".label"))
                values.append(try number(value, path + ".value"))
            default:
                throw fail(path, "must be a {label, value} pair, got \(describe(item))")
            }
        }
        let name = try optionalString(spec["name"] ?? .nil, "name") ?? title ?? "value"
        return .bar(labels: labels, series: [Series(name: name, values: values)])
    }

    /// stacked: `categories` (or `labels`) + `series = {{name, values}}`, one value per category.
    private func stackedData(_ spec: [String: LuaValue]) throws -> ChartData {
        guard let categoriesValue = spec["categories"] ?? spec["labels"] else { throw fail("categories", "is required") }
        let field = spec["categories"] != nil ? "categories" : "labels"
        let categories = try strings(categoriesValue, field)
        guard let series = spec["series"] else { throw fail("series", "is required: {{name=, values=}, ...}") }
        return .stacked(categories: categories, series: try namedSeries(series, count: categories.count, labelsField: field))
    }

    /// line: `series = {{name=, points={{x=, y=}, ...}}, ...}`, or one line as `name` + `points`.
    /// A point is `{x=, y=}` or `{x, y}`; x is a date string or a number (`date`/`period` and
    /// `value`/`count` are accepted as x and y).
    private func lineData(_ spec: [String: LuaValue], title: String?) throws -> ChartData {
        if let points = spec["points"] {
            if spec["series"] != nil { throw fail("series", "cannot be combined with points") }
            let name = try optionalString(spec["name"] ?? .nil, "name") ?? title ?? "value"
            return .line(series: [LineSeries(name: name, points: try linePoints(points, "points"))])
        }
        guard let series = spec["series"] else { throw fail("series", "is required: {{name=, points={{x=, y=}, ...}}, ...}") }
        let lines = try list(series, "series").enumerated().map { i, item -> LineSeries in
            let path = "series[\(i + 1)]"
            let entry = try fields(item, path)
            try requireKnown(entry, ["name", "points"], path)
            return LineSeries(
                name: try optionalString(entry["name"] ?? .nil, path + ".name") ?? "series \(i + 1)",
                points: try linePoints(entry["points"] ?? .nil, path + ".points"))
        }
        return .line(series: lines)
    }

    private func linePoints(_ value: LuaValue, _ path: String) throws -> [LinePoint] {
        try list(value, path).enumerated().map { i, item in
            let p = "\(path)[\(i + 1)]"
            let x: LuaValue, y: LuaValue
            switch item {
            case .list(let pair) where pair.count == 2:
                (x, y) = (pair[0], pair[1])
            case .table(let entry):
                x = entry["x"] ?? entry["date"] ?? entry["period"] ?? .nil
                y = entry["y"] ?? entry["value"] ?? entry["count"] ?? .nil
            default:
                throw fail(p, "must be a point {x=, y=} or {x, y}, got \(describe(item))")
            }
            let xValue: XValue
            switch x {
            case .string(let s): xValue = .date(s)
            case .int(let n): xValue = .number(Double(n))
            case .double(let d): xValue = .number(d)
            default: throw fail(p + ".x", "must be a date string or a number, got \(describe(x))")
            }
            return LinePoint(x: xValue, y: try number(y, p + ".y"))
        }
    }

    /// heatmap: `rows`, `columns`, `values[row][column]` (nil or false marks a missing cell).
    private func heatmapData(_ spec: [String: LuaValue]) throws -> ChartData {
        let rows = try strings(spec["rows"] ?? .nil, "rows")
        let columns = try strings(spec["columns"] ?? .nil, "columns")
        guard let valuesValue = spec["values"] else { throw fail("values", "is required: values[row][column]") }
        let matrix: [[Double?]] = try matrixRows(valuesValue, count: rows.count).enumerated().map { r, rowValue in
            let path = "values[\(r + 1)]"
            var cells = [Double?](repeating: nil, count: columns.count)
            let entries: [String: LuaValue]
            switch rowValue {
            case .list(let items):
                if items.count > columns.count { throw fail(path, "has \(items.count) values for \(columns.count) columns") }
                entries = Dictionary(uniqueKeysWithValues: items.enumerated().map { (String($0.offset + 1), $0.element) })
            case .table(let t): entries = t
            case .nil: entries = [:]
            default: throw fail(path, "must be a list of numbers, got \(describe(rowValue))")
            }
            for (key, cell) in entries {
                guard let c = Int(key), c >= 1, c <= columns.count else {
                    throw fail(path, "has a value at \(key) outside the \(columns.count) columns")
                }
                switch cell {
                case .nil, .bool(false): continue
                default: cells[c - 1] = try number(cell, "\(path)[\(c)]")
                }
            }
            return cells
        }
        return .heatmap(rows: rows, columns: columns, values: matrix)
    }

    /// The rows of a matrix, allowing missing (nil) rows in a table with holes.
    private func matrixRows(_ value: LuaValue, count: Int) throws -> [LuaValue] {
        switch value {
        case .list(let items):
            if items.count > count { throw fail("values", "has \(items.count) rows for \(count) rows names") }
            return items + [LuaValue](repeating: .nil, count: count - items.count)
        case .table(let t):
            var rows = [LuaValue](repeating: .nil, count: count)
            for (key, row) in t {
                guard let r = Int(key), r >= 1, r <= count else { throw fail("values", "has a row at \(key) outside the \(count) rows") }
                rows[r - 1] = row
            }
            return rows
        default:
            throw fail("values", "must be a list of rows, got \(describe(value))")
        }
    }

    /// network: `nodes = {{id=, label=, weight=}, ...}` (or node names as strings) and
    /// `edges = {{source=, target=, weight=}, ...}` (or `{source, target, weight}`) between node ids.
    private func networkData(_ spec: [String: LuaValue]) throws -> ChartData {
        var nodes: [NetworkNode] = []
        var ids: Set<String> = []
        for (i, item) in try list(spec["nodes"] ?? .nil, "nodes").enumerated() {
            let path = "nodes[\(i + 1)]"
            let node: NetworkNode
            switch item {
            case .string, .int:
                node = NetworkNode(id: try string(item, path))
            case .table(let entry):
                try requireKnown(entry, ["id", "label", "weight"], path)
                guard let id = entry["id"] ?? entry["label"] else { throw fail(path + ".id", "is required") }
                node = NetworkNode(
                    id: try string(id, path + ".id"), label: try optionalString(entry["label"] ?? .nil, path + ".label"),
                    weight: try entry["weight"].map { try number($0, path + ".weight") } ?? 1)
            default:
                throw fail(path, "must be a node {id=, label=, weight=} or a name, got \(describe(item))")
            }
            guard ids.insert(node.id).inserted else { throw fail(path + ".id", "repeats the node id \"\(node.id)\"") }
            nodes.append(node)
        }
        var edges: [NetworkEdge] = []
        for (i, item) in try list(spec["edges"] ?? .list([]), "edges").enumerated() {
            let path = "edges[\(i + 1)]"
            let source: LuaValue, target: LuaValue, weight: LuaValue
            switch item {
            case .list(let triple) where triple.count == 2 || triple.count == 3:
                (source, target, weight) = (triple[0], triple[1], triple.count == 3 ? triple[2] : .nil)
            case .table(let entry):
                try requireKnown(entry, ["source", "target", "weight"], path)
                (source, target, weight) = (entry["source"] ?? .nil, entry["target"] ?? .nil, entry["weight"] ?? .nil)
            default:
                throw fail(path, "must be an edge {source=, target=, weight=}, got \(describe(item))")
            }
            let s = try string(source, path + ".source")
            let t = try string(target, path + ".target")
            guard ids.contains(s) else { throw fail(path + ".source", "\"\(s)\" is not the id of a node") }
            guard ids.contains(t) else { throw fail(path + ".target", "\"\(t)\" is not the id of a node") }
            edges.append(NetworkEdge(source: s, target: t, weight: weight.isNil ? 1 : try number(weight, path + ".weight")))
        }
        return .network(nodes: nodes, edges: edges)
    }
}
