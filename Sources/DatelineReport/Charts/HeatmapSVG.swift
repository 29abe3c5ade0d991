import Foundation

/// SVG heatmaps: one `<rect class="cell">` per row × column on a light-to-dark scale, row labels at the
/// left, rotated column labels on top, and a gradient legend with the value range.
enum HeatmapSVG {
    static func render(_ chart: Chart, rows: [String], columns: [String], values: [[Double?]], id: String) -> String {
        let all = values.flatMap { $0.compactMap { $0 } }
        let (lo, hi) = ChartScales.extent(all) ?? (0, 0)
        let rowLabelWidth = min(rows.map { SVGCanvas.textWidth($0) }.max() ?? 0, 180) + 8
        let columnLabelWidth = min(columns.map { SVGCanvas.textWidth($0) }.max() ?? 0, 130)
        let left = 12 + (chart.yTitle != nil ? 18 : 0) + rowLabelWidth
        let available = 720 - left - 16
        let cellW = min(max(available / Double(max(columns.count, 1)), 8), 48)
        let cellH = min(max(cellW * 0.75, 12), 28)
        // Column labels stand at 45°, so they need about 0.71 of their length above the grid.
        let top = 12 + (chart.xTitle != nil ? 20 : 0) + columnLabelWidth * 0.71 + 12
        let gridW = cellW * Double(columns.count)
        let gridH = cellH * Double(rows.count)
        let width = max(left + gridW + 16 + columnLabelWidth * 0.71, 360)
        let height = top + gridH + 60
        let showValues = cellW >= 30 && cellH >= 16 && rows.count * columns.count <= 400

        var c = SVGCanvas(width: width, height: height)
        if let xTitle = chart.xTitle { c.text(xTitle, x: left + gridW / 2, y: 18, anchor: "middle", cls: "axis-title", maxWidth: gridW + 100) }
        if let yTitle = chart.yTitle {
            c.text(yTitle, x: 16, y: top + gridH / 2, anchor: "middle", cls: "axis-title", maxWidth: max(gridH, 60), rotate: -90)
        }
        for (j, name) in columns.enumerated() {
            let x = left + cellW * (Double(j) + 0.5) + 4
            c.text(name, x: x, y: top - 6, anchor: "start", cls: "label", maxWidth: 130, rotate: -45)
        }
        for (i, name) in rows.enumerated() {
            let y = top + cellH * Double(i)
            c.text(name, x: left - 6, y: y + cellH / 2 + 4, anchor: "end", cls: "label", maxWidth: 180)
            let line = i < values.count ? values[i] : []
            for (j, column) in columns.enumerated() {
                let x = left + cellW * Double(j)
                guard j < line.count, let v = line[j], v.isFinite else {
                    c.rect(x: x, y: y, w: cellW - 1, h: cellH - 1, fill: "#F2F2F2", cls: "cell missing", tooltip: "\(name) × \(column): no value")
                    continue
                }
                let t = hi > lo ? (v - lo) / (hi - lo) : 1
                c.rect(x: x, y: y, w: cellW - 1, h: cellH - 1, fill: ChartPalette.sequentialColor(t), cls: "cell",
                       tooltip: "\(name) × \(column): \(NumberFormat.display(v))")
                if showValues {
                    c.text(NumberFormat.display(v), x: x + cellW / 2, y: y + cellH / 2 + 4, anchor: "middle",
                           cls: t > 0.55 ? "value light" : "value", maxWidth: cellW - 2, size: 10)
                }
            }
        }
        // Legend: gradient bar with min, middle and max values.
        let legendY = top + gridH + 16
        let legendW = min(max(gridW, 160), 300)
        c.raw("<defs><linearGradient id=\"\(id)-scale\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">")
        for k in 0...4 {
            let t = Double(k) / 4
            c.raw("<stop offset=\"\(SVGCanvas.n(t * 100))%\" stop-color=\"\(ChartPalette.sequentialColor(t))\"/>")
        }
        c.raw("</linearGradient></defs>")
        c.raw("<g class=\"scale-legend\">")
        c.raw("<rect class=\"scale\" x=\"\(SVGCanvas.n(left))\" y=\"\(SVGCanvas.n(legendY))\" width=\"\(SVGCanvas.n(legendW))\" height=\"10\" fill=\"url(#\(id)-scale)\"/>")
        c.text(NumberFormat.display(lo), x: left, y: legendY + 24, anchor: "start", cls: "tick")
        c.text(NumberFormat.display((lo + hi) / 2), x: left + legendW / 2, y: legendY + 24, anchor: "middle", cls: "tick")
        c.text(NumberFormat.display(hi), x: left + legendW, y: legendY + 24, anchor: "end", cls: "tick")
        c.raw("</g>")
        return c.svg(title: chart.title ?? "Heatmap", cls: "heatmap-chart")
    }
}
