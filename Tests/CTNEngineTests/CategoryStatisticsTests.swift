import CTNEngine
import Foundation
import Testing

@Suite("Category statistics")
struct CategoryStatisticsTests {
    @Test("Exact quantiles by linear interpolation between closest ranks, worked by hand")
    func exact() throws {
        // Sorted 1…5: position (n-1)q = 4q. Median: 2 → 3. p10: 0.4 → 1 + 0.4 × (2 - 1) = 1.4. p90: 3.6 → 4 + 0.6 = 4.6.
        let s = try #require(CategoryStatistics.summary([5, 3, 1, 4, 2]))
        #expect(s.count == 5 && s.mean == 3 && s.median == 3)
        #expect(abs(s.p10 - 1.4) < 1e-12 && abs(s.p90 - 4.6) < 1e-12)
        // Even count: 1, 2, 10, 20: median at 1.5 → 2 + 0.5 × 8 = 6.
        #expect(try #require(CategoryStatistics.summary([20, 1, 10, 2])).median == 6)
    }

    @Test("Merging two nodes' sketches gives exactly the sketch of all their values; quantiles within 1 %")
    func merge() {
        var rng = SystemRandomNumberGenerator()
        let a = (0..<137).map { _ in Double.random(in: 0.05...40, using: &rng) }
        let b = (0..<211).map { _ in Double.random(in: 0.2...90, using: &rng) } + [0, 0]
        var sa = QuantileSketch()
        var sb = QuantileSketch()
        var union = QuantileSketch()
        for v in a { sa.add(v) }
        for v in b { sb.add(v) }
        for v in a + b { union.add(v) }
        var merged = sa
        merged.merge(sb)
        #expect(merged.bins == union.bins && merged.count == union.count && merged.zeros == union.zeros)
        // Sums in another order: equal up to rounding (relative 1e-12).
        #expect(abs(merged.sum - union.sum) <= 1e-12 * union.sum)
        let exactMean = (a + b).reduce(0, +) / Double(a.count + b.count)
        #expect(abs(merged.mean - exactMean) <= 1e-12 * exactMean)
        let sorted = (a + b).sorted()
        for q in [0.1, 0.5, 0.9] {
            let exact = sorted[Int((q * Double(sorted.count - 1)).rounded(.down))]
            #expect(abs(merged.quantile(q) - exact) <= QuantileSketch.relativeAccuracy * exact * 1.000001, "q \(q)")
        }
        #expect(merged.quantile(0) == 0, "the two zeros are the lowest values")
    }
}
