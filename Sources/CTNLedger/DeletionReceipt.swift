import CTNModel
import Crypto
import Foundation

/// A node's signed answer to a deletion request: what it deleted of the requester's lots (kind
/// and SHA-256 of each item, the only trace it keeps), what it kept and why, and when.
public enum DeletionReceipt {
    public static let type = "ctn-deletion-receipt"

    public static func sign(requester: String, deleted: [JSONValue], kept: [JSONValue], lots: Int, keys: NodeKeys, now: Int64 = Timestamp.nowMillis()) -> String {
        let header: JSONValue = ["alg": "EdDSA", "kid": .string(keys.nodeId), "typ": .string(type)]
        let payload: JSONValue = ["node": .string(keys.nodeId), "requester": .string(requester), "lotsAsked": .number(Double(lots)),
                                  "deleted": .array(deleted), "kept": .array(kept), "at": .string(Timestamp.format(millis: now))]
        let input = Base64URL.encode(CanonicalJSON.bytes(header)) + "." + Base64URL.encode(CanonicalJSON.bytes(payload))
        return input + "." + Base64URL.encode(Array(try! keys.signingKey.signature(for: Array(input.utf8))))
    }

    /// Verifies with the issuing node's key; returns the payload.
    public static func verify(_ jws: String, publicKey: Curve25519.Signing.PublicKey) throws -> JSONValue {
        let parts = jws.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let h = Base64URL.decode(String(parts[0])), let p = Base64URL.decode(String(parts[1])),
              let sig = Base64URL.decode(String(parts[2])), let header = try? JSONParser.parse(h), let payload = try? JSONParser.parse(p),
              header["alg"] == "EdDSA", header["typ"] == .string(type), let kid = header["kid"]?.stringValue, payload["node"]?.stringValue == kid else {
            throw LotStatement.Invalid(description: "not a deletion receipt")
        }
        guard publicKey.isValidSignature(sig, for: Array("\(parts[0]).\(parts[1])".utf8)) else {
            throw LotStatement.Invalid(description: "deletion receipt does not verify with node \(kid)'s key")
        }
        return payload
    }
}
