import Foundation

/// SVG network charts: `<line class="edge">` per drawable edge (width by weight), `<circle class="node">`
/// per node (radius by weight), and labels for the heaviest nodes with full names in tooltips.
enum NetworkSVG {
    static let maxLabels = 40
    /// This many of the heaviest nodes are labelled even when their label must overlap another.
    static let minLabels = 8

    static func render(_ chart: Chart, nodes inputNodes: [NetworkNode], edges: [NetworkEdge]) -> String {
        // Unique node ids (first wins), then edges between known nodes.
        var index: [String: Int] = [:]
        var nodes: [NetworkNode] = []
        for node in inputNodes where index[node.id] == nil {
            index[node.id] = nodes.count
            nodes.append(node)
        }
        let links: [(Int, Int, Double)] = edges.compactMap { e in
            guard let a = index[e.source], let b = index[e.target] else { return nil }
            return (a, b, e.weight)
        }
        let width = 720.0, height = 520.0, margin = 24.0, labelRoom = 90.0
        let positions = NetworkLayout.positions(nodeCount: nodes.count, edges: links)
        func point(_ i: Int) -> (Double, Double) {
            let p = positions[i]
            return (margin + labelRoom * 0.5 + p.x * (width - 2 * margin - labelRoom), margin + p.y * (height - 2 * margin))
        }
        let maxNode = nodes.map(\.weight).filter { $0.isFinite && $0 > 0 }.max() ?? 1
        let maxEdge = links.map(\.2).filter { $0.isFinite && $0 > 0 }.max() ?? 1
        func radius(_ w: Double) -> Double { 4 + 14 * sqrt(w.isFinite && w > 0 ? w / maxNode : 0) }

        var c = SVGCanvas(width: width, height: height)
        c.raw("<g class=\"edges\">")
        for (a, b, w) in links where a != b {
            let (x1, y1) = point(a), (x2, y2) = point(b)
            let strokeWidth = 0.75 + 5.25 * (w.isFinite && w > 0 ? w / maxEdge : 0)
            c.raw("<line class=\"edge\" x1=\"\(SVGCanvas.n(x1))\" y1=\"\(SVGCanvas.n(y1))\" x2=\"\(SVGCanvas.n(x2))\" y2=\"\(SVGCanvas.n(y2))\" stroke-width=\"\(SVGCanvas.n(strokeWidth))\"><title>")
            c.raw(HTMLEscape.escape("\(nodes[a].displayLabel) — \(nodes[b].displayLabel): \(NumberFormat.display(w))") + "</title></line>")
        }
        c.raw("</g><g class=\"nodes\">")
        for (i, node) in nodes.enumerated() {
            let (x, y) = point(i)
            c.raw("<circle class=\"node\" cx=\"\(SVGCanvas.n(x))\" cy=\"\(SVGCanvas.n(y))\" r=\"\(SVGCanvas.n(radius(node.weight)))\" fill=\"\(ChartPalette.color(0))\"><title>")
            c.raw(HTMLEscape.escape("\(node.displayLabel) (\(NumberFormat.display(node.weight)))") + "</title></circle>")
        }
        c.raw("</g><g class=\"node-labels\">")
        // Label the heaviest nodes first; each label goes right, left, above or below its node, wherever
        // it does not cover a label already placed. The heaviest always get a label; others without a
        // free spot keep their name in the node tooltip only.
        let byWeight = nodes.indices.sorted { a, b in
            nodes[a].weight != nodes[b].weight ? nodes[a].weight > nodes[b].weight : a < b
        }.prefix(maxLabels)
        // Nodes are obstacles too, so labels do not cover other nodes.
        var placed: [LabelBox] = nodes.indices.map { i in
            let (x, y) = point(i)
            let r = radius(nodes[i].weight)
            return LabelBox(x: x - r, y: y - r, w: 2 * r, h: 2 * r)
        }
        for (rank, i) in byWeight.enumerated() {
            let (x, y) = point(i)
            let r = radius(nodes[i].weight)
            let w = min(SVGCanvas.textWidth(nodes[i].displayLabel), 110)
            let candidates: [(x: Double, y: Double, anchor: String, box: LabelBox)] = [
                (x + r + 3, y + 4, "start", LabelBox(x: x + r + 3, y: y - 8, w: w, h: 14)),
                (x - r - 3, y + 4, "end", LabelBox(x: x - r - 3 - w, y: y - 8, w: w, h: 14)),
                (x, y - r - 4, "middle", LabelBox(x: x - w / 2, y: y - r - 16, w: w, h: 14)),
                (x, y + r + 13, "middle", LabelBox(x: x - w / 2, y: y + r + 1, w: w, h: 14)),
            ].filter { $0.box.x >= 0 && $0.box.x + $0.box.w <= width }
            let free = candidates.first { c in !placed.contains { $0.overlaps(c.box) } }
            guard let spot = free ?? (rank < minLabels ? candidates.first : nil) else { continue }
            placed.append(spot.box)
            c.text(nodes[i].displayLabel, x: spot.x, y: spot.y, anchor: spot.anchor, cls: "node-label", maxWidth: 110)
        }
        c.raw("</g>")
        return c.svg(title: chart.title ?? "Network", cls: "network-chart")
    }
}

/// A label's estimated bounding box, for avoiding overlaps.
private struct LabelBox {
    let x: Double, y: Double, w: Double, h: Double

    func overlaps(_ o: LabelBox) -> Bool {
        x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h
    }
}
