import Foundation

/// SVG network charts: `<line class="edge">` per drawable edge (width by weight), `<circle class="node">`
/// per node (radius by weight), and labels for the heaviest nodes with full names in tooltips.
enum NetworkSVG {
    static let maxLabels = 40

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
        // Label the heaviest nodes only, so dense graphs stay readable.
        let labelled = nodes.indices.sorted { a, b in
            nodes[a].weight != nodes[b].weight ? nodes[a].weight > nodes[b].weight : a < b
        }.prefix(maxLabels)
        for i in labelled.sorted() {
            let (x, y) = point(i)
            let r = radius(nodes[i].weight)
            let rightSide = x > width * 0.6
            c.text(nodes[i].displayLabel, x: rightSide ? x - r - 3 : x + r + 3, y: y + 4, anchor: rightSide ? "end" : "start",
                   cls: "node-label", maxWidth: 110)
        }
        c.raw("</g>")
        return c.svg(title: chart.title ?? "Network", cls: "network-chart")
    }
}
