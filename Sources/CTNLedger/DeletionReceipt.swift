import CTNModel
import Crypto
import Foundation

/// A node's signed answer to a deletion request: what it deleted of the requester's lots (kind
/// and SHA-256 of each item, the only trace it keeps), what it kept and why, and when.
public enum DeletionReceipt {
    public static let type = "ctn-deletion-receipt"

    public static func sign(
        requester: String, deleted: [JSONValue], kept: [JSONValue], lots: Int, keys: NodeKeys, now: Int64 = Timestamp.nowMillis()
    ) throws -> String {
        try CompactJWS.sign(
            [
                "node": .string(keys.nodeId), "requester": .string(requester), "lotsAsked": .number(Double(lots)),
                "deleted": .array(deleted), "kept": .array(kept), "at": .string(Timestamp.format(millis: now)),
            ], type: type, keys: keys)
    }

    /// Verifies with the issuing node's key; returns the payload.
    public static func verify(_ jws: String, publicKey: Curve25519.Signing.PublicKey) throws -> JSONValue {
        try CompactJWS.verify(jws, type: type, publicKey: publicKey, signerField: "node")
    }
}
