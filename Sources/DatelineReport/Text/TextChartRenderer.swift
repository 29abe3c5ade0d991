import Foundation

/// Draws charts with block characters for the terminal: horizontal bars, sparklines, stacked bars,
/// a shaded heatmap grid and a network edge list.
struct TextChartRenderer {
    let width: Int
    let style: ANSIStyle

    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let fills = ["█", "▓", "▒", "░"]
    static let shades: [Character] = [" ", "░", "▒", "▓", "█"]

    func render(_ chart: Chart, into out: inout String) {
        let title = chart.title ?? "\(chart.type.rawValue) chart"
        out += style.bold(title) + "\n"
        switch chart.data {
        case .bar(let labels, let series): bars(labels: labels, series: series, into: &out)
        case .line(let series): lines(series, into: &out)
        case .stacked(let categories, let series): stacked(categories: categories, series: series, into: &out)
        case .heatmap(let rows, let columns, let values): heatmap(rows: rows, columns: columns, values: values, into: &out)
        case .network(let nodes, let edges): network(nodes: nodes, edges: edges, into: &out)
        }
    }

    /// A bar of `length` cells (fractional, drawn with eighth blocks).
    func bar(_ length: Double) -> String {
        guard length.isFinite, length > 0 else { return "" }
        let whole = Int(length)
        let rest = Int(((length - Double(whole)) * 8).rounded(.down))
        return String(repeating: "█", count: whole) + TextChartRenderer.eighths[min(max(rest, 0), 7)]
    }

    private func legend(_ names: [String], fills: Bool, into out: inout String) {
        guard names.count > 1 else { return }
        let items = names.enumerated().map { i, name in
            style.series(fills ? TextChartRenderer.fills[i % 4] : "█", i) + " " + name
        }
        out += items.joined(separator: "   ") + "\n"
    }

    private func bars(labels: [String], series: [Series], into out: inout String) {
        guard !labels.isEmpty, !series.isEmpty else {
            out += "(no data)\n"
            return
        }
        let labelWidth = min(labels.reduce(1) { max($0, DisplayWidth.of($1)) }, 24)
        let values = series.flatMap { s in labels.indices.compactMap { s.value(at: $0) } }
        let maxAbs = values.map(abs).max() ?? 0
        let valueWidth = values.map { NumberFormat.display($0).count }.max() ?? 1
        let barWidth = max(width - labelWidth - valueWidth - 3, 10)
        let multi = series.count > 1
        legend(series.map(\.name), fills: true, into: &out)
        for (i, label) in labels.enumerated() {
            for (s, serie) in series.enumerated() {
                let name = s == 0 ? TextRenderer.singleLine(label) : ""
                var line = DisplayWidth.pad(DisplayWidth.truncate(name, to: labelWidth), to: labelWidth) + " "
                guard let v = serie.value(at: i) else {
                    out += TextRenderer.trimTrailing(line + "–") + "\n"
                    continue
                }
                let length = maxAbs > 0 ? abs(v) / maxAbs * Double(barWidth) : 0
                let drawn: String
                if multi {
                    drawn = String(repeating: TextChartRenderer.fills[s % 4], count: clampedInt(length.rounded(), 0...width))
                } else {
                    drawn = bar(length)
                }
                line += style.series(drawn, s) + (drawn.isEmpty ? "" : " ") + NumberFormat.display(v)
                out += line + "\n"
            }
        }
    }

    /// Sparkline of values, resampled (bucket means) to at most `maxWidth` characters.
    func sparkline(_ values: [Double], maxWidth: Int) -> String {
        let finite = values.filter(\.isFinite)
        guard let (lo, hi) = ChartScales.extent(finite) else { return "" }
        var samples = finite
        if samples.count > maxWidth, maxWidth > 0 {
            samples = (0..<maxWidth).map { b in
                let start = b * finite.count / maxWidth
                let end = max((b + 1) * finite.count / maxWidth, start + 1)
                let slice = finite[start..<min(end, finite.count)]
                return slice.reduce(0, +) / Double(slice.count)
            }
        }
        let span = hi - lo
        return String(samples.map { v -> Character in
            let level = span > 0 ? clampedInt(((v - lo) / span * 7).rounded(), 0...7) : 3
            return TextChartRenderer.sparks[min(max(level, 0), 7)]
        })
    }

