import CTNModel
import Crypto
import Foundation

/// A signed tree head: the size of the node's log, the Merkle root of its events' hashes and when
/// it was signed, under the node's Ed25519 key. Two heads of one node that no consistency proof
/// joins are proof that the node forked its log.
public struct TreeHead: Sendable, Equatable {
    public var nodeId: String
    public var size: Int64
    /// Hex of the RFC 9162 root of the first `size` leaves.
    public var root: String
    public var timestamp: Int64
    /// Base64 Ed25519 signature over `message`.
    public var signature: String

    public init(nodeId: String, size: Int64, root: String, timestamp: Int64, signature: String) {
        self.nodeId = nodeId
        self.size = size
        self.root = root
        self.timestamp = timestamp
        self.signature = signature
    }

    public static func message(nodeId: String, size: Int64, root: String, timestamp: Int64) -> [UInt8] {
        Array("ctn-tree-head-v1\n\(nodeId)\n\(size)\n\(root)\n\(timestamp)".utf8)
    }

    /// Whether `key` signed this head.
    public func verify(_ key: PublicSigningKey) -> Bool {
        guard let sig = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(sig, for: Self.message(nodeId: nodeId, size: size, root: root, timestamp: timestamp))
    }

    public var json: JSONValue {
        [
            "nodeId": .string(nodeId), "size": .number(Double(size)), "rootHash": .string(root),
            "timestamp": .string(Timestamp.format(millis: timestamp)), "signature": .string(signature), "algorithm": "Ed25519",
        ]
    }

    /// A head as `json` writes it, or nil.
    public init?(json v: JSONValue) {
        guard let node = v["nodeId"]?.stringValue, let size = v["size"]?.numberValue, size >= 0, size == size.rounded(), size < 9e15,
            let root = v["rootHash"]?.stringValue, root.utf8.count == 64,
            let time = v["timestamp"]?.stringValue.flatMap(Timestamp.parseMillis),
            let sig = v["signature"]?.stringValue
        else { return nil }
        self.init(nodeId: node, size: Int64(size), root: root, timestamp: time, signature: sig)
    }
}

extension NodeKeys {
    public func signTreeHead(size: Int64, root: Merkle.Hash, timestamp: Int64) throws -> TreeHead {
        let hex = LedgerHashing.hex(root)
        let sig = try signingKey.signature(for: TreeHead.message(nodeId: nodeId, size: size, root: hex, timestamp: timestamp))
        return TreeHead(nodeId: nodeId, size: size, root: hex, timestamp: timestamp, signature: sig.base64EncodedString())
    }
}

extension LedgerHashing {
    /// Bytes of a hex string (an event hash), or nil when it is not hex of even length.
    public static func bytes(hex: String) -> [UInt8]? {
        let u = Array(hex.utf8)
        guard u.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(u.count / 2)
        var i = 0
        while i < u.count {
            guard let a = nibble(u[i]), let b = nibble(u[i + 1]) else { return nil }
            out.append(a << 4 | b)
            i += 2
        }
        return out
    }

    /// The Merkle leaf of an event: its hash's 32 bytes (the hash covers the whole event and its predecessor).
    public static func leafHash(eventHash: String) -> Merkle.Hash { Merkle.leafHash(bytes(hex: eventHash) ?? Array(eventHash.utf8)) }
}
