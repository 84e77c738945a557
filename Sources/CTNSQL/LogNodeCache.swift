import CTNLedger
import Synchronization

/// Perfect subtrees of the log's Merkle tree as readers found them, and the audit paths made from
/// them for the latest head size. A stored node never changes once its transaction committed (the
/// tree only grows) and a path depends on nothing but its leaf and the size; readers see committed
/// data only, so every read can share them: proofs for a trace batch then cost no query per node.
/// Filled by readers only, never by the writer (a rolled-back batch leaves nothing behind);
/// bounded, and emptied when full.
public final class LogNodeCache: Sendable {
    package init() {}

    private let nodes = Mutex<[Int64: Merkle.Hash]>([:])
    private let paths = Mutex<(size: Int64, byLeaf: [Int64: [Merkle.Hash]])>((0, [:]))
    static let capacity = 1 << 18

    package static func key(_ level: Int, _ index: Int64) -> Int64 { Int64(level) << 56 | index }

    package func get(_ level: Int, _ index: Int64) -> Merkle.Hash? { nodes.withLock { $0[Self.key(level, index)] } }

    package func put(_ level: Int, _ index: Int64, _ hash: Merkle.Hash) {
        nodes.withLock { nodes in
            if nodes.count >= Self.capacity { nodes.removeAll(keepingCapacity: true) }
            nodes[Self.key(level, index)] = hash
        }
    }

    package func path(leaf: Int64, size: Int64) -> [Merkle.Hash]? {
        paths.withLock { $0.size == size ? $0.byLeaf[leaf] : nil }
    }

    package func put(path: [Merkle.Hash], leaf: Int64, size: Int64) {
        paths.withLock { paths in
            if paths.size != size {
                // A newer head: the older paths are of no use to the next answers.
                guard size > paths.size else { return }
                paths = (size, [:])
            }
            if paths.byLeaf.count >= Self.capacity { paths.byLeaf.removeAll(keepingCapacity: true) }
            paths.byLeaf[leaf] = path
        }
    }
}
