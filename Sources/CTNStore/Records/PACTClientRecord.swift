/// A PACT client of a tenant: OAuth2 client credentials for its PACT host (the secret stored only
/// as its SHA-256), with an optional label.
public struct PACTClientRecord: Sendable, Equatable {
    public var clientId: String
    public var tenantId: String
    public var secretHash: String
    public var label: String?
    public var createdAt: Int64
    public var revokedAt: Int64?

    public init(clientId: String, tenantId: String, secretHash: String, label: String?, createdAt: Int64, revokedAt: Int64? = nil) {
        self.clientId = clientId
        self.tenantId = tenantId
        self.secretHash = secretHash
        self.label = label
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
