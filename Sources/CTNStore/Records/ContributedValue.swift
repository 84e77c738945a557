/// One contributed value, as statistics need it.
public struct ContributedValue: Sendable, Equatable {
    public var tenantId: String
    public var value: Double
    public var completedAt: Int64
    public init(tenantId: String, value: Double, completedAt: Int64) {
        self.tenantId = tenantId
        self.value = value
        self.completedAt = completedAt
    }
}
