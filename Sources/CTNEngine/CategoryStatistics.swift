import Foundation

/// Statistics of contributed CFPs of one material category (kg-CO2e per category unit).
public enum CategoryStatistics {
    /// Fewest different businesses whose contributions may be shown: below it, one company's
    /// figure could be recovered.
    public static let minimumContributors = 5

    /// Exact quantile by linear interpolation between closest ranks (the "R-7" rule of most
    /// statistics packages): position (n - 1) q in the sorted values.
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// Exact figures of a set of contributed values.
    public struct Summary: Sendable, Equatable {
        public var count: Int
        public var mean: Double
        public var median: Double
        public var p10: Double
        public var p90: Double
    }

    /// Exact figures of a node's own contributions.
    public static func summary(_ values: [Double]) -> Summary? {
        // Stored values are checked when contributed; one that is not finite never reaches the figures.
        let s = values.filter { $0.isFinite && $0 >= 0 }.sorted()
        guard !s.isEmpty else { return nil }
        return Summary(
            count: s.count, mean: s.reduce(0, +) / Double(s.count), median: quantile(s, 0.5), p10: quantile(s, 0.1), p90: quantile(s, 0.9))
    }
}
