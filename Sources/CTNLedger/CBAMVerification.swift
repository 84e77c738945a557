import CTNModel
import Crypto
import Foundation

/// A verifier's signed statement that it replayed a CBAM period report and reproduced its figures:
/// the report's ID, owner node and content hash, the goods' SEE as verified, the verifier and when.
/// A changed report has another content hash: the statement no longer applies to it.
public enum CBAMVerification {
    public static let type = "ctn-cbam-verification"

    public static func sign(_ payload: JSONValue, keys: NodeKeys) throws -> String { try CompactJWS.sign(payload, type: type, keys: keys) }

    /// Verifies with the verifier node's key; returns the payload, which must name its signer.
    public static func verify(_ jws: String, publicKey: Curve25519.Signing.PublicKey) throws -> JSONValue {
        try CompactJWS.verify(jws, type: type, publicKey: publicKey, signerField: "verifierNode")
    }
}
