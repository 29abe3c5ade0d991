import Foundation

/// Builds one inline SVG element: shapes, escaped text, and labels that are shortened to a pixel width
/// with the full text kept in a `<title>` tooltip.
struct SVGCanvas {
    let width: Double
    let height: Double
    private(set) var body = ""
    static let fontSize = 12.0

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
        body.reserveCapacity(4096)
    }

    /// Approximate rendered width of text in pixels (0.6 em per terminal column).
    static func textWidth(_ s: String, size: Double = fontSize) -> Double {
        Double(DisplayWidth.of(s)) * size * 0.6
    }

    /// Number formatting for coordinates: one decimal, no trailing ".0".
    static func n(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (v * 10).rounded() / 10
        if r == r.rounded(), abs(r) < 1e9 { return String(Int(r)) }
        return String(format: "%.1f", r)
    }

    mutating func raw(_ s: String) { body += s }

    mutating func rect(x: Double, y: Double, w: Double, h: Double, fill: String, cls: String, tooltip: String? = nil) {
        body += "<rect class=\"\(cls)\" x=\"\(SVGCanvas.n(x))\" y=\"\(SVGCanvas.n(y))\" width=\"\(SVGCanvas.n(max(w, 0)))\" height=\"\(SVGCanvas.n(max(h, 0)))\" fill=\"\(fill)\""
        if let tooltip {
            body += "><title>" + HTMLEscape.escape(tooltip) + "</title></rect>"
        } else {
            body += "/>"
        }
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, cls: String, extra: String = "") {
        body += "<line class=\"\(cls)\" x1=\"\(SVGCanvas.n(x1))\" y1=\"\(SVGCanvas.n(y1))\" x2=\"\(SVGCanvas.n(x2))\" y2=\"\(SVGCanvas.n(y2))\"\(extra)/>"
    }

    /// Text shortened with "…" to `maxWidth` pixels; when shortened, the full text becomes a tooltip.
    /// `rotate` turns the text about its anchor point (degrees).
    mutating func text(
        _ s: String, x: Double, y: Double, anchor: String = "start", cls: String = "label",
        maxWidth: Double? = nil, rotate: Double? = nil, size: Double? = nil, extra: String = ""
    ) {
        let fontSize = size ?? SVGCanvas.fontSize
        var shown = s
        if let maxWidth, SVGCanvas.textWidth(s, size: fontSize) > maxWidth {
            shown = DisplayWidth.truncate(s, to: clampedInt(maxWidth / (fontSize * 0.6), 2...10_000))
        }
        body += "<text class=\"\(cls)\" x=\"\(SVGCanvas.n(x))\" y=\"\(SVGCanvas.n(y))\" text-anchor=\"\(anchor)\""
        if let size { body += " font-size=\"\(SVGCanvas.n(size))\"" }
        if let rotate { body += " transform=\"rotate(\(SVGCanvas.n(rotate)) \(SVGCanvas.n(x)) \(SVGCanvas.n(y)))\"" }
        body += extra + ">"
        if shown != s { body += "<title>" + HTMLEscape.escape(s) + "</title>" }
        HTMLEscape.append(shown, to: &body)
        body += "</text>"
    }

    /// The finished `<svg>` element, with an accessible title.
    func svg(title: String, cls: String) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart \(cls)\" viewBox=\"0 0 \(SVGCanvas.n(width)) \(SVGCanvas.n(height))\" width=\"\(SVGCanvas.n(width))\" height=\"\(SVGCanvas.n(height))\" role=\"img\" preserveAspectRatio=\"xMidYMin meet\" style=\"max-width:\(SVGCanvas.n(width))px\">"
        out.reserveCapacity(body.utf8.count + 512)
        out += "<title>" + HTMLEscape.escape(title) + "</title>"
        out += body
        out += "</svg>"
        return out
    }
}

/// Colours: the Okabe–Ito palette (distinguishable with colour-blindness) and a sequential scale.
enum ChartPalette {
    static let series = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F7F7F", "#000000"]

    static func color(_ index: Int) -> String { series[((index % series.count) + series.count) % series.count] }

    /// Light-to-dark yellow–green–blue stops (ColorBrewer YlGnBu), readable in greyscale print.
    static let sequential: [(Double, Double, Double)] = [
        (255, 255, 217), (199, 233, 180), (65, 182, 196), (34, 94, 168), (8, 29, 88),
    ]

    /// Colour for a position 0...1 on the sequential scale.
    static func sequentialColor(_ t: Double) -> String {
        let t = min(max(t.isFinite ? t : 0, 0), 1)
        let scaled = t * Double(sequential.count - 1)
        let i = min(Int(scaled), sequential.count - 2)
        let f = scaled - Double(i)
        let a = sequential[i], b = sequential[i + 1]
        func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
        return String(format: "#%02X%02X%02X", mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }
}

/// A flowing legend of coloured swatches and names; returns the height it used.
enum SVGLegend {
    @discardableResult
    static func draw(_ names: [String], colors: (Int) -> String, on canvas: inout SVGCanvas, x: Double, y: Double, maxWidth: Double) -> Double {
        guard names.count > 1 else { return 0 }
        var cx = x, cy = y
        let itemMax = 180.0
        for (i, name) in names.enumerated() {
            let w = min(SVGCanvas.textWidth(name), itemMax) + 26
            if cx + w > x + maxWidth, cx > x {
                cx = x
                cy += 18
            }
            canvas.rect(x: cx, y: cy, w: 12, h: 12, fill: colors(i), cls: "swatch")
            canvas.text(name, x: cx + 16, y: cy + 10, cls: "legend", maxWidth: itemMax)
            cx += w
        }
        return cy - y + 22
    }
}
