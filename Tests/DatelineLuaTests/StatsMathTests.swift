import XCTest
@testable import DatelineLua

/// The statistics math (no Lua), checked against values computed by hand (arithmetic in the comments).
final class StatsMathTests: XCTestCase {
    // Counts used for the association measures: f_xy = 4, f_x = 10, f_y = 20, N = 1000.

    func testMutualInformation() {
        // MI = log2(f_xy N / (f_x f_y)) = log2(4 * 1000 / (10 * 20)) = log2(20) = 4.321928...
        XCTAssertEqual(AssociationMeasure.mi.score(fxy: 4, fx: 10, fy: 20, n: 1000)!, 4.321928094887363, accuracy: 1e-12)
    }

    func testTScore() {
        // t = (f_xy - f_x f_y / N) / sqrt(f_xy) = (4 - 200 / 1000) / sqrt(4) = 3.8 / 2 = 1.9
        XCTAssertEqual(AssociationMeasure.tscore.score(fxy: 4, fx: 10, fy: 20, n: 1000)!, 1.9, accuracy: 1e-12)
    }

    func testDiceAndLogDice() {
        // Dice = 2 * 4 / (10 + 20) = 8 / 30 = 0.2666...
        XCTAssertEqual(AssociationMeasure.dice.score(fxy: 4, fx: 10, fy: 20, n: 1000)!, 8.0 / 30.0, accuracy: 1e-12)
        // logDice = 14 + log2(8 / 30) = 14 - 1.906890595608519 = 12.093109404391482
        XCTAssertEqual(AssociationMeasure.logdice.score(fxy: 4, fx: 10, fy: 20, n: 1000)!, 12.093109404391482, accuracy: 1e-12)
        // The maximum: every occurrence together, f_xy = f_x = f_y -> 14 + log2(1) = 14.
        XCTAssertEqual(AssociationMeasure.logdice.score(fxy: 7, fx: 7, fy: 7, n: 1000)!, 14, accuracy: 1e-12)
    }

    func testLogLikelihoodOfCollocation() {
        // Table: O11 = 4, O12 = 10 - 4 = 6, O21 = 20 - 4 = 16, O22 = 1000 - 10 - 20 + 4 = 974.
        // Row totals 10 / 990, column totals 20 / 980 -> E11 = 10*20/1000 = 0.2, E12 = 10*980/1000 = 9.8,
        // E21 = 990*20/1000 = 19.8, E22 = 990*980/1000 = 970.2.
        // O ln(O/E): 4 ln(20) = 11.98293, 6 ln(6/9.8) = -2.94374, 16 ln(16/19.8) = -3.40949, 974 ln(974/970.2) = 3.80743.
        // G2 = 2 * 9.43713 = 18.874264...
        XCTAssertEqual(AssociationMeasure.llr.score(fxy: 4, fx: 10, fy: 20, n: 1000)!, 18.874264431911612, accuracy: 1e-9)
    }

    func testUndefinedScores() {
        XCTAssertNil(AssociationMeasure.mi.score(fxy: 0, fx: 10, fy: 20, n: 1000))
        XCTAssertNil(AssociationMeasure.dice.score(fxy: 1, fx: 0, fy: 0, n: 1000))
    }

    func testKeynessLogLikelihood() {
        // a = 30 in a target of c = 1000 tokens, b = 10 in a reference of d = 2000 tokens.
        // E1 = 1000 * 40 / 3000 = 13.3333, E2 = 2000 * 40 / 3000 = 26.6667
        // LL = 2 (30 ln(30 / 13.3333) + 10 ln(10 / 26.6667)) = 2 (24.32790 - 9.80829) = 29.039228
        XCTAssertEqual(KeynessMeasure.llr.score(a: 30, b: 10, c: 1000, d: 2000), 29.0392279127452, accuracy: 1e-9)
        // A word absent from the reference: only the target term counts (0 ln 0 = 0).
        // a = 5, b = 0, c = d = 100: E1 = 2.5 -> LL = 2 * 5 ln(2) = 6.931472
        XCTAssertEqual(KeynessMeasure.llr.score(a: 5, b: 0, c: 100, d: 100), 6.931471805599453, accuracy: 1e-12)
    }

