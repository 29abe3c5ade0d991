import Foundation

/// Renders any chart as one self-contained inline `<svg>` element (no scripts, no external resources).
public enum ChartSVG {
    /// SVG markup for the chart; `id` must be unique in the page (it prefixes internal ids such as gradients).
    public static func render(_ chart: Chart, id: String = "chart") -> String {
        switch chart.data {
        case .bar(let labels, let series):
            if labels.isEmpty || series.isEmpty { return empty(chart) }
            return BarChartSVG.render(chart, labels: labels, series: series)
        case .line(let series):
            if !series.contains(where: { $0.points.contains { $0.y.isFinite } }) { return empty(chart) }
            return LineChartSVG.render(chart, series: series)
        case .stacked(let categories, let series):
            if categories.isEmpty || series.isEmpty { return empty(chart) }
            return StackedChartSVG.render(chart, categories: categories, series: series)
        case .heatmap(let rows, let columns, let values):
            if rows.isEmpty || columns.isEmpty { return empty(chart) }
            return HeatmapSVG.render(chart, rows: rows, columns: columns, values: values, id: id)
        case .network(let nodes, let edges):
            if nodes.isEmpty { return empty(chart) }
            return NetworkSVG.render(chart, nodes: nodes, edges: edges)
        }
    }

    /// A small placeholder saying there is nothing to draw.
    private static func empty(_ chart: Chart) -> String {
        var c = SVGCanvas(width: 720, height: 60)
        c.text("No data", x: 360, y: 34, anchor: "middle", cls: "label")
        return c.svg(title: chart.title ?? "\(chart.type.rawValue) chart", cls: "empty-chart")
    }
}
