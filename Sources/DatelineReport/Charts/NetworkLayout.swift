import Foundation

/// Deterministic node placement for network charts: Fruchterman–Reingold force-directed layout from a
/// fixed-seed start, falling back to a circle for very large graphs. Same input, same picture.
struct NetworkLayout {
    /// Graphs with more nodes than this are laid out on a circle (force layout is quadratic per step).
    static let forceLimit = 400

    /// Positions in the unit square `0...1`, parallel to `nodeCount`; edges are index pairs with weights.
    static func positions(nodeCount n: Int, edges: [(Int, Int, Double)], seed: UInt64 = 0x5EED_DA7E) -> [(x: Double, y: Double)] {
        guard n > 0 else { return [] }
        if n == 1 { return [(0.5, 0.5)] }
        var rng = SplitMix64(seed: seed)
        // Start on a circle with a little seeded jitter so symmetric graphs can separate.
        var px = [Double](repeating: 0, count: n), py = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let angle = 2 * Double.pi * Double(i) / Double(n)
            px[i] = cos(angle) * 0.5 + (rng.nextUnit() - 0.5) * 0.05
            py[i] = sin(angle) * 0.5 + (rng.nextUnit() - 0.5) * 0.05
        }
        if n <= forceLimit {
            let maxWeight = edges.map(\.2).filter { $0.isFinite && $0 > 0 }.max() ?? 1
            let k = sqrt(1.0 / Double(n)) * 0.9
            let iterations = n <= 150 ? 300 : 120
            var temperature = 0.1
            let cooling = temperature / Double(iterations + 1)
            var dx = [Double](repeating: 0, count: n), dy = [Double](repeating: 0, count: n)
            for _ in 0..<iterations {
                for i in 0..<n { dx[i] = 0; dy[i] = 0 }
                for i in 0..<n {
                    for j in (i + 1)..<n {
                        let ddx = px[i] - px[j], ddy = py[i] - py[j]
                        let dist = max(sqrt(ddx * ddx + ddy * ddy), 0.001)
                        let force = k * k / dist
                        let fx = ddx / dist * force, fy = ddy / dist * force
                        dx[i] += fx; dy[i] += fy
                        dx[j] -= fx; dy[j] -= fy
                    }
                }
                for (a, b, w) in edges where a != b {
                    let ddx = px[a] - px[b], ddy = py[a] - py[b]
                    let dist = max(sqrt(ddx * ddx + ddy * ddy), 0.001)
                    // Heavier edges pull harder (up to 2×).
                    let strength = 1 + (w.isFinite && w > 0 ? w / maxWeight : 0)
                    let force = dist * dist / k * strength
                    let fx = ddx / dist * force, fy = ddy / dist * force
                    dx[a] -= fx; dy[a] -= fy
                    dx[b] += fx; dy[b] += fy
                }
                for i in 0..<n {
                    // Gravity keeps disconnected parts from drifting away.
                    dx[i] -= px[i] * k * 2
                    dy[i] -= py[i] * k * 2
                    let len = sqrt(dx[i] * dx[i] + dy[i] * dy[i])
                    if len > 0 {
                        let step = min(len, temperature)
                        px[i] += dx[i] / len * step
                        py[i] += dy[i] / len * step
                    }
                }
                temperature = max(temperature - cooling, 0.002)
            }
        }
        // Normalise into the unit square.
        let minX = px.min() ?? 0, maxX = px.max() ?? 1, minY = py.min() ?? 0, maxY = py.max() ?? 1
        let sx = maxX > minX ? maxX - minX : 1, sy = maxY > minY ? maxY - minY : 1
        return (0..<n).map { i in
            ((maxX > minX ? (px[i] - minX) / sx : 0.5), (maxY > minY ? (py[i] - minY) / sy : 0.5))
        }
    }
}

/// Small deterministic PRNG (SplitMix64) so layouts do not depend on the system random source.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<1`.
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
