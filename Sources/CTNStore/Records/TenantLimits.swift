/// What one tenant may take of a node shared with others: requests per second (a token bucket
/// of `burst`) and heavy calls (traces, certification, statistics) running at once. A nil field
/// takes the node's default.
public struct TenantLimits: Sendable, Equatable, Hashable {
    public var ratePerSecond: Double?
    public var burst: Int?
    public var heavy: Int?
    public init(ratePerSecond: Double? = nil, burst: Int? = nil, heavy: Int? = nil) {
        self.ratePerSecond = ratePerSecond
        self.burst = burst
        self.heavy = heavy
    }
    public static let none = TenantLimits()
}
