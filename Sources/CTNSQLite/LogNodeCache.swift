import CTNLedger
import Synchronization

/// Perfect subtrees of the log's Merkle tree as readers found them. A stored node never changes
/// once its transaction committed (the tree only grows), and readers see committed data only, so
/// every read of the node can share it: proofs for a trace batch then cost no query per node.
/// Filled by readers only, never by the writer (a rolled-back batch leaves nothing behind);
/// bounded, and emptied when full.
final class LogNodeCache: Sendable {
    private let nodes = Mutex<[Int64: Merkle.Hash]>([:])
    static let capacity = 1 << 18

    static func key(_ level: Int, _ index: Int64) -> Int64 { Int64(level) << 56 | index }

    func get(_ level: Int, _ index: Int64) -> Merkle.Hash? { nodes.withLock { $0[Self.key(level, index)] } }

    func put(_ level: Int, _ index: Int64, _ hash: Merkle.Hash) {
        nodes.withLock { nodes in
            if nodes.count >= Self.capacity { nodes.removeAll(keepingCapacity: true) }
            nodes[Self.key(level, index)] = hash
        }
    }
}
