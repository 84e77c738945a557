import CTNEngine
import CTNModel

/// A quantile sketch as nodes exchange it, and its careful reading back from a peer's answer.
public enum SketchCoding {
    public static func json(_ sketch: QuantileSketch) -> JSONValue {
        var bins = JSONObject()
        for (key, count) in sketch.bins.sorted(by: { $0.key < $1.key }) { bins[String(key)] = .number(Double(count)) }
        return [
            "count": .number(Double(sketch.count)), "sum": .number(sketch.sum), "sumSquares": .number(sketch.sumSquares),
            "zeros": .number(Double(sketch.zeros)), "relativeAccuracy": .number(QuantileSketch.relativeAccuracy), "bins": .object(bins),
        ]
    }

    /// A peer's sketch, or nil unless every count is a sane integer and the bins add up to the count.
    public static func sketch(_ value: JSONValue) -> QuantileSketch? {
        func small(_ d: Double?) -> Int? { d.flatMap { Int(exactly: $0) }.flatMap { (0...1_000_000_000).contains($0) ? $0 : nil } }
        guard let count = small(value["count"]?.numberValue), let sum = value["sum"]?.numberValue,
            let squares = value["sumSquares"]?.numberValue, let zeros = small(value["zeros"]?.numberValue),
            value["relativeAccuracy"]?.numberValue == QuantileSketch.relativeAccuracy, let binsObject = value["bins"]?.objectValue,
            binsObject.count <= 100_000
        else { return nil }
        var bins: [Int: Int] = [:]
        var total = zeros
        for (key, number) in binsObject.pairs {
            guard let index = Int(key), abs(index) <= 100_000, let binCount = small(number.numberValue), binCount >= 1 else { return nil }
            bins[index] = binCount
            total += binCount
            guard total <= 1_000_000_000 else { return nil }
        }
        guard count == total, sum.isFinite, sum >= 0, squares.isFinite, squares >= 0 else { return nil }
        // Each value of bin k lies in (γ^(k-1), γ^k]: the sum must lie between the bins' bounds.
        var lower = 0.0
        var upper = 0.0
        for (index, binCount) in bins {
            lower += Double(binCount) * QuantileSketch.lowerBound(ofBin: index)
            upper += Double(binCount) * QuantileSketch.upperBound(ofBin: index)
        }
        guard lower.isFinite, upper.isFinite, sum >= lower * (1 - 1e-9), sum <= upper * (1 + 1e-9) else { return nil }
        return QuantileSketch(count: count, sum: sum, sumSquares: squares, zeros: zeros, bins: bins)
    }
}
