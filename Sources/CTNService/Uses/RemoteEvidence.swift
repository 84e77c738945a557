import CTNLedger

/// A lot on another node as its node answered a signed Lot Enquiry: the verified statement and
/// how many declared units of it were shipped to the acting business.
public struct RemoteEvidence: Sendable {
    public var claims: StatementClaims
    public var shippedToBusiness: Double
    /// The supplier node's signed word for `shippedToBusiness` (JWS), kept with the use as evidence.
    public var shipmentClaim: String?

    public init(claims: StatementClaims, shippedToBusiness: Double, shipmentClaim: String? = nil) {
        self.claims = claims
        self.shippedToBusiness = shippedToBusiness
        self.shipmentClaim = shipmentClaim
    }
}
