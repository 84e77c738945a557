import Foundation

/// What statistics of contributed CFPs may show to a caller that is not a signed peer node:
/// figures of a snapshot that moves only in steps of several contributions, rounded to a few
/// significant digits, counts rounded down to the step, no sketch. Neither one snapshot (a figure
/// within a few per cent at best) nor the difference of two (at least `step` contributions apart)
/// gives one contribution back. Peers get the exact sketch, because merging needs it.
public enum PublishedStatistics {
    /// Contributions between two published snapshots; counts are shown rounded down to it.
    public static let step = 5
    /// Significant digits of a published figure.
    public static let significantDigits = 2

    /// How many of `n` contributions (oldest first) the published snapshot covers.
    public static func snapshotCount(_ n: Int) -> Int { n < 0 ? 0 : n / step * step }

    /// A count as published: rounded down to a multiple of the step.
    public static func count(_ n: Int) -> Int { snapshotCount(n) }

    /// A figure as published: rounded half away from zero to `significantDigits` significant digits.
    /// 0.5895 → 0.59, 1.2147 → 1.2, 1234 → 1200; zero and non-finite values are returned unchanged.
    public static func figure(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        let magnitude = Int(floor(log10(abs(x))))
        let shift = significantDigits - 1 - magnitude
        // Divide by an exact power of ten rather than multiply by an inexact one, so that the result
        // is the double nearest the decimal (59 / 100, not 59 × 0.01).
        if shift >= 0 {
            let p = pow(10, Double(shift))
            return (x * p).rounded() / p
        }
        let p = pow(10, Double(-shift))
        return (x / p).rounded() * p
    }
}
