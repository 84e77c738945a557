import CTNModel
import Crypto
import Foundation

/// A certifier's signed finding that a lot's disclosed breakdown reproduces its CFP: JWS compact,
/// EdDSA, signed with the key of the certifier's node, verifiable offline with that node's key
/// from a peer directory.
public struct Certificate: Sendable, Equatable {
    public static let type = "ctn-certificate"
    public static let method =
        "ctn-replay-1: every input of the lot re-derived with the ctn engine from the disclosed breakdown, upstream statements and energy reports; the CFP reproduced exactly"

    public var lotId: String
    public var node: String
    public var version: Int64
    public var co2PerUnit: Double
    public var totalCO2: Double
    public var certifier: String
    public var issuer: String
    public var issuedAt: String
    public var jws: String

    public static func sign(
        lotId: String, node: String, version: Int64, co2PerUnit: Double, totalCO2: Double, certifier: String, checks: Int,
        keys: NodeKeys, now: Int64 = Timestamp.nowMillis()
    ) throws -> String {
        let payload: JSONValue = [
            "lotId": .string(lotId), "node": .string(node), "version": .number(Double(version)),
            "co2PerUnit": .number(co2PerUnit), "totalCO2": .number(totalCO2), "co2Unit": "kg-CO2e",
            "method": .string(method), "checks": .number(Double(checks)), "certifier": .string(certifier),
            "issuer": .string(keys.nodeId), "issuedAt": .string(Timestamp.format(millis: now)),
        ]
        return try CompactJWS.sign(payload, type: type, keys: keys)
    }

    /// The node whose key signed it (header `kid`), to look the key up.
    public static func issuer(of jws: String) -> String? { CompactJWS.kid(jws) }

    public static func verify(_ jws: String, publicKey: Curve25519.Signing.PublicKey) throws -> Certificate {
        let (header, v) = try CompactJWS.verify(jws, type: type, publicKey: publicKey)
        guard let kid = header["kid"]?.stringValue else { throw LotStatement.Invalid(description: "no kid in the header") }
        guard v["issuer"]?.stringValue == kid, let lot = v["lotId"]?.stringValue, let node = v["node"]?.stringValue,
            let version = v["version"]?.numberValue.flatMap({ Int64(exactly: $0) }), let perUnit = v["co2PerUnit"]?.numberValue,
            let total = v["totalCO2"]?.numberValue,
            let certifier = v["certifier"]?.stringValue, certifier.hasSuffix("@\(kid)"), let at = v["issuedAt"]?.stringValue
        else {
            throw LotStatement.Invalid(description: "certificate is incomplete or names a certifier of another node")
        }
        return Certificate(
            lotId: lot, node: node, version: version, co2PerUnit: perUnit, totalCO2: total, certifier: certifier,
            issuer: kid, issuedAt: at, jws: jws)
    }
}
