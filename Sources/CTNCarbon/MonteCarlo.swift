import Foundation

/// Monte Carlo propagation with Latin hypercube sampling: each input's range of probability is cut
/// into `samples` equal strata, each stratum drawn once, the strata of the inputs paired at random.
/// Seeded (SplitMix64), so that the same document gives the same bits.
public enum MonteCarlo {
    /// How an input is spread around its value with its relative standard uncertainty.
    public enum Distribution: Sendable {
        /// Normal, mean = value, standard deviation = u × |value|.
        case normal
        /// Log-normal with median = value and the log-standard deviation √ln(1 + u²), so that the
        /// relative standard deviation is u (positive quantities).
        case logNormal
    }

    /// What the draws of the model give.
    public struct Summary: Sendable, Equatable {
        public var mean: Double
        public var median: Double
        public var standardDeviation: Double
        /// 2.5 % and 97.5 % quantiles.
        public var low: Double
        public var high: Double
        public var samples: Int

        /// Standard deviation over |median|.
        public var relative: Double { median == 0 ? 0 : standardDeviation / abs(median) }
    }

    /// Draws the inputs `samples` times and summarises `model` over the draws.
    public static func run(
        _ inputs: [Measured], distribution: Distribution, samples: Int, seed: UInt64, model: ([Double]) -> Double
    ) -> Summary {
        let n = max(2, samples)
        var rng = SplitMix64(seed: seed)
        // Per input: a permutation of the strata and a point in each stratum.
        var columns: [[Double]] = []
        columns.reserveCapacity(inputs.count)
        for input in inputs {
            var strata = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) { strata.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            columns.append(
                strata.map { s in
                    let p = (Double(s) + rng.unit()) / Double(n)
                    return draw(input, probability: p, distribution: distribution)
                })
        }
        var results = [Double](repeating: 0, count: n)
        var row = [Double](repeating: 0, count: inputs.count)
        for i in 0..<n {
            for j in 0..<inputs.count { row[j] = columns[j][i] }
            results[i] = model(row)
        }
        results.sort()
        let mean = results.reduce(0, +) / Double(n)
        let variance = results.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        func quantile(_ q: Double) -> Double {
            let h = Double(n - 1) * q
            let lo = Int(h.rounded(.down))
            let hi = min(lo + 1, n - 1)
            return results[lo] + (h - Double(lo)) * (results[hi] - results[lo])
        }
        return Summary(
            mean: mean, median: quantile(0.5), standardDeviation: variance.squareRoot(), low: quantile(0.025), high: quantile(0.975),
            samples: n)
    }

    static func draw(_ input: Measured, probability p: Double, distribution: Distribution) -> Double {
        let z = Normal.quantile(min(max(p, 1e-12), 1 - 1e-12))
        switch distribution {
        case .normal:
            return input.value + z * input.absolute
        case .logNormal:
            let sigma = log(1 + input.u * input.u).squareRoot()
            return input.value * exp(sigma * z)
        }
    }
}
