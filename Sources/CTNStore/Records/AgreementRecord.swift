import CTNModel

/// An owner's grant to another business to read some of its lots' breakdowns.
public struct AgreementRecord: Sendable, Equatable {
    public var agreementId: String
    /// The owner, a tenant of this node.
    public var tenantId: String
    /// `<businessId>` for a business on this node, `<businessId>@<nodeId>` for one elsewhere.
    public var grantee: String
    /// `lot` (only `lotId`), `shipped` (lots shipped to the grantee) or `all` (every lot of the owner).
    public var scope: AgreementScope
    public var lotId: String?
    /// The enquiry contracts it opens.
    public var contracts: [String]
    public var purpose: String
    public var expiresAt: Int64?
    public var createdAt: Int64
    public var revokedAt: Int64?
    public var seq: Int64
    /// Whether the grantee's own customers may read it too, when they reach the lot through one
    /// of the grantee's lots (on the grantee's node's signed word: an onward grant).
    public var transitive: Bool
    /// For CBAM summaries: the CN codes (or their headings) it opens; empty: every good.
    public var cnCodes: [String] = []
    public init(
        agreementId: String, tenantId: String, grantee: String, scope: AgreementScope, lotId: String?, contracts: [String], purpose: String,
        expiresAt: Int64?, createdAt: Int64, revokedAt: Int64?, seq: Int64, transitive: Bool = false
    ) {
        self.agreementId = agreementId
        self.tenantId = tenantId
        self.grantee = grantee
        self.scope = scope
        self.lotId = lotId
        self.contracts = contracts
        self.purpose = purpose
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.seq = seq
        self.transitive = transitive
    }

    public func inForce(at t: Int64) -> Bool { revokedAt == nil && (expiresAt.map { t < $0 } ?? true) }
}
