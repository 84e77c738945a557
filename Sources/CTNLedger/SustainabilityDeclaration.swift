import CTNModel
import Crypto
import Foundation

/// A sustainability declaration (SD/PoS) a node signs for a dispatch of certified output: the
/// mass, the certified mass and share, the scheme and claim, the period and ledger positions it
/// rests on, the supplier and the consignee. The consignee's node books it once.
public enum SustainabilityDeclaration {
    public static let type = "ctn-sustainability-declaration"

    public static func sign(_ payload: JSONValue, keys: NodeKeys) throws -> String { try CompactJWS.sign(payload, type: type, keys: keys) }

    /// Verifies with the issuing node's key; returns the payload, which must name its signer as issuer.
    public static func verify(_ jws: String, publicKey: Curve25519.Signing.PublicKey) throws -> JSONValue {
        try CompactJWS.verify(jws, type: type, publicKey: publicKey, signerField: "issuer")
    }
}
