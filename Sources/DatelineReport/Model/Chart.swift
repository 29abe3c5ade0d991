import Foundation

/// The kind of chart; the raw value is the name scripts and JSON use.
public enum ChartType: String, Codable, CaseIterable, Sendable {
    case bar, line, stacked, heatmap, network
}

/// A chart: a title, optional axis titles and the data for one chart type.
public struct Chart: Equatable, Sendable {
    public var title: String?
    /// Axis titles; renderers show them when present.
    public var xTitle: String?
    public var yTitle: String?
    public var data: ChartData

    public init(title: String? = nil, xTitle: String? = nil, yTitle: String? = nil, data: ChartData) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.data = data
    }

    public var type: ChartType { data.type }
}

/// A named list of numbers aligned with a chart's labels or categories.
public struct Series: Codable, Equatable, Sendable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }

    /// The value at `index`, or `nil` when the series is shorter or the value is not finite.
    public func value(at index: Int) -> Double? {
        guard index >= 0, index < values.count, values[index].isFinite else { return nil }
        return values[index]
    }
}

/// An x value on a line chart: a date string (`2026-02-05`, `2026-02`, `2026`) or a number.
public enum XValue: Equatable, Sendable, Codable {
    case date(String)
    case number(Double)

    /// How the value is shown as a label.
    public var label: String {
        switch self {
        case .date(let s): return s
        case .number(let d): return NumberFormat.display(d)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else {
            self = .date(try c.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .date(let s): try c.encode(s)
        case .number(let d): try c.encode(d)
        }
    }
}

/// One point of a line series.
public struct LinePoint: Codable, Equatable, Sendable {
    public var x: XValue
    public var y: Double

    public init(x: XValue, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A named line (for example mentions per day of one entity).
public struct LineSeries: Codable, Equatable, Sendable {
    public var name: String
    public var points: [LinePoint]

    public init(name: String, points: [LinePoint]) {
        self.name = name
        self.points = points
    }
}

/// A network node; `weight` sizes the node (for example mention count).
public struct NetworkNode: Codable, Equatable, Sendable {
    public var id: String
    public var label: String?
    public var weight: Double

    public init(id: String, label: String? = nil, weight: Double = 1) {
        self.id = id
        self.label = label
        self.weight = weight
    }

    /// The label shown for the node: `label`, or the id when there is none.
    public var displayLabel: String { label ?? id }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decodeIfPresent(String.self, forKey: .label)
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(label, forKey: .label)
        try c.encode(weight, forKey: .weight)
    }

    enum CodingKeys: String, CodingKey { case id, label, weight }
}

/// An undirected network edge between two node ids; `weight` sets the stroke width.
public struct NetworkEdge: Codable, Equatable, Sendable {
    public var source: String
    public var target: String
    public var weight: Double

    public init(source: String, target: String, weight: Double = 1) {
        self.source = source
        self.target = target
        self.weight = weight
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        target = try c.decode(String.self, forKey: .target)
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
    }

    enum CodingKeys: String, CodingKey { case source, target, weight }
}

/// The data of a chart, one case per chart type.
public enum ChartData: Equatable, Sendable {
    /// Bars per label; several series give grouped bars.
    case bar(labels: [String], series: [Series])
    /// One or more lines over dates or numbers.
    case line(series: [LineSeries])
    /// Stacked bars: one bar per category, one segment per series (`series[s].values[c]`).
    case stacked(categories: [String], series: [Series])
    /// A matrix of values; `nil` marks a missing cell. `values[row][column]`.
    case heatmap(rows: [String], columns: [String], values: [[Double?]])
    case network(nodes: [NetworkNode], edges: [NetworkEdge])

    public var type: ChartType {
        switch self {
        case .bar: return .bar
        case .line: return .line
        case .stacked: return .stacked
        case .heatmap: return .heatmap
        case .network: return .network
        }
    }
}