    private func lines(_ series: [LineSeries], into out: inout String) {
        guard series.contains(where: { !$0.points.isEmpty }) else {
            out += "(no data)\n"
            return
        }
        let resolved = ResolvedX(series)
        let nameWidth = min(series.reduce(1) { max($0, DisplayWidth.of($1.name)) }, 20)
        for (s, serie) in series.enumerated() {
            // Points in x order so the sparkline reads left to right in time.
            let positions = s < resolved.positions.count ? resolved.positions[s] : []
            let order = serie.points.indices.sorted { positions[$0] < positions[$1] }
            let ys = order.map { serie.points[$0].y }
            let name = DisplayWidth.pad(DisplayWidth.truncate(TextRenderer.singleLine(serie.name), to: nameWidth), to: nameWidth)
            guard let first = order.first, let last = order.last, let (lo, hi) = ChartScales.extent(ys) else {
                out += name + " (no data)\n"
                continue
            }
            let range = "\(serie.points[first].x.label) … \(serie.points[last].x.label)"
            let stats = "min \(NumberFormat.display(lo)) max \(NumberFormat.display(hi))"
            let room = max(width - nameWidth - 2 - stats.count - 2, 10)
            out += name + "  " + style.series(sparkline(ys, maxWidth: room), s) + "  " + stats + "\n"
            out += String(repeating: " ", count: nameWidth + 2) + style.dim(range) + "\n"
        }
    }

    private func stacked(categories: [String], series: [Series], into out: inout String) {
        guard !categories.isEmpty, !series.isEmpty else {
            out += "(no data)\n"
            return
        }
        let labelWidth = min(categories.reduce(1) { max($0, DisplayWidth.of($1)) }, 24)
        let totals = categories.indices.map { c in series.reduce(0.0) { $0 + max($1.value(at: c) ?? 0, 0) } }
        let maxTotal = totals.max() ?? 0
        let totalWidth = totals.map { NumberFormat.display($0).count }.max() ?? 1
        let barWidth = max(width - labelWidth - totalWidth - 3, 10)
        legend(series.map(\.name), fills: true, into: &out)
        for (c, category) in categories.enumerated() {
            var line = DisplayWidth.pad(DisplayWidth.truncate(TextRenderer.singleLine(category), to: labelWidth), to: labelWidth) + " "
            // Segments are rounded on cumulative ends so the bar length matches the total.
            var cumulative = 0.0
            var drawnCells = 0
            for (s, serie) in series.enumerated() {
                cumulative += max(serie.value(at: c) ?? 0, 0)
                let end = maxTotal > 0 ? clampedInt((cumulative / maxTotal * Double(barWidth)).rounded(), 0...barWidth) : 0
                if end > drawnCells {
                    line += style.series(String(repeating: TextChartRenderer.fills[s % 4], count: end - drawnCells), s)
                    drawnCells = end
                }
            }
            line += " " + NumberFormat.display(totals[c])
            out += line + "\n"
        }
    }

