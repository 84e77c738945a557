/// A bearer token of a tenant (stored hashed; only its ID is shown).
public struct TokenRecord: Sendable, Equatable {
    public var tokenId: String
    public var tenantId: String
    public var createdAt: Int64
    public var revokedAt: Int64?
    public init(tokenId: String, tenantId: String, createdAt: Int64, revokedAt: Int64?) {
        self.tokenId = tokenId
        self.tenantId = tenantId
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
