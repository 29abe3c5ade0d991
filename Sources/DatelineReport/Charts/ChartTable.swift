import Foundation

extension Chart {
    /// The chart's data as tables, for formats that show data instead of graphics (Markdown, CSV, HTML
    /// accessible data view). Networks give two tables (nodes, edges); every other type gives one.
    public func dataTables() -> [ReportTable] {
        let name = title ?? type.rawValue
        func num(_ v: Double?) -> Cell { v.map { .double($0) } ?? .null }
        switch data {
        case .bar(let labels, let series), .stacked(let labels, let series):
            let first = type == .bar ? (xTitle ?? "label") : (xTitle ?? "category")
            let rows = labels.enumerated().map { i, label in
                TableRow([.string(label)] + series.map { num($0.value(at: i)) })
            }
            return [ReportTable(columns: [first] + series.map(\.name), rows: rows, caption: name)]
        case .line(let series):
            var rows: [TableRow] = []
            rows.reserveCapacity(series.reduce(0) { $0 + $1.points.count })
            for s in series {
                for p in s.points {
                    let x: Cell
                    switch p.x {
                    case .date(let d): x = .string(d)
                    case .number(let n): x = .double(n)
                    }
                    rows.append(TableRow([.string(s.name), x, p.y.isFinite ? .double(p.y) : .null]))
                }
            }
            return [ReportTable(columns: ["series", xTitle ?? "x", yTitle ?? "y"], rows: rows, caption: name)]
        case .heatmap(let rowLabels, let columns, let values):
            let rows = rowLabels.enumerated().map { r, label -> TableRow in
                let line = r < values.count ? values[r] : []
                let cells = columns.indices.map { c -> Cell in
                    guard c < line.count, let v = line[c], v.isFinite else { return .null }
                    return .double(v)
                }
                return TableRow([.string(label)] + cells)
            }
            return [ReportTable(columns: [yTitle ?? ""] + columns, rows: rows, caption: name)]
        case .network(let nodes, let edges):
            let nodeRows = nodes.map { TableRow([.string($0.id), .string($0.displayLabel), .double($0.weight)]) }
            let edgeRows = edges.map { TableRow([.string($0.source), .string($0.target), .double($0.weight)]) }
            return [
                ReportTable(columns: ["id", "label", "weight"], rows: nodeRows, caption: "\(name): nodes"),
                ReportTable(columns: ["source", "target", "weight"], rows: edgeRows, caption: "\(name): edges"),
            ]
        }
    }
}