    func testKeynessChiSquare() {
        // 2x2 table [[30, 10], [970, 1990]], N = 3000:
        // chi2 = N (ad - bc)^2 / (r1 r2 c1 c2) = 3000 (30*1990 - 10*970)^2 / (40 * 2960 * 1000 * 2000)
        //      = 3000 * 50000^2 / 2.368e11 = 31.6722973
        XCTAssertEqual(KeynessMeasure.chi2.score(a: 30, b: 10, c: 1000, d: 2000), 31.6722972972973, accuracy: 1e-9)
    }

    func testLogRatio() {
        // log2((30/1000) / (10/2000)) = log2(0.03 / 0.005) = log2(6) = 2.5849625
        XCTAssertEqual(KeynessMeasure.logRatio(a: 30, b: 10, c: 1000, d: 2000), 2.584962500721156, accuracy: 1e-12)
        // A zero counts as 0.5: log2((4/100) / (0.5/100)) = log2(8) = 3
        XCTAssertEqual(KeynessMeasure.logRatio(a: 4, b: 0, c: 100, d: 100), 3, accuracy: 1e-12)
    }

    func testJuillandD() {
        // Counts 2, 0, 1 in three parts of 100 words: relative 0.02, 0, 0.01; mean 0.01;
        // population variance ((0.01)^2 + (0.01)^2 + 0) / 3 = 6.667e-5, sd = 0.0081650, V = 0.81650;
        // D = 1 - 0.81650 / sqrt(2) = 1 - 0.57735 = 0.42265
        XCTAssertEqual(Dispersion.juillandD(counts: [2, 0, 1], sizes: [100, 100, 100])!, 0.42264973081037416, accuracy: 1e-12)
        // Perfectly even (same relative frequency everywhere): V = 0 -> D = 1.
        XCTAssertEqual(Dispersion.juillandD(counts: [1, 2, 3], sizes: [100, 200, 300])!, 1, accuracy: 1e-12)
        XCTAssertNil(Dispersion.juillandD(counts: [3], sizes: [100]))
        XCTAssertNil(Dispersion.juillandD(counts: [0, 0], sizes: [10, 10]))
    }

    func testDeviationOfProportions() {
        // Counts 2, 0, 1 (v = 2/3, 0, 1/3) in equal parts (s = 1/3 each):
        // DP = (|2/3 - 1/3| + |0 - 1/3| + |1/3 - 1/3|) / 2 = (1/3 + 1/3 + 0) / 2 = 1/3
        XCTAssertEqual(Dispersion.deviationOfProportions(counts: [2, 0, 1], sizes: [100, 100, 100])!, 1.0 / 3.0, accuracy: 1e-12)
        // All in the part that is 1/4 of the text: (|1 - 1/4| + |0 - 3/4|) / 2 = 0.75
        XCTAssertEqual(Dispersion.deviationOfProportions(counts: [5, 0], sizes: [100, 300])!, 0.75, accuracy: 1e-12)
    }

    func testChiSquareOfLargerTable() {
        // [[10, 20], [30, 40]]: N = 100, rows 30/70, columns 40/60. E = 12, 18, 28, 42.
        // (10-12)^2/12 + (20-18)^2/18 + (30-28)^2/28 + (40-42)^2/42 = 0.33333 + 0.22222 + 0.14286 + 0.09524 = 0.79365
        XCTAssertEqual(Contingency.chiSquare([[10, 20], [30, 40]]), 0.7936507936507936, accuracy: 1e-12)
    }

