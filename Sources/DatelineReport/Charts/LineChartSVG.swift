import Foundation

/// SVG line charts over dates, numbers or categories: one `<polyline class="line">` per series, a
/// `<circle class="point">` per point (omitted above 1,000 points), thinned x tick labels, legend.
enum LineChartSVG {
    static let maxMarkers = 1000

    static func render(_ chart: Chart, series: [LineSeries]) -> String {
        let resolved = ResolvedX(series)
        let names = series.map(\.name)
        let legendHeight = BarChartSVG.legendRows(names) * 18
        let width = 720.0
        let ys = series.flatMap { $0.points.map(\.y) }
        var (yLo, yHi) = ChartScales.extent(ys) ?? (0, 1)
        if yLo >= 0 { yLo = 0 }
        let yNice = ChartScales.niceTicks(yLo, yHi, target: 5)
        let tickWidth = yNice.ticks.map { SVGCanvas.textWidth(NumberFormat.display($0)) }.max() ?? 20
        let plotX = 14 + (chart.yTitle != nil ? 18 : 0) + tickWidth
        let plotY = 18 + legendHeight
        let plotW = width - plotX - 24
        let plotH = 240.0

        let allX = resolved.positions.flatMap { $0 }
        var (xLo, xHi) = ChartScales.extent(allX) ?? (0, 1)
        var xTicks: [(Double, String)] = []
        var rotate = false
        switch resolved.kind {
        case .time:
            if xLo == xHi { xLo -= 1; xHi += 1 }
            let maxTicks = Int(plotW / (SVGCanvas.textWidth("2026-02-05") + 14))
            xTicks = DateParsing.timeTicks(from: xLo, to: xHi, maxTicks: maxTicks)
        case .numeric:
            let nice = ChartScales.niceTicks(xLo, xHi, target: 6)
            if xLo == xHi { (xLo, xHi) = (nice.lo, nice.hi) }
            xTicks = nice.ticks.filter { $0 >= xLo - 1e-9 && $0 <= xHi + 1e-9 }.map { ($0, NumberFormat.display($0)) }
        case .categorical(let labels):
            xLo = 0
            xHi = Double(max(labels.count - 1, 1))
            let widest = labels.map { SVGCanvas.textWidth($0) }.max() ?? 0
            let slot = plotW / Double(max(labels.count, 1))
            rotate = widest > slot - 4
            // Thin labels so rotated (about 14 px apart) or flat labels never overlap.
            let needed = rotate ? 16.0 : widest + 10
            let every = clampedInt((needed / max(slot, 0.1)).rounded(.up), 1...Int.max / 2)
            xTicks = labels.enumerated().filter { $0.offset % every == 0 }.map { (Double($0.offset), $0.element) }
        }
        let labelSpace = rotate ? 100.0 : 22.0
        let height = plotY + plotH + labelSpace + (chart.xTitle != nil ? 22 : 0) + 8
        func px(_ x: Double) -> Double { plotX + (xHi > xLo ? (x - xLo) / (xHi - xLo) : 0.5) * plotW }
        func py(_ y: Double) -> Double { plotY + plotH - (yNice.hi > yNice.lo ? (y - yNice.lo) / (yNice.hi - yNice.lo) : 0) * plotH }

        var c = SVGCanvas(width: width, height: height)
        SVGLegend.draw(names, colors: ChartPalette.color, on: &c, x: 12, y: 8, maxWidth: width - 24)
        for t in yNice.ticks {
            c.line(plotX, py(t), plotX + plotW, py(t), cls: t == yNice.lo ? "axis" : "grid")
            c.text(NumberFormat.display(t), x: plotX - 6, y: py(t) + 4, anchor: "end", cls: "tick")
        }
        c.line(plotX, plotY, plotX, plotY + plotH, cls: "axis")
        for (x, label) in xTicks {
            let p = px(x)
            c.line(p, plotY + plotH, p, plotY + plotH + 4, cls: "axis")
            if rotate {
                c.text(label, x: p + 4, y: plotY + plotH + 12, anchor: "end", cls: "tick", maxWidth: 120, rotate: -45)
            } else {
                c.text(label, x: p, y: plotY + plotH + 17, anchor: "middle", cls: "tick")
            }
        }
        if let xTitle = chart.xTitle {
            c.text(xTitle, x: plotX + plotW / 2, y: height - 10, anchor: "middle", cls: "axis-title", maxWidth: plotW)
        }
        if let yTitle = chart.yTitle {
            c.text(yTitle, x: 16, y: plotY + plotH / 2, anchor: "middle", cls: "axis-title", maxWidth: plotH, rotate: -90)
        }
        let totalPoints = series.reduce(0) { $0 + $1.points.count }
        for (s, serie) in series.enumerated() {
            let positions = s < resolved.positions.count ? resolved.positions[s] : []
            let order = serie.points.indices.filter { serie.points[$0].y.isFinite && $0 < positions.count }
                .sorted { positions[$0] < positions[$1] }
            let color = ChartPalette.color(s)
            var coords = ""
            coords.reserveCapacity(order.count * 12)
            for i in order {
                if !coords.isEmpty { coords += " " }
                coords += SVGCanvas.n(px(positions[i])) + "," + SVGCanvas.n(py(serie.points[i].y))
            }
            c.raw("<polyline class=\"line\" fill=\"none\" stroke=\"\(color)\" points=\"\(coords)\"><title>")
            c.raw(HTMLEscape.escape(serie.name) + "</title></polyline>")
            guard totalPoints <= maxMarkers else { continue }
            for i in order {
                let p = serie.points[i]
                let tip = (series.count > 1 ? serie.name + " · " : "") + "\(p.x.label): \(NumberFormat.display(p.y))"
                c.raw("<circle class=\"point\" cx=\"\(SVGCanvas.n(px(positions[i])))\" cy=\"\(SVGCanvas.n(py(p.y)))\" r=\"3\" fill=\"\(color)\"><title>")
                c.raw(HTMLEscape.escape(tip) + "</title></circle>")
            }
        }
        return c.svg(title: chart.title ?? "Line chart", cls: "line-chart")
    }
}
