import Foundation

/// Word-association measures for collocations, from co-occurrence counts (no Lua here).
///
/// `fxy` is how often the collocate occurs in the node's window, `fx` the node's frequency, `fy` the
/// collocate's frequency and `n` the corpus size in tokens. Formulas as in the corpus-linguistics
/// literature (Evert 2005 for the 2x2 table; Rychlý 2008 for logDice).
public enum AssociationMeasure: String, CaseIterable, Sendable {
    /// Pointwise mutual information: log2(fxy N / (fx fy)).
    case mi
    /// Log-likelihood ratio G² over the 2x2 contingency table (Dunning 1993).
    case llr
    /// t-score: (fxy - fx fy / N) / sqrt(fxy).
    case tscore
    /// logDice (Rychlý 2008): 14 + log2(2 fxy / (fx + fy)).
    case logdice
    /// Dice coefficient: 2 fxy / (fx + fy).
    case dice

    /// The score, or nil when it is undefined for these counts (a zero denominator or a zero inside a log).
    public func score(fxy: Double, fx: Double, fy: Double, n: Double) -> Double? {
        guard fxy > 0, fx > 0, fy > 0, n > 0 else { return nil }
        switch self {
        case .mi:
            return log2(fxy * n / (fx * fy))
        case .tscore:
            return (fxy - fx * fy / n) / fxy.squareRoot()
        case .logdice:
            return 14 + log2(2 * fxy / (fx + fy))
        case .dice:
            return 2 * fxy / (fx + fy)
        case .llr:
            // O11 = fxy, O12 = fx - fxy, O21 = fy - fxy, O22 = N - fx - fy + fxy (cells clamped at 0:
            // window counts can exceed a marginal when a word repeats inside one window).
            let o11 = fxy
            let o12 = max(0, fx - fxy)
            let o21 = max(0, fy - fxy)
            let o22 = max(0, n - fx - fy + fxy)
            return Contingency.logLikelihood([[o11, o12], [o21, o22]])
        }
    }
}

/// Statistics of an r x c table of observed counts.
public enum Contingency {
    /// G² = 2 Σ O ln(O / E) with E = row total x column total / N; empty cells add 0.
    public static func logLikelihood(_ observed: [[Double]]) -> Double {
        let (rows, columns, total) = margins(observed)
        guard total > 0 else { return 0 }
        var sum = 0.0
        for (i, row) in observed.enumerated() {
            for (j, o) in row.enumerated() where o > 0 {
                let e = rows[i] * columns[j] / total
                if e > 0 { sum += o * log(o / e) }
            }
        }
        return 2 * sum
    }

    /// Pearson's χ² = Σ (O - E)² / E (no continuity correction); cells with E = 0 add 0.
    public static func chiSquare(_ observed: [[Double]]) -> Double {
        let (rows, columns, total) = margins(observed)
        guard total > 0 else { return 0 }
        var sum = 0.0
        for (i, row) in observed.enumerated() {
            for (j, o) in row.enumerated() {
                let e = rows[i] * columns[j] / total
                if e > 0 { sum += (o - e) * (o - e) / e }
            }
        }
        return sum
    }

    private static func margins(_ observed: [[Double]]) -> (rows: [Double], columns: [Double], total: Double) {
        let width = observed.map(\.count).max() ?? 0
        var rows = [Double](repeating: 0, count: observed.count)
        var columns = [Double](repeating: 0, count: width)
        for (i, row) in observed.enumerated() {
            for (j, o) in row.enumerated() {
                rows[i] += o
                columns[j] += o
            }
        }
        return (rows, columns, rows.reduce(0, +))
    }
}

/// Keyness of a word in a target corpus against a reference corpus (Rayson & Garside 2000).
///
/// `a`/`b` are the word's frequencies in target/reference, `c`/`d` the corpus sizes in tokens.
public enum KeynessMeasure: String, CaseIterable, Sendable {
    /// Log-likelihood: 2 (a ln(a/E1) + b ln(b/E2)), E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d).
    case llr
    /// Pearson's χ² of the 2x2 table [[a, b], [c-a, d-b]] (no continuity correction).
    case chi2

    public func score(a: Double, b: Double, c: Double, d: Double) -> Double {
        guard c > 0, d > 0, a + b > 0 else { return 0 }
        switch self {
        case .llr:
            let e1 = c * (a + b) / (c + d)
            let e2 = d * (a + b) / (c + d)
            var sum = 0.0
            if a > 0 { sum += a * log(a / e1) }
            if b > 0 { sum += b * log(b / e2) }
            return 2 * sum
        case .chi2:
            return Contingency.chiSquare([[a, b], [max(0, c - a), max(0, d - b)]])
        }
    }

    /// Hardie's (2014) log ratio: log2((a/c) / (b/d)), a zero frequency counted as 0.5.
    public static func logRatio(a: Double, b: Double, c: Double, d: Double) -> Double {
        guard c > 0, d > 0 else { return 0 }
        return log2((max(a, 0.5) / c) / (max(b, 0.5) / d))
    }
}

/// How evenly a word is spread over the parts (articles) of a corpus.
public enum Dispersion {
    /// Juilland's D = 1 - V / sqrt(n - 1), V = σ/μ of the relative frequencies count_i / size_i
    /// (population σ; relative frequencies because articles differ in length). 1 = perfectly even;
    /// nil for fewer than 2 parts or when the word never occurs.
    public static func juillandD(counts: [Double], sizes: [Double]) -> Double? {
        let n = min(counts.count, sizes.count)
        guard n >= 2 else { return nil }
        let relative = (0..<n).map { sizes[$0] > 0 ? counts[$0] / sizes[$0] : 0 }
        let mean = relative.reduce(0, +) / Double(n)
        guard mean > 0 else { return nil }
        let variance = relative.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        let v = variance.squareRoot() / mean
        return 1 - v / Double(n - 1).squareRoot()
    }

    /// Gries' (2008) deviation of proportions: DP = ½ Σ |count_i/Σcount - size_i/Σsize|.
    /// 0 = spread exactly like the text; near 1 = concentrated in a small part. nil when the word never occurs.
    public static func deviationOfProportions(counts: [Double], sizes: [Double]) -> Double? {
        let n = min(counts.count, sizes.count)
        let totalCount = counts.prefix(n).reduce(0, +)
        let totalSize = sizes.prefix(n).reduce(0, +)
        guard n > 0, totalCount > 0, totalSize > 0 else { return nil }
        var sum = 0.0
        for i in 0..<n { sum += abs(counts[i] / totalCount - sizes[i] / totalSize) }
        return sum / 2
    }
}
