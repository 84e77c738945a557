/// The Monte Carlo cross-check of an analytical total: how far the MC median lies from it.
public struct MCCheck: Sendable, Equatable {
    /// OK below 10 %, WARNING from 10 % to 25 %, CRITICAL above 25 %.
    public enum Status: String, Sendable {
        case ok = "OK"
        case warning = "WARNING"
        case critical = "CRITICAL"
    }

    public var median: Double
    /// |median − analytical| / |analytical|.
    public var delta: Double
    public var status: Status

    public init(analytical: Double, median: Double) {
        self.median = median
        delta = analytical == 0 ? (median == 0 ? 0 : .infinity) : abs(median - analytical) / abs(analytical)
        status = delta < 0.10 ? .ok : delta <= 0.25 ? .warning : .critical
    }
}
