/// One read of a protected enquiry by a business other than the owner.
public struct UsageRecord: Sendable, Equatable {
    public var ownerTenant: String
    /// The reading business: `<businessId>` here, `<businessId>@<nodeId>` elsewhere.
    public var reader: String
    public var contract: String
    public var lotId: String
    /// What let it through: `consignee` or `agreement:<id>`.
    public var basis: String
    public var at: Int64
    public init(ownerTenant: String, reader: String, contract: String, lotId: String, basis: String, at: Int64) {
        self.ownerTenant = ownerTenant
        self.reader = reader
        self.contract = contract
        self.lotId = lotId
        self.basis = basis
        self.at = at
    }
}
