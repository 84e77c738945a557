/// A business hosted on this node.
public struct TenantRecord: Sendable, Equatable {
    public var tenantId: String
    public var businessId: String
    public var createdAt: Int64
    public init(tenantId: String, businessId: String, createdAt: Int64) {
        self.tenantId = tenantId
        self.businessId = businessId
        self.createdAt = createdAt
    }
}
