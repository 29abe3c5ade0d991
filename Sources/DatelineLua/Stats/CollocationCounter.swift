import DatelineCore

/// Counts a node term's collocates within a window over token sequences (no Lua here).
///
/// Feed it the tokens of each text unit (a paragraph: windows never cross units). The node may be
/// several words ("special solidarity"); it matches case- and diacritic-insensitively. Collocates are
/// the tokens up to `window` positions left and right of each node occurrence (node tokens excluded).
public struct CollocationCounter {
    /// The node's folded words.
    public let node: [String]
    public let window: Int
    /// Tokens that count as collocates and towards `fy` (others still count towards N).
    public var accepts: (String) -> Bool
    /// Corpus size in tokens.
    public private(set) var n = 0
    /// Node occurrences.
    public private(set) var fx = 0
    /// Collocate frequencies in the whole corpus (accepted tokens only).
    public private(set) var fy: [String: Int] = [:]
    /// Co-occurrence counts in the node's windows.
    public private(set) var fxy: [String: Int] = [:]

    public init(node: String, window: Int, accepts: @escaping (String) -> Bool = { _ in true }) {
        self.node = TextFold.key(node).split(whereSeparator: { $0.isWhitespace }).map(String.init)
        self.window = max(1, window)
        self.accepts = accepts
    }

    /// Adds one unit's tokens (in their display form, e.g. lower case).
    public mutating func add(tokens: [String]) {
        n += tokens.count
        for token in tokens where accepts(token) { fy[token, default: 0] += 1 }
        guard !node.isEmpty, tokens.count >= node.count else { return }
        let folded = tokens.map { TextFold.key($0) }
        var i = 0
        while i + node.count <= tokens.count {
            if folded[i] == node[0] && (node.count == 1 || Array(folded[i..<(i + node.count)]) == node) {
                fx += 1
                let end = i + node.count
                for j in max(0, i - window)..<i where accepts(tokens[j]) { fxy[tokens[j], default: 0] += 1 }
                for j in end..<min(tokens.count, end + window) where accepts(tokens[j]) { fxy[tokens[j], default: 0] += 1 }
                i = end
            } else {
                i += 1
            }
        }
    }

    /// One scored collocate.
    public struct Collocate: Equatable, Sendable {
        public var word: String
        public var fxy: Int
        public var fx: Int
        public var fy: Int
        public var score: Double
    }

    /// Collocates with at least `minFrequency` co-occurrences, best score first (ties: more frequent, then alphabetical).
    public func collocates(measure: AssociationMeasure, minFrequency: Int) -> [Collocate] {
        var result: [Collocate] = []
        for (word, count) in fxy where count >= minFrequency {
            let y = fy[word] ?? count
            guard let score = measure.score(fxy: Double(count), fx: Double(fx), fy: Double(y), n: Double(n)) else { continue }
            result.append(Collocate(word: word, fxy: count, fx: fx, fy: y, score: score))
        }
        return result.sorted {
            if $0.score != $1.score { return $0.score > $1.score }
            if $0.fxy != $1.fxy { return $0.fxy > $1.fxy }
            return $0.word < $1.word
        }
    }
}

/// Counts pairs of names that occur in the same unit (article or paragraph).
public struct PairCounter {
    public struct Pair: Hashable, Sendable {
        public var a: String
        public var b: String
    }

    public private(set) var counts: [Pair: Int] = [:]

    public init() {}

    /// Adds one unit: every unordered pair of its distinct names counts once.
    public mutating func add(unit names: [String]) {
        let distinct = Array(Set(names)).sorted()
        guard distinct.count >= 2 else { return }
        for i in 0..<(distinct.count - 1) {
            for j in (i + 1)..<distinct.count {
                counts[Pair(a: distinct[i], b: distinct[j]), default: 0] += 1
            }
        }
    }

    /// Pairs with at least `minCount` shared units, most frequent first (ties alphabetical).
    public func sorted(minCount: Int = 1) -> [(pair: Pair, count: Int)] {
        counts.filter { $0.value >= minCount }.map { (pair: $0.key, count: $0.value) }.sorted {
            if $0.count != $1.count { return $0.count > $1.count }
            if $0.pair.a != $1.pair.a { return $0.pair.a < $1.pair.a }
            return $0.pair.b < $1.pair.b
        }
    }
}
