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

    public static func sign(holder: String, to: String, lot: String, node: String, via: String, keys: NodeKeys,
                            now: Int64 = Int64(Date().timeIntervalSince1970)) -> String {
        let header: JSONValue = ["alg": "EdDSA", "kid": .string(keys.nodeId), "typ": .string(type)]
        let payload: JSONValue = ["iss": .string(keys.nodeId), "holder": .string(holder), "to": .string(to), "lot": .string(lot),
                                  "node": .string(node), "via": .string(via), "exp": .number(Double(now + lifetimeSeconds))]
        let input = Base64URL.encode(CanonicalJSON.bytes(header)) + "." + Base64URL.encode(CanonicalJSON.bytes(payload))
        let signature = try! keys.signingKey.signature(for: Array(input.utf8))
        return input + "." + Base64URL.encode(Array(signature))
    }

    /// The node that signed `jws` (its `kid`), before verification: to find its key.
    public static func issuer(of jws: String) -> String? {
        jws.split(separator: ".").first.flatMap { Base64URL.decode(String($0)) }.flatMap { try? JSONParser.parse($0) }?["kid"]?.stringValue
    }

    /// Verifies the signature with the issuer's key and checks type, expiry and that the holder is
    /// a business of the issuing node.
    public static func verify(_ jws: String, publicKey: Curve25519.Signing.PublicKey, now: Int64 = Int64(Date().timeIntervalSince1970)) throws -> OnwardGrant {
        let parts = jws.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let h = Base64URL.decode(String(parts[0])), let p = Base64URL.decode(String(parts[1])),
              let sig = Base64URL.decode(String(parts[2])), let header = try? JSONParser.parse(h), let payload = try? JSONParser.parse(p) else {
            throw LotStatement.Invalid(description: "not a compact JWS")
        }
        guard header["alg"] == "EdDSA", header["typ"] == .string(type), let kid = header["kid"]?.stringValue else {
            throw LotStatement.Invalid(description: "not an onward grant")
        }
        guard publicKey.isValidSignature(sig, for: Array("\(parts[0]).\(parts[1])".utf8)) else {
            throw LotStatement.Invalid(description: "onward grant does not verify with node \(kid)'s key")
        }
        guard payload["iss"]?.stringValue == kid, let holder = payload["holder"]?.stringValue, holder.hasSuffix("@\(kid)"),
              let to = payload["to"]?.stringValue, let lot = payload["lot"]?.stringValue, let node = payload["node"]?.stringValue,
              let via = payload["via"]?.stringValue, let exp = payload["exp"]?.numberValue else {
            throw LotStatement.Invalid(description: "onward grant is incomplete or names a holder of another node")
        }
        guard Int64(exp) > now else { throw LotStatement.Invalid(description: "onward grant expired") }
        return OnwardGrant(issuer: kid, holder: holder, to: to, lot: lot, node: node, via: via, expires: Int64(exp), jws: jws)
    }
}
