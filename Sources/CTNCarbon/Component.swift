/// One source's result: the method used, why the preferred one was not, the value in t-CO2e with
/// its uncertainty, and the evidence tiers its value rests on (shares adding up to 1).
public struct Component: Sendable, Equatable {
    public var source: String
    public var scope: Int
    public var method: EmissionSource.Method
    /// The fallbacks passed through, preferred method first; empty when the preferred method was used.
    public var fallbacks: [Fallback]
    public var value: Measured
    public var tiers: [EvidenceTier: Double]
    /// For mass balance: the carbon account and its Monte Carlo summary.
    public var account: MassBalance.Account?
    public var monteCarlo: MonteCarlo.Summary?

    /// The reasons of the fallbacks, joined, or nil.
    public var fallbackReason: String? {
        fallbacks.isEmpty ? nil : fallbacks.map { "\($0.code): \($0.reason)" }.joined(separator: "; ")
    }
}
