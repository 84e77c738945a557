import Foundation

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
        self.count = count
        self.sum = sum
        self.sumSquares = sumSquares
        self.zeros = zeros
        self.bins = bins
    }

    public static func bin(_ v: Double) -> Int { Int((log(v) / log(gamma)).rounded(.up)) }

    /// The values of bin `k` lie in (γ^(k-1), γ^k].
    public static func lowerBound(ofBin k: Int) -> Double { pow(gamma, Double(k - 1)) }
    public static func upperBound(ofBin k: Int) -> Double { pow(gamma, Double(k)) }

    /// Adds a value; a negative or non-finite one (which no contribution can be) is left out.
    public mutating func add(_ v: Double) {
        guard v >= 0, v.isFinite else { return }
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
        for (k, n) in bins.sorted(by: { $0.key < $1.key }) {
            seen += n
            if seen > rank { return 2 * pow(Self.gamma, Double(k)) / (Self.gamma + 1) }
        }
        return .nan
    }
}
