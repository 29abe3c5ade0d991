import Foundation

/// Geometry and axes for charts with one band per category (bar and stacked charts).
///
/// Few, short categories give vertical bars (labels rotated when they do not fit their band); many
/// categories or long labels give horizontal bars with the labels in a left column.
struct BandLayout {
    let horizontal: Bool
    let categories: [String]
    let plotX: Double, plotY: Double, plotW: Double, plotH: Double
    let valueLo: Double, valueHi: Double
    let ticks: [Double]
    let rotateLabels: Bool
    let width: Double, height: Double
    let legendY: Double
    let labelMax: Double

    static let chartWidth = 720.0

    init(categories: [String], valueLo: Double, valueHi: Double, seriesPerBand: Int, legendHeight: Double, hasXTitle: Bool, hasYTitle: Bool) {
        self.categories = categories
        let nice = ChartScales.niceTicks(min(valueLo, 0), max(valueHi, 0), target: 5)
        self.valueLo = nice.lo
        self.valueHi = nice.hi
        self.ticks = nice.ticks
        let count = max(categories.count, 1)
        let widest = categories.map { SVGCanvas.textWidth($0) }.max() ?? 0
        let tickWidth = nice.ticks.map { SVGCanvas.textWidth(NumberFormat.display($0)) }.max() ?? 20
        width = BandLayout.chartWidth
        legendY = 8
        let top = 12 + legendHeight
        // Vertical only when bands are wide enough to read; otherwise go horizontal.
        let verticalBand = (width - 80) / Double(count)
        horizontal = count > 12 || (widest > verticalBand * 2.5 && count > 4) || verticalBand < Double(seriesPerBand) * 6
        if horizontal {
            labelMax = min(max(widest, 40), 200)
            plotX = 12 + (hasYTitle ? 18 : 0) + labelMax + 8
            plotW = width - plotX - 16 - tickWidth  // room for the value at the end of the longest bar
            let band = max(Double(seriesPerBand) * 12 + 8, 20)
            plotY = top + 6
            plotH = band * Double(count)
            rotateLabels = false
            height = plotY + plotH + 26 + (hasXTitle ? 20 : 0) + 8
        } else {
            plotX = 14 + (hasYTitle ? 18 : 0) + tickWidth
            plotW = width - plotX - 16
            plotY = top + 6
            plotH = 260
            let band = plotW / Double(count)
            rotateLabels = widest > band - 6
            labelMax = rotateLabels ? 130 : band - 4
            let labelSpace = rotateLabels ? min(widest, 130) * 0.71 + 16 : 20
            height = plotY + plotH + labelSpace + (hasXTitle ? 22 : 0) + 8
        }
    }

    /// Pixel position of a value along the value axis.
    func valuePos(_ v: Double) -> Double {
        let t = valueHi > valueLo ? (v - valueLo) / (valueHi - valueLo) : 0
        return horizontal ? plotX + t * plotW : plotY + plotH - t * plotH
    }

    /// Start and size of category `i`'s band along the category axis.
    func band(_ i: Int) -> (start: Double, size: Double) {
        let size = (horizontal ? plotH : plotW) / Double(max(categories.count, 1))
        return ((horizontal ? plotY : plotX) + Double(i) * size, size)
    }

    /// Rectangle covering `from...to` in value units, within `offset...offset+thickness` of a band.
    func rect(band i: Int, offset: Double, thickness: Double, from v0: Double, to v1: Double) -> (x: Double, y: Double, w: Double, h: Double) {
        let b = band(i)
        let p0 = valuePos(min(v0, v1)), p1 = valuePos(max(v0, v1))
        if horizontal {
            return (p0, b.start + offset, p1 - p0, thickness)
        }
        return (b.start + offset, p1, thickness, p0 - p1)
    }

    /// Draws grid lines, value ticks, category labels and axis titles.
    func drawAxes(on c: inout SVGCanvas, xTitle: String?, yTitle: String?) {
        for t in ticks {
            let p = valuePos(t)
            let label = NumberFormat.display(t)
            if horizontal {
                c.line(p, plotY, p, plotY + plotH, cls: t == 0 ? "axis" : "grid")
                c.text(label, x: p, y: plotY + plotH + 16, anchor: "middle", cls: "tick")
            } else {
                c.line(plotX, p, plotX + plotW, p, cls: t == 0 ? "axis" : "grid")
                c.text(label, x: plotX - 6, y: p + 4, anchor: "end", cls: "tick")
            }
        }
        if horizontal {
            c.line(plotX, plotY, plotX, plotY + plotH, cls: "axis")
        } else {
            c.line(plotX, plotY + plotH, plotX + plotW, plotY + plotH, cls: "axis")
        }
        for (i, name) in categories.enumerated() {
            let b = band(i)
            if horizontal {
                c.text(name, x: plotX - 6, y: b.start + b.size / 2 + 4, anchor: "end", cls: "label", maxWidth: labelMax)
            } else if rotateLabels {
                let x = b.start + b.size / 2 + 4, y = plotY + plotH + 12
                c.text(name, x: x, y: y, anchor: "end", cls: "label", maxWidth: labelMax, rotate: -45)
            } else {
                c.text(name, x: b.start + b.size / 2, y: plotY + plotH + 16, anchor: "middle", cls: "label", maxWidth: labelMax)
            }
        }
        // Category axis title goes with the categories; value axis title with the values.
        let categoryTitle = xTitle, valueTitle = yTitle
        if horizontal {
            if let valueTitle {
                c.text(valueTitle, x: plotX + plotW / 2, y: height - 10, anchor: "middle", cls: "axis-title", maxWidth: plotW)
            }
            if let categoryTitle {
                c.text(categoryTitle, x: 16, y: plotY + plotH / 2, anchor: "middle", cls: "axis-title", maxWidth: plotH, rotate: -90)
            }
        } else {
            if let categoryTitle {
                c.text(categoryTitle, x: plotX + plotW / 2, y: height - 10, anchor: "middle", cls: "axis-title", maxWidth: plotW)
            }
            if let valueTitle {
                c.text(valueTitle, x: 16, y: plotY + plotH / 2, anchor: "middle", cls: "axis-title", maxWidth: plotH, rotate: -90)
            }
        }
    }
}

