import Foundation

/// Contiguous n-grams over a token sequence (for phrase counting and collocations).
public enum NGrams {
    /// All runs of `n` consecutive tokens, in order; empty when `n < 1` or there are fewer than `n` tokens.
    public static func ngrams(_ tokens: [String], n: Int) -> [[String]] {
        guard n >= 1, tokens.count >= n else { return [] }
        var result: [[String]] = []
        result.reserveCapacity(tokens.count - n + 1)
        for i in 0...(tokens.count - n) { result.append(Array(tokens[i..<(i + n)])) }
        return result
    }

    /// The n-grams of `tokens`, each joined with `separator` ("ban chấp hành").
    public static func joined(_ tokens: [String], n: Int, separator: String = " ") -> [String] {
        guard n >= 1, tokens.count >= n else { return [] }
        var result: [String] = []
        result.reserveCapacity(tokens.count - n + 1)
        for i in 0...(tokens.count - n) { result.append(tokens[i..<(i + n)].joined(separator: separator)) }
        return result
    }
}
