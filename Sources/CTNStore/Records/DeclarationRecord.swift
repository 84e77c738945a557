/// A sustainability declaration (SD/PoS, a JWS): issued by a tenant's dispatch, or booked by the
/// consignee it names. One declaration is booked at most once.
public struct DeclarationRecord: Sendable, Equatable {
    public var declarationId: String
    /// The node that signed it.
    public var issuer: String
    public var tenantId: String
    /// `issued` or `booked`.
    public var direction: String
    /// The issuing tenant's lot it went with, if the dispatch named one.
    public var lotId: String?
    public var jws: String
    public var eventId: String
    public var seq: Int64
    public var at: Int64

    public init(
        declarationId: String, issuer: String, tenantId: String, direction: String, lotId: String?, jws: String, eventId: String,
        seq: Int64, at: Int64
    ) {
        self.declarationId = declarationId
        self.issuer = issuer
        self.tenantId = tenantId
        self.direction = direction
        self.lotId = lotId
        self.jws = jws
        self.eventId = eventId
        self.seq = seq
        self.at = at
    }
}
