import CTNModel
import Crypto
import Foundation

/// One peer node: its ID, base URL, Ed25519 public key and the CA certificate to pin.
public struct Peer: Sendable, Equatable {
    public var nodeId: String
    public var baseURL: String
    public var publicKey: Curve25519.Signing.PublicKey
    public var caCertificate: String

    public static func == (a: Peer, b: Peer) -> Bool {
        a.nodeId == b.nodeId && a.baseURL == b.baseURL && a.caCertificate == b.caCertificate
            && a.publicKey.rawRepresentation == b.publicKey.rawRepresentation
    }

    public init(nodeId: String, baseURL: String, publicKey: Curve25519.Signing.PublicKey, caCertificate: String) {
        self.nodeId = nodeId
        self.baseURL = baseURL
        self.publicKey = publicKey
        self.caCertificate = caCertificate
    }

    /// Reads and checks an entry (the format `ctn federation export` prints).
    public init(json v: JSONValue) throws {
        guard let id = v["nodeId"]?.stringValue, NodeID.isValid(id) else { throw ConfigError("peer entry: 'nodeId' missing or invalid") }
        guard let url = v["baseURL"]?.stringValue, let u = URL(string: url), u.scheme == "https", u.host != nil else {
            throw ConfigError("peer entry \(id): 'baseURL' must be an https:// URL")
        }
        guard v["algorithm"] == nil || v["algorithm"] == "Ed25519",
            let k = v["publicKey"]?.stringValue.flatMap({ Data(base64Encoded: $0) }),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: k)
        else {
            throw ConfigError("peer entry \(id): 'publicKey' must be a base64 Ed25519 public key")
        }
        guard let ca = v["caCertificate"]?.stringValue, ca.contains("-----BEGIN CERTIFICATE-----") else {
            throw ConfigError("peer entry \(id): 'caCertificate' must be a PEM certificate")
        }
        self.init(nodeId: id, baseURL: url.hasSuffix("/") ? String(url.dropLast()) : url, publicKey: key, caCertificate: ca)
    }

    public var json: JSONValue {
        [
            "nodeId": .string(nodeId), "baseURL": .string(baseURL), "algorithm": "Ed25519",
            "publicKey": .string(publicKey.rawRepresentation.base64EncodedString()), "caCertificate": .string(caCertificate),
        ]
    }
}
