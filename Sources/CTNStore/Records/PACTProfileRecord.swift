/// What a tenant publishes of itself for PACT: its company name and company IDs (URNs).
public struct PACTProfileRecord: Sendable, Equatable {
    public var tenantId: String
    public var companyName: String
    public var companyIds: [String]
    public var updatedAt: Int64

    public init(tenantId: String, companyName: String, companyIds: [String], updatedAt: Int64) {
        self.tenantId = tenantId
        self.companyName = companyName
        self.companyIds = companyIds
        self.updatedAt = updatedAt
    }
}
