/// One movement of a mass-balance pool, in whole grams (positive in, negative out), booked by an
/// event; balances are sums of these and are never stored or edited.
public struct PoolMovementRecord: Sendable, Equatable {
    public var tenantId: String
    public var site: String
    public var material: String
    /// `certified` or `conventional`.
    public var pool: String
    public var scheme: String
    public var claim: String
    public var grams: Int64
    public var time: Int64
    /// When what is left of this credit can no longer be claimed.
    public var expiresAt: Int64?
    public var eventId: String
    /// The batch whose certified output this credits, or whose output a dispatch claims.
    public var batchId: String?
    public var seq: Int64
    /// Its place among the movements of one event.
    public var index: Int

    public init(
        tenantId: String, site: String, material: String, pool: String, scheme: String, claim: String, grams: Int64, time: Int64,
        expiresAt: Int64?, eventId: String, batchId: String?, seq: Int64, index: Int
    ) {
        self.tenantId = tenantId
        self.site = site
        self.material = material
        self.pool = pool
        self.scheme = scheme
        self.claim = claim
        self.grams = grams
        self.time = time
        self.expiresAt = expiresAt
        self.eventId = eventId
        self.batchId = batchId
        self.seq = seq
        self.index = index
    }
}
