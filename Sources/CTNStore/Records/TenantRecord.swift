/// A business hosted on this node.
public struct TenantRecord: Sendable, Equatable {
    public var tenantId: String
    public var businessId: String
    public var createdAt: Int64
    /// The tenant's own limits, where the operator set some.
    public var limits: TenantLimits
    public init(tenantId: String, businessId: String, createdAt: Int64, limits: TenantLimits = .none) {
        self.tenantId = tenantId
        self.businessId = businessId
        self.createdAt = createdAt
        self.limits = limits
    }
}
