import CTNLedger
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
    }

    func put(_ id: String, key: Curve25519.Signing.PublicKey, _ claims: StatementClaims) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = (key.rawRepresentation, claims)
        }
    }
}
