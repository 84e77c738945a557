/// One contributed value, as statistics need it.
public struct ContributedValue: Sendable, Equatable {
    public var tenantId: String
    public var value: Double
    public var completedAt: Int64
    /// The ledger sequence of the contribution: statistics take contributions oldest first.
    public var seq: Int64
    public init(tenantId: String, value: Double, completedAt: Int64, seq: Int64) {
        self.tenantId = tenantId
        self.value = value
        self.completedAt = completedAt
        self.seq = seq
    }
}