    private func heatmap(rows: [String], columns: [String], values: [[Double?]], into out: inout String) {
        guard !rows.isEmpty, !columns.isEmpty else {
            out += "(no data)\n"
            return
        }
        let all = values.flatMap { $0.compactMap { $0 } }
        let (lo, hi) = ChartScales.extent(all) ?? (0, 0)
        let labelWidth = min(rows.reduce(1) { max($0, DisplayWidth.of($1)) }, 24)
        let cell = max(String(columns.count).count, 2) + 1
        // Header: column numbers, explained in the key below.
        var header = String(repeating: " ", count: labelWidth + 1)
        for c in columns.indices { header += DisplayWidth.pad(String(c + 1), to: cell, right: true) }
        out += style.dim(header) + "\n"
        for (r, label) in rows.enumerated() {
            var line = DisplayWidth.pad(DisplayWidth.truncate(TextRenderer.singleLine(label), to: labelWidth), to: labelWidth) + " "
            let rowValues = r < values.count ? values[r] : []
            for c in columns.indices {
                guard c < rowValues.count, let v = rowValues[c], v.isFinite else {
                    line += String(repeating: " ", count: cell - 1) + "·"
                    continue
                }
                // Quarter-range buckets, matching the "≤" thresholds printed in the scale line.
                let level = hi > lo ? clampedInt(((v - lo) / (hi - lo) * 4).rounded(.up), 1...4) : 4
                let shade = TextChartRenderer.shades[min(max(level, 1), 4)]
                line += " " + String(repeating: shade, count: cell - 1)
            }
            out += line + "\n"
        }
        let step = (hi - lo) / 4
        let scale = (1...4).map { i in
            "\(TextChartRenderer.shades[i]) ≤ \(NumberFormat.display(hi > lo ? lo + step * Double(i) : hi))"
        }
        out += style.dim("scale: " + scale.joined(separator: "  ") + "  · missing") + "\n"
        out += style.dim("columns: " + columns.enumerated().map { "\($0 + 1) \(TextRenderer.singleLine($1))" }.joined(separator: ", ")) + "\n"
    }

    private func network(nodes: [NetworkNode], edges: [NetworkEdge], into out: inout String) {
        guard !nodes.isEmpty || !edges.isEmpty else {
            out += "(no data)\n"
            return
        }
        var labels: [String: String] = [:]
        for node in nodes { labels[node.id] = node.displayLabel }
        let sortedNodes = nodes.enumerated().sorted { a, b in
            a.element.weight != b.element.weight ? a.element.weight > b.element.weight : a.offset < b.offset
        }.map(\.element)
        out += "nodes (\(nodes.count)): "
        out += sortedNodes.map { "\(TextRenderer.singleLine($0.displayLabel)) (\(NumberFormat.display($0.weight)))" }
            .joined(separator: ", ") + "\n"
        let sortedEdges = edges.enumerated().sorted { a, b in
            a.element.weight != b.element.weight ? a.element.weight > b.element.weight : a.offset < b.offset
        }.map(\.element)
        let names = sortedEdges.map { e in
            (TextRenderer.singleLine(labels[e.source] ?? e.source), TextRenderer.singleLine(labels[e.target] ?? e.target))
        }
        let leftWidth = min(names.reduce(1) { max($0, DisplayWidth.of($1.0)) }, 30)
        let rightWidth = min(names.reduce(1) { max($0, DisplayWidth.of($1.1)) }, 30)
        let maxWeight = edges.map(\.weight).filter(\.isFinite).max() ?? 0
        let barRoom = max(width - leftWidth - rightWidth - 16, 5)
        out += "edges (\(edges.count)):\n"
        for (edge, (a, b)) in zip(sortedEdges, names) {
            var line = "  " + DisplayWidth.pad(DisplayWidth.truncate(a, to: leftWidth), to: leftWidth)
            line += " ── " + DisplayWidth.pad(DisplayWidth.truncate(b, to: rightWidth), to: rightWidth)
            line += " " + DisplayWidth.pad(NumberFormat.display(edge.weight), to: 6, right: true)
            if maxWeight > 0, edge.weight.isFinite, edge.weight > 0 {
                line += " " + style.series(bar(edge.weight / maxWeight * Double(min(barRoom, 20))), 0)
            }
            out += TextRenderer.trimTrailing(line) + "\n"
        }
    }
}

/// `value` as an Int inside `range`; NaN gives the lower bound (extreme inputs can overflow to NaN).
func clampedInt(_ value: Double, _ range: ClosedRange<Int>) -> Int {
    guard !value.isNaN else { return range.lowerBound }
    if value <= Double(range.lowerBound) { return range.lowerBound }
    if value >= Double(range.upperBound) { return range.upperBound }
    return Int(value)
}
