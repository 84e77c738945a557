import CTNModel
import Crypto
import Foundation

/// The node's secrets: its Ed25519 signing key and the secret that IDs are hashed with.
/// Stored in `<data>/keys.json` with mode 0600; the public half in `<data>/node.json`.
public struct NodeKeys: Sendable {
    public let nodeId: String
    public let signingKey: Curve25519.Signing.PrivateKey
    public let idSecret: [UInt8]

    public var publicKeyBase64: String { signingKey.publicKey.rawRepresentation.base64EncodedString() }

    public static func generate(nodeId: String) -> NodeKeys {
        NodeKeys(nodeId: nodeId, signingKey: Curve25519.Signing.PrivateKey(), idSecret: secureRandomBytes(32))
    }

    public init(nodeId: String, signingKey: Curve25519.Signing.PrivateKey, idSecret: [UInt8]) {
        self.nodeId = nodeId
        self.signingKey = signingKey
        self.idSecret = idSecret
    }

    public func write(to dir: URL) throws {
        let secretJSON: JSONValue = [
            "nodeId": .string(nodeId),
            "signingKey": .string(signingKey.rawRepresentation.base64EncodedString()),
            "idSecret": .string(Data(idSecret).base64EncodedString()),
        ]
        let keyPath = dir.appendingPathComponent("keys.json").path
        // Create with 0600 from the start: the secret is never readable by others, not even briefly.
        let fd = open(keyPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw ConfigError("cannot create \(keyPath): \(String(cString: strerror(errno)))") }
        let bytes = Array(CanonicalJSON.encode(secretJSON).utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        close(fd)
        guard written == bytes.count else { throw ConfigError("short write to \(keyPath)") }
        let publicJSON: JSONValue = ["nodeId": .string(nodeId), "publicKey": .string(publicKeyBase64), "algorithm": "Ed25519"]
        try Data(CanonicalJSON.encodeOrdered(publicJSON).utf8).write(to: dir.appendingPathComponent("node.json"))
    }

    public static func read(from dir: URL) throws -> NodeKeys {
        let path = dir.appendingPathComponent("keys.json").path
        var st = stat()
        guard stat(path, &st) == 0 else { throw ConfigError("\(path) not found: run 'ctn init --data \(dir.path)' first") }
        if st.st_mode & 0o077 != 0 {
            throw ConfigError("\(path) is readable by others (mode \(String(st.st_mode & 0o777, radix: 8))); chmod 600 it")
        }
        let v = try JSONParser.parse(try Data(contentsOf: URL(fileURLWithPath: path)))
        guard let id = v["nodeId"]?.stringValue, let k = v["signingKey"]?.stringValue.flatMap({ Data(base64Encoded: $0) }),
            let s = v["idSecret"]?.stringValue.flatMap({ Data(base64Encoded: $0) })
        else {
            throw ConfigError("\(path) is damaged")
        }
        return NodeKeys(nodeId: id, signingKey: try .init(rawRepresentation: k), idSecret: Array(s))
    }

    public func signHead(seq: Int64, hash: String) throws -> SignedHead {
        let sig = try signingKey.signature(for: LedgerHashing.headMessage(nodeId: nodeId, seq: seq, hash: hash))
        return SignedHead(seq: seq, hash: hash, signature: sig.base64EncodedString())
    }
}
