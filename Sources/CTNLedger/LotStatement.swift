import CTNModel
import Crypto
import Foundation

/// A node's signed statement of a completed lot's CFP: a JWS in compact form (RFC 7515) signed
/// with the node's Ed25519 key (alg "EdDSA", RFC 8037). Its payload is canonical JSON, so the
/// same lot state always gives the same bytes and, Ed25519 being deterministic, the same JWS.
/// Anyone holding the node's public key (its `node.json`) can verify it offline.
public enum LotStatement {
    public static let type = "ctn-lot-statement"

    public static func sign(_ payload: JSONValue, keys: NodeKeys) throws -> String { try CompactJWS.sign(payload, type: type, keys: keys) }

    /// Why a signed document was refused.
    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Checks the signature with `publicKey` and returns the header and payload.
    public static func verify(_ jws: String, publicKey: Curve25519.Signing.PublicKey) throws -> (header: JSONValue, payload: JSONValue) {
        try CompactJWS.verify(jws, type: type, publicKey: publicKey)
    }

    /// The payload of a statement this node verified when it stored it (no signature check).
    public static func payload(_ jws: String) -> JSONValue? {
        let parts = CompactJWS.parts(jws)
        guard parts.count == 3, let bytes = Base64URL.decode(parts[1]) else { return nil }
        return try? JSONParser.parse(bytes)
    }
}