    func testCollocationWindows() {
        var counter = CollocationCounter(node: "Solidarity", window: 2)
        counter.add(tokens: ["the", "special", "solidarity", "between", "vietnam", "and", "laos"])
        counter.add(tokens: ["solidarity", "and", "special", "ties"])
        // Node twice; windows: {the, special, between, vietnam} and {and, special}.
        XCTAssertEqual(counter.n, 11)
        XCTAssertEqual(counter.fx, 2)
        XCTAssertEqual(counter.fxy, ["the": 1, "special": 2, "between": 1, "vietnam": 1, "and": 1])
        XCTAssertEqual(counter.fy["special"], 2)
        XCTAssertEqual(counter.fy["laos"], 1)
        // special: f_xy = 2, f_x = 2, f_y = 2 -> Dice = 4 / 4 = 1 (first); the: 2 / (2 + 1) = 0.667
        let ranked = counter.collocates(measure: .dice, minFrequency: 1)
        XCTAssertEqual(ranked.first?.word, "special")
        XCTAssertEqual(ranked.first?.score ?? 0, 1, accuracy: 1e-12)
        XCTAssertEqual(counter.collocates(measure: .dice, minFrequency: 2).map(\.word), ["special"])
    }

    func testMultiWordNodeAndFilter() {
        var counter = CollocationCounter(node: "special SOLIDARITY", window: 1) { $0 != "the" }
        counter.add(tokens: ["the", "special", "solidarity", "between", "special", "ties"])
        // Node once at positions 2-3; window 1: "the" (refused) and "between".
        XCTAssertEqual(counter.fx, 1)
        XCTAssertEqual(counter.fxy, ["between": 1])
        XCTAssertNil(counter.fy["the"])
        XCTAssertEqual(counter.fy["special"], 2)
    }

    func testDiacriticInsensitiveNode() {
        var counter = CollocationCounter(node: "lam", window: 1)
        counter.add(tokens: ["tô", "lâm", "said"])
        XCTAssertEqual(counter.fx, 1)
        XCTAssertEqual(counter.fxy, ["tô": 1, "said": 1])
    }

    func testPairCounter() {
        var pairs = PairCounter()
        pairs.add(unit: ["B", "A", "B", "C"])  // A-B, A-C, B-C (B once)
        pairs.add(unit: ["A", "B"])           // A-B
        pairs.add(unit: ["C"])                // no pair
        let sorted = pairs.sorted()
        XCTAssertEqual(sorted.map { "\($0.pair.a)-\($0.pair.b):\($0.count)" }, ["A-B:2", "A-C:1", "B-C:1"])
        XCTAssertEqual(pairs.sorted(minCount: 2).count, 1)
    }

    func testPeriods() {
        // 2026-01-01 is a Thursday, so ISO week 1 of 2026 holds it; 2026-02-05 is 35 days later: week 6.
        XCTAssertEqual(PeriodUnit.week.label(forISODate: "2026-02-05"), "2026-W06")
        XCTAssertEqual(PeriodUnit.month.label(forISODate: "2026-02-05"), "2026-02")
        XCTAssertEqual(PeriodUnit.day.label(forISODate: "2026-02-05T10:00:00+07:00"), "2026-02-05")
        XCTAssertNil(PeriodUnit.day.label(forISODate: "2026-02-30"))
        XCTAssertNil(PeriodUnit.month.label(forISODate: "Friday"))
        XCTAssertEqual(PeriodUnit.month.labels(from: "2025-12", through: "2026-02"), ["2025-12", "2026-01", "2026-02"])
        // 2025 has 52 ISO weeks (it starts on a Wednesday and is not a leap year).
        XCTAssertEqual(PeriodUnit.week.labels(from: "2025-W52", through: "2026-W02"), ["2025-W52", "2026-W01", "2026-W02"])
        XCTAssertEqual(PeriodUnit.day.labels(from: "2024-02-28", through: "2024-03-01"), ["2024-02-28", "2024-02-29", "2024-03-01"])
        XCTAssertEqual(PeriodUnit.day.labels(from: "2024-03-01", through: "2024-02-28"), [])
    }
}
