/// A supplier's PACT host that a tenant buys from: its base URL, the client credentials the
/// supplier issued to the tenant, and the CA to trust (a file in the data folder, mode 0600). The
/// supplier is known by a 128-bit ID; its name stays with the tenant.
public struct PACTSupplierRecord: Sendable, Equatable {
    public var supplierId: String
    public var tenantId: String
    public var baseURL: String
    public var clientId: String
    public var clientSecret: String
    public var caFile: String?
    public var createdAt: Int64
    /// The client of our own host this partner uses: only its requests are answered by callbacks to this host.
    public var linkedClient: String?

    public init(
        supplierId: String, tenantId: String, baseURL: String, clientId: String, clientSecret: String, caFile: String?, createdAt: Int64,
        linkedClient: String? = nil
    ) {
        self.linkedClient = linkedClient
        self.supplierId = supplierId
        self.tenantId = tenantId
        self.baseURL = baseURL
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.caFile = caFile
        self.createdAt = createdAt
    }
}
