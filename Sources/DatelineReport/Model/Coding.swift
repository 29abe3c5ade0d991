import Foundation

// JSON shape of the model. Every block is an object with a `type` field; charts carry `chart_type`
// plus the fields of their data. Optional fields are written as `null` so the shape is stable.

extension Cell: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let i = try? c.decode(Int.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else {
            self = .string(try c.decode(String.self))
        }
    }

    /// Non-finite doubles become `null`: JSON has no NaN or infinity.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .double(let d): if d.isFinite { try c.encode(d) } else { try c.encodeNil() }
        case .null: try c.encodeNil()
        }
    }
}

extension ReportBlock: Codable {
    enum CodingKeys: String, CodingKey {
        case type, text, level, table, kwic, chart
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "title": self = .title(try c.decode(String.self, forKey: .text))
        case "heading":
            self = .heading(
                try c.decode(String.self, forKey: .text), level: try c.decodeIfPresent(Int.self, forKey: .level) ?? 1)
        case "text": self = .text(try c.decode(String.self, forKey: .text))
        case "table": self = .table(try ReportTable(from: decoder))
        case "kwic": self = .kwic(try KwicBlock(from: decoder))
        case "chart": self = .chart(try Chart(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c, debugDescription: "unknown report block type '\(type)'")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(typeName, forKey: .type)
        switch self {
        case .title(let text), .text(let text):
            try c.encode(text, forKey: .text)
        case .heading(let text, let level):
            try c.encode(text, forKey: .text)
            try c.encode(level, forKey: .level)
        case .table(let table): try table.encode(to: encoder)
        case .kwic(let kwic): try kwic.encode(to: encoder)
        case .chart(let chart): try chart.encode(to: encoder)
        }
    }
}

extension Chart: Codable {
    enum CodingKeys: String, CodingKey {
        case chartType = "chart_type"
        case title
        case xTitle = "x_title"
        case yTitle = "y_title"
        case labels, series, categories, rows, columns, values, nodes, edges
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let typeName = try c.decode(String.self, forKey: .chartType)
        guard let type = ChartType(rawValue: typeName) else {
            throw DecodingError.dataCorruptedError(
                forKey: .chartType, in: c, debugDescription: "unknown chart type '\(typeName)'")
        }
        let data: ChartData
        switch type {
        case .bar:
            data = .bar(
                labels: try c.decode([String].self, forKey: .labels), series: try c.decode([Series].self, forKey: .series))
        case .line:
            data = .line(series: try c.decode([LineSeries].self, forKey: .series))
        case .stacked:
            data = .stacked(
                categories: try c.decode([String].self, forKey: .categories),
                series: try c.decode([Series].self, forKey: .series))
        case .heatmap:
            data = .heatmap(
                rows: try c.decode([String].self, forKey: .rows), columns: try c.decode([String].self, forKey: .columns),
                values: try c.decode([[Double?]].self, forKey: .values))
        case .network:
            data = .network(
                nodes: try c.decode([NetworkNode].self, forKey: .nodes),
                edges: try c.decode([NetworkEdge].self, forKey: .edges))
        }
        self.init(
            title: try c.decodeIfPresent(String.self, forKey: .title),
            xTitle: try c.decodeIfPresent(String.self, forKey: .xTitle),
            yTitle: try c.decodeIfPresent(String.self, forKey: .yTitle), data: data)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type.rawValue, forKey: .chartType)
        try c.encode(title, forKey: .title)
        try c.encode(xTitle, forKey: .xTitle)
        try c.encode(yTitle, forKey: .yTitle)
        switch data {
        case .bar(let labels, let series):
            try c.encode(labels, forKey: .labels)
            try c.encode(series, forKey: .series)
        case .line(let series):
            try c.encode(series, forKey: .series)
        case .stacked(let categories, let series):
            try c.encode(categories, forKey: .categories)
            try c.encode(series, forKey: .series)
        case .heatmap(let rows, let columns, let values):
            try c.encode(rows, forKey: .rows)
            try c.encode(columns, forKey: .columns)
            try c.encode(values, forKey: .values)
        case .network(let nodes, let edges):
            try c.encode(nodes, forKey: .nodes)
            try c.encode(edges, forKey: .edges)
        }
    }
}