/// SVG bar charts: one `<rect class="bar">` per finite value; several series give grouped bars and a legend.
enum BarChartSVG {
    static func render(_ chart: Chart, labels: [String], series: [Series]) -> String {
        let values = series.flatMap { s in labels.indices.compactMap { s.value(at: $0) } }
        let (lo, hi) = ChartScales.extent(values) ?? (0, 1)
        let names = series.map(\.name)
        let legendHeight = legendRows(names) * 18
        let layout = BandLayout(
            categories: labels, valueLo: lo, valueHi: hi, seriesPerBand: max(series.count, 1),
            legendHeight: legendHeight, hasXTitle: chart.xTitle != nil, hasYTitle: chart.yTitle != nil)
        var c = SVGCanvas(width: layout.width, height: layout.height)
        SVGLegend.draw(names, colors: ChartPalette.color, on: &c, x: 12, y: layout.legendY, maxWidth: layout.width - 24)
        layout.drawAxes(on: &c, xTitle: chart.xTitle, yTitle: chart.yTitle)
        let multi = series.count > 1
        for i in labels.indices {
            let band = layout.band(i)
            let inner = band.size * 0.8
            let thickness = inner / Double(max(series.count, 1))
            for (s, serie) in series.enumerated() {
                guard let v = serie.value(at: i) else { continue }
                let r = layout.rect(band: i, offset: band.size * 0.1 + Double(s) * thickness, thickness: thickness, from: 0, to: v)
                let tip = (multi ? "\(serie.name) · " : "") + "\(labels[i]): \(NumberFormat.display(v))"
                c.rect(x: r.x, y: r.y, w: r.w, h: r.h, fill: ChartPalette.color(s), cls: "bar", tooltip: tip)
                // Horizontal bars have room for their value at the end.
                if layout.horizontal && !multi {
                    let end = v >= 0 ? r.x + r.w + 3 : r.x - 3
                    c.text(NumberFormat.display(v), x: end, y: r.y + r.h / 2 + 4, anchor: v >= 0 ? "start" : "end", cls: "value", size: 10)
                }
            }
        }
        return c.svg(title: chart.title ?? "Bar chart", cls: "bar-chart")
    }

    /// Legend rows needed for the names at the chart width (0 for a single series).
    static func legendRows(_ names: [String]) -> Double {
        guard names.count > 1 else { return 0 }
        var rows = 1.0, x = 0.0
        for name in names {
            let w = min(SVGCanvas.textWidth(name), 180) + 26
            if x + w > BandLayout.chartWidth - 24, x > 0 {
                rows += 1
                x = 0
            }
            x += w
        }
        return rows
    }
}

/// SVG stacked bars: positive values stack up from zero and negative values down, one
/// `<rect class="bar">` per non-zero segment, with a legend naming the series.
enum StackedChartSVG {
    static func render(_ chart: Chart, categories: [String], series: [Series]) -> String {
        var hi = 0.0, lo = 0.0
        for c in categories.indices {
            var pos = 0.0, neg = 0.0
            for s in series {
                guard let v = s.value(at: c) else { continue }
                if v > 0 { pos += v } else { neg += v }
            }
            hi = max(hi, pos)
            lo = min(lo, neg)
        }
        let names = series.map(\.name)
        let layout = BandLayout(
            categories: categories, valueLo: lo, valueHi: hi, seriesPerBand: 1,
            legendHeight: BarChartSVG.legendRows(names) * 18, hasXTitle: chart.xTitle != nil, hasYTitle: chart.yTitle != nil)
        var canvas = SVGCanvas(width: layout.width, height: layout.height)
        SVGLegend.draw(names, colors: ChartPalette.color, on: &canvas, x: 12, y: layout.legendY, maxWidth: layout.width - 24)
        layout.drawAxes(on: &canvas, xTitle: chart.xTitle, yTitle: chart.yTitle)
        for c in categories.indices {
            let band = layout.band(c)
            var pos = 0.0, neg = 0.0
            for (s, serie) in series.enumerated() {
                guard let v = serie.value(at: c), v != 0 else { continue }
                let start = v > 0 ? pos : neg
                let end = start + v
                if v > 0 { pos = end } else { neg = end }
                let r = layout.rect(band: c, offset: band.size * 0.15, thickness: band.size * 0.7, from: start, to: end)
                canvas.rect(
                    x: r.x, y: r.y, w: r.w, h: r.h, fill: ChartPalette.color(s), cls: "bar",
                    tooltip: "\(categories[c]) · \(serie.name): \(NumberFormat.display(v))")
            }
        }
        return canvas.svg(title: chart.title ?? "Stacked bar chart", cls: "stacked-chart")
    }
}
