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

    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Checks the signature with `publicKey` and returns the header and payload.
    public static func verify(_ jws: String, publicKey: Curve25519.Signing.PublicKey) throws -> (header: JSONValue, payload: JSONValue) {
        try CompactJWS.verify(jws, type: type, publicKey: publicKey)
    }
}

/// The JWS compact form (RFC 7515) every signed document of a node uses: header
/// `{"alg":"EdDSA","kid":<node ID>,"typ":<type>}`, canonical JSON payload, Ed25519 signature (RFC 8037).
public enum CompactJWS {
    public static func sign(_ payload: JSONValue, type: String, keys: NodeKeys) throws -> String {
        let header: JSONValue = ["alg": "EdDSA", "kid": .string(keys.nodeId), "typ": .string(type)]
        let input = Base64URL.encode(CanonicalJSON.bytes(header)) + "." + Base64URL.encode(CanonicalJSON.bytes(payload))
        return input + "." + Base64URL.encode(Array(try keys.signingKey.signature(for: Array(input.utf8))))
    }

    /// The header's `kid` (the signing node), read before verification to find its key.
    public static func kid(_ jws: String) -> String? {
        jws.split(separator: ".").first.flatMap { Base64URL.decode(String($0)) }.flatMap { try? JSONParser.parse($0) }?["kid"]?.stringValue
    }

    /// Checks form, type and signature; returns header and payload.
    public static func verify(_ jws: String, type: String, publicKey: Curve25519.Signing.PublicKey) throws -> (header: JSONValue, payload: JSONValue) {
        typealias Invalid = LotStatement.Invalid
        let parts = jws.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let h = Base64URL.decode(String(parts[0])), let p = Base64URL.decode(String(parts[1])),
              let sig = Base64URL.decode(String(parts[2])) else { throw Invalid(description: "not a compact JWS") }
        guard let header = try? JSONParser.parse(h), header["alg"] == "EdDSA", header["typ"] == .string(type), let kid = header["kid"]?.stringValue else {
            throw Invalid(description: "not an EdDSA \(type)")
        }
        guard publicKey.isValidSignature(sig, for: Array("\(parts[0]).\(parts[1])".utf8)) else {
            throw Invalid(description: "signature does not verify with node \(kid)'s key")
        }
        guard let payload = try? JSONParser.parse(p) else { throw Invalid(description: "payload is not JSON") }
        return (header, payload)
    }
}

public enum Base64URL {
    public static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ s: String) -> [UInt8]? {
        guard s.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }) else {
            return nil
        }
        var b = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b.count % 4 != 0 { b += "=" }
        return Data(base64Encoded: b).map(Array.init)
    }
}

/// The claims of a verified lot statement, as a downstream node relies on them.
public struct StatementClaims: Sendable, Equatable {
    public var lotId: String
    public var nodeId: String
    public var version: Int64
    public var status: String
    public var declaredUnit: String
    public var co2PerUnit: Double?
    public var totalCO2: Double?
    public var ledgerSeq: Int64?
    public var jws: String

    /// Verifies `jws` with `publicKey` and checks that it speaks of `lotId` on `nodeId`.
    public static func verify(_ jws: String, publicKey: Curve25519.Signing.PublicKey, lotId: String, nodeId: String) throws -> StatementClaims {
        let (header, p) = try LotStatement.verify(jws, publicKey: publicKey)
        guard header["kid"]?.stringValue == nodeId, p["nodeId"]?.stringValue == nodeId else {
            throw LotStatement.Invalid(description: "statement is not from node \(nodeId)")
        }
        guard p["lotId"]?.stringValue == lotId else { throw LotStatement.Invalid(description: "statement is about another lot") }
        guard let status = p["status"]?.stringValue, let unit = p["declaredUnit"]?.stringValue else {
            throw LotStatement.Invalid(description: "statement lacks status or declared unit")
        }
        return StatementClaims(lotId: lotId, nodeId: nodeId, version: p["version"]?.numberValue.flatMap { Int64(exactly: $0) } ?? 1, status: status,
                               declaredUnit: unit, co2PerUnit: p["co2PerUnit"]?.numberValue, totalCO2: p["totalCO2"]?.numberValue,
                               ledgerSeq: p["ledgerSeq"]?.numberValue.flatMap { Int64(exactly: $0) }, jws: jws)
    }
}
