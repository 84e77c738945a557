import CTNModel
import Crypto
import Foundation

/// A node's signed word that one of its businesses (`holder`), which used `lot` of another node
/// in its own lot `via`, passes its view of that lot on to a business that may read `via` (`to`).
/// The node holding `lot` honours it only where the lot's owner granted `holder` a transitive
/// agreement. Short-lived; JWS compact, EdDSA, like lot statements.
public struct OnwardGrant: Sendable, Equatable {
    public static let type = "ctn-onward-grant"
    public static let lifetimeSeconds: Int64 = 600

    public var issuer: String
    public var holder: String
    public var to: String
    public var lot: String
    public var node: String
    public var via: String
    public var expires: Int64
    public var jws: String

    public static func sign(
        holder: String, to: String, lot: String, node: String, via: String, keys: NodeKeys,
        now: Int64 = Int64(Date().timeIntervalSince1970)
    ) throws -> String {
        try CompactJWS.sign(
            [
                "iss": .string(keys.nodeId), "holder": .string(holder), "to": .string(to), "lot": .string(lot),
                "node": .string(node), "via": .string(via), "exp": .number(Double(now + lifetimeSeconds)),
            ], type: type, keys: keys)
    }

    /// The node that signed `jws` (its `kid`), before verification: to find its key.
    public static func issuer(of jws: String) -> String? { CompactJWS.kid(jws) }

    /// Verifies the signature with the issuer's key and checks type, expiry and that the holder is
    /// a business of the issuing node.
    public static func verify(
        _ jws: String, publicKey: Curve25519.Signing.PublicKey, now: Int64 = Int64(Date().timeIntervalSince1970)
    ) throws -> OnwardGrant {
        let (header, payload) = try CompactJWS.verify(jws, type: type, publicKey: publicKey)
        guard let kid = header["kid"]?.stringValue else { throw LotStatement.Invalid(description: "no kid in the header") }
        guard payload["iss"]?.stringValue == kid, let holder = payload["holder"]?.stringValue, holder.hasSuffix("@\(kid)"),
            let to = payload["to"]?.stringValue, let lot = payload["lot"]?.stringValue, let node = payload["node"]?.stringValue,
            let via = payload["via"]?.stringValue, let exp = payload["exp"]?.numberValue
        else {
            throw LotStatement.Invalid(description: "onward grant is incomplete or names a holder of another node")
        }
        guard exp > Double(now), let expires = Int64(exactly: exp.rounded(.down)) else {
            throw LotStatement.Invalid(description: "onward grant expired")
        }
        return OnwardGrant(issuer: kid, holder: holder, to: to, lot: lot, node: node, via: via, expires: expires, jws: jws)
    }
}
