import CTNLedger
import CTNModel
import Crypto
import Foundation
import Synchronization

/// Statements whose signature this node has checked, with the key it checked them with.
public final class VerifiedStatements: Sendable {
    private let entries = Mutex<[String: (key: Data, claims: StatementClaims)]>([:])
    private let capacity: Int

    public init(capacity: Int = 200_000) { self.capacity = capacity }

    func get(_ id: String, key: Curve25519.Signing.PublicKey) -> StatementClaims? {
        entries.withLock { $0[id] }.flatMap { $0.key == key.rawRepresentation ? $0.claims : nil }
    }

    /// Forgets every statement of `node` (its owner asked for deletion).
    public func removeAll(node: String) {
        entries.withLock { entries in entries = entries.filter { !$0.key.hasPrefix(node + " ") } }
        proofs.withLock { proofs in proofs = proofs.filter { !$0.key.hasPrefix(node + " ") } }
    }

    private let heads = Mutex<Set<String>>([])
    /// The proof each statement last led to a verified head with, and that head's size and root.
    private let proofs = Mutex<[String: (size: Int64, root: String, proof: JSONValue)]>([:])

    /// Whether `proof` is the one that led statement `id` to `head` before.
    func proven(_ id: String, head: TreeHead, proof: JSONValue) -> Bool {
        proofs.withLock { $0[id] }.map { $0.size == head.size && $0.root == head.root && $0.proof == proof } ?? false
    }

    func prove(_ id: String, head: TreeHead, proof: JSONValue) {
        proofs.withLock { proofs in
            if proofs.count >= capacity { proofs.removeAll(keepingCapacity: true) }
            proofs[id] = (head.size, head.root, proof)
        }
    }

    /// Whether this head's signature was checked with `key`.
    func knows(_ head: TreeHead, key: Curve25519.Signing.PublicKey) -> Bool {
        heads.withLock { $0.contains(Self.headKey(head, key)) }
    }

    func remember(_ head: TreeHead, key: Curve25519.Signing.PublicKey) {
        heads.withLock { heads in
            if heads.count >= 10_000 { heads.removeAll(keepingCapacity: true) }
            heads.insert(Self.headKey(head, key))
        }
    }

    static func headKey(_ h: TreeHead, _ key: Curve25519.Signing.PublicKey) -> String {
        "\(h.nodeId) \(h.size) \(h.root) \(h.timestamp) \(h.signature) \(key.rawRepresentation.base64EncodedString())"
    }

    func put(_ id: String, key: Curve25519.Signing.PublicKey, _ claims: StatementClaims) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = (key.rawRepresentation, claims)
        }
    }
}
