import CTNModel
import Crypto
import Foundation

/// A node's signed word of how many declared units of one of its lots were shipped to a business
/// of another node: what bounds that business's use of the lot, so it must not rest on an unsigned
/// figure. Short-lived (it states the shipments at the time of the enquiry); JWS compact, EdDSA.
public struct ShipmentClaim: Sendable, Equatable {
    public static let type = "ctn-shipment-claim"
    public static let lifetimeSeconds: Int64 = 600

    public var node: String
    public var lotId: String
    public var consignee: String
    public var shipped: Double
    public var expires: Int64

    public static func sign(
        lotId: String, consignee: String, shipped: Double, keys: NodeKeys, now: Int64 = Int64(Date().timeIntervalSince1970)
    ) throws -> String {
        try CompactJWS.sign(
            [
                "node": .string(keys.nodeId), "lotId": .string(lotId), "consignee": .string(consignee), "shipped": .number(shipped),
                "exp": .number(Double(now + lifetimeSeconds)),
            ], type: type, keys: keys)
    }

    /// Verifies the claim with the node's key, and that it is about `lotId` on `node` for `consignee`.
    public static func verify(
        _ jws: String, publicKey: Curve25519.Signing.PublicKey, node: String, lotId: String, consignee: String,
        now: Int64 = Int64(Date().timeIntervalSince1970)
    ) throws -> ShipmentClaim {
        let (header, payload) = try CompactJWS.verify(jws, type: type, publicKey: publicKey)
        guard header["kid"]?.stringValue == node, payload["node"]?.stringValue == node, payload["lotId"]?.stringValue == lotId,
            payload["consignee"]?.stringValue == consignee, let shipped = payload["shipped"]?.numberValue, shipped.isFinite, shipped >= 0,
            let exp = payload["exp"]?.numberValue, let expires = Int64(exactly: exp.rounded(.down))
        else {
            throw LotStatement.Invalid(description: "the shipment claim is about another lot, node or business, or incomplete")
        }
        guard Double(expires) > Double(now) else { throw LotStatement.Invalid(description: "the shipment claim expired") }
        return ShipmentClaim(node: node, lotId: lotId, consignee: consignee, shipped: shipped, expires: expires)
    }
}
