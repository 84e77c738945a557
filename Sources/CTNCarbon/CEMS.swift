/// Method 1, continuous emission monitoring: E = Σ Qₜ × Cₜ × Δt over a flow and concentration
/// series, in tonnes. Hours without a sample are substituted by the measured mean rate (scaled to
/// the expected hours) and reported as the substituted share; below the coverage threshold, or
/// with an uncalibrated analyser, the method does not apply.
public enum CEMS {
    /// One averaging interval: its length, mean flow (Nm³/h) and mean concentration (kg/Nm³).
    public struct Sample: Sendable, Equatable {
        public var hours: Double
        public var flow: Measured
        public var concentration: Measured
        public init(hours: Double, flow: Measured, concentration: Measured) {
            self.hours = hours
            self.flow = flow
            self.concentration = concentration
        }
    }

    /// The period's emissions and the share of them put in for missing hours.
    public struct Result: Sendable, Equatable {
        public var tonnes: Measured
        public var coverage: Double
        /// The share put in for missing hours.
        public var substitutedShare: Double { 1 - coverage }
    }

    public static func emissions(
        _ samples: [Sample], expectedHours: Double, coverageThreshold: Double, calibrated: Bool = true
    ) throws(Fallback) -> Result {
        guard calibrated else { throw Fallback("uncalibrated_device", "the analyser's calibration is not valid for the period") }
        let covered = samples.reduce(0) { $0 + $1.hours }
        guard expectedHours > 0, covered > 0 else { throw Fallback("missing_data", "no CEMS samples for the period") }
        let coverage = min(1, covered / expectedHours)
        guard coverage >= coverageThreshold else {
            throw Fallback(
                "coverage_below_threshold",
                "CEMS covered \(Int((coverage * 100).rounded())) % of the period, below the threshold of \(Int((coverageThreshold * 100).rounded())) %"
            )
        }
        // Each interval: Q × C × Δt in kg; one analyser and one flow meter, so their errors are
        // the same in every interval (fully correlated).
        let terms = samples.map { s in
            let product = GUM.product([s.flow, s.concentration])
            return Measured(product.value * s.hours / 1000, u: product.u)
        }
        let measured = GUM.correlatedSum(terms)
        let scale = expectedHours / min(covered, expectedHours)
        return Result(tonnes: Measured(measured.value * scale, u: measured.u), coverage: coverage)
    }
}
