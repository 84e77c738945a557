import CTNModel
import Crypto
import Foundation

/// The JWS compact form (RFC 7515) every signed document of a node uses: header
/// `{"alg":"EdDSA","kid":<node ID>,"typ":<type>}`, canonical JSON payload, Ed25519 signature (RFC 8037).
public enum CompactJWS {
    public static func sign(_ payload: JSONValue, type: String, keys: NodeKeys) throws -> String {
        let header: JSONValue = ["alg": "EdDSA", "kid": .string(keys.nodeId), "typ": .string(type)]
        let input = Base64URL.encode(CanonicalJSON.bytes(header)) + "." + Base64URL.encode(CanonicalJSON.bytes(payload))
        return input + "." + Base64URL.encode(Array(try keys.signingKey.signature(for: Array(input.utf8))))
    }

    /// The dot-separated parts of a compact JWS, split on its bytes (splitting the string walks it
    /// by Character, grapheme breaking and all: half the cost of checking a statement's proof).
    public static func parts(_ jws: String) -> [Substring] {
        jws.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// The header's `kid` (the signing node), read before verification to find its key.
    public static func kid(_ jws: String) -> String? {
        parts(jws).first.flatMap { Base64URL.decode($0) }.flatMap { try? JSONParser.parse($0) }?["kid"]?.stringValue
    }

    /// Checks form, type and signature, and that the payload's `signerField` names the signing node;
    /// returns the payload. The signed documents of a node (receipts, declarations, verifications) say who signed them.
    public static func verify(
        _ jws: String, type: String, publicKey: Curve25519.Signing.PublicKey, signerField: String
    ) throws -> JSONValue {
        let (header, payload) = try verify(jws, type: type, publicKey: publicKey)
        guard payload[signerField] == header["kid"] else {
            throw LotStatement.Invalid(description: "the document's \(signerField) is not the node that signed it")
        }
        return payload
    }

    /// Checks form, type and signature; returns header and payload.
    public static func verify(
        _ jws: String, type: String, publicKey: Curve25519.Signing.PublicKey
    ) throws -> (header: JSONValue, payload: JSONValue) {
        typealias Invalid = LotStatement.Invalid
        let parts = Self.parts(jws)
        guard parts.count == 3, let h = Base64URL.decode(parts[0]), let p = Base64URL.decode(parts[1]),
            let sig = Base64URL.decode(parts[2])
        else { throw Invalid(description: "not a compact JWS") }
        guard let header = try? JSONParser.parse(h), header["alg"] == "EdDSA", header["typ"] == .string(type),
            let kid = header["kid"]?.stringValue
        else {
            throw Invalid(description: "not an EdDSA \(type)")
        }
        guard publicKey.isValidSignature(sig, for: Array("\(parts[0]).\(parts[1])".utf8)) else {
            throw Invalid(description: "signature does not verify with node \(kid)'s key")
        }
        guard let payload = try? JSONParser.parse(p) else { throw Invalid(description: "payload is not JSON") }
        return (header, payload)
    }
}
