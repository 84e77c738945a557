import CTNModel
import Crypto
import Foundation

/// An operator node's signed summary of a CBAM period report, for importers: the installation, the
/// period, every good's SEE and default share, and the verification statements attached to it.
public enum CBAMSummary {
    public static let type = "ctn-cbam-summary"

    public static func sign(_ payload: JSONValue, keys: NodeKeys) throws -> String { try CompactJWS.sign(payload, type: type, keys: keys) }

    /// Verifies with the operator node's key; returns the payload, which must name its signer.
    public static func verify(_ jws: String, publicKey: Curve25519.Signing.PublicKey) throws -> JSONValue {
        try CompactJWS.verify(jws, type: type, publicKey: publicKey, signerField: "node")
    }
}
