import Foundation

/// Statistics of contributed CFPs of one material category (kg-CO2e per category unit).
public enum CategoryStatistics {
    /// Fewest different businesses whose contributions may be shown: below it, one company's
    /// figure could be recovered.
    public static let minimumContributors = 5

    /// Exact quantile by linear interpolation between closest ranks (the "R-7" rule of most
    /// statistics packages): position (n - 1) q in the sorted values.
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty)
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    public struct Summary: Sendable, Equatable {
        public var count: Int
        public var mean: Double
        public var median: Double
        public var p10: Double
        public var p90: Double
    }

    /// Exact figures of a node's own contributions.
    public static func summary(_ values: [Double]) -> Summary? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return Summary(count: s.count, mean: s.reduce(0, +) / Double(s.count), median: quantile(s, 0.5), p10: quantile(s, 0.1), p90: quantile(s, 0.9))
    }
}

/// A mergeable summary of positive values: count, sum and sum of squares (exact mean and
/// variance of a union), and a log-scale histogram whose bins add up exactly, so that the sketch
/// of two nodes' merged contributions is the sketch of the union. Quantiles read from it are
/// within `relativeAccuracy` of the exact ones (bins are [γ^(k-1), γ^k) with γ = (1+α)/(1-α) and
/// each bin is represented by 2γ^k/(γ+1)).
public struct QuantileSketch: Sendable, Equatable {
    public static let relativeAccuracy = 0.01
    static let gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)

    public private(set) var count = 0
    public private(set) var sum = 0.0
    public private(set) var sumSquares = 0.0
    public private(set) var zeros = 0
    public private(set) var bins: [Int: Int] = [:]

    public init() {}

    public init(count: Int, sum: Double, sumSquares: Double, zeros: Int, bins: [Int: Int]) {
        self.count = count; self.sum = sum; self.sumSquares = sumSquares; self.zeros = zeros; self.bins = bins
    }

    public static func bin(_ v: Double) -> Int { Int((log(v) / log(gamma)).rounded(.up)) }

    public mutating func add(_ v: Double) {
        precondition(v >= 0 && v.isFinite)
        count += 1
        sum += v
        sumSquares += v * v
        if v == 0 { zeros += 1 } else { bins[Self.bin(v), default: 0] += 1 }
    }

    public mutating func merge(_ o: QuantileSketch) {
        count += o.count
        sum += o.sum
        sumSquares += o.sumSquares
        zeros += o.zeros
        for (k, n) in o.bins { bins[k, default: 0] += n }
    }

    public var mean: Double { count == 0 ? .nan : sum / Double(count) }

    /// The value at rank ⌊q (n - 1)⌋ (nearest lower rank), read from the bins.
    public func quantile(_ q: Double) -> Double {
        guard count > 0 else { return .nan }
        let rank = Int((q * Double(count - 1)).rounded(.down))
        if rank < zeros { return 0 }
        var seen = zeros
        for k in bins.keys.sorted() {
            seen += bins[k]!
            if seen > rank { return 2 * pow(Self.gamma, Double(k)) / (Self.gamma + 1) }
        }
        return .nan
    }
}
