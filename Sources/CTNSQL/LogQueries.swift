import CTNLedger
import CTNStore
import Foundation
import GRDB

/// The log's Merkle tree as stored: nodes, the signed tree head, proofs.
package enum LogTree {
    /// Reads stored perfect subtrees (through `cache` when given: read transactions only); a
    /// missing one is a damaged tree.
    package static func node(_ db: any SQLConnection, cache: LogNodeCache? = nil) -> Merkle.Node {
        { level, index in
            if let hit = cache?.get(level, index) { return hit }
            guard let data = try db.fetchValue(Data.self, "SELECT hash FROM log_nodes WHERE level = ? AND idx = ?", [level, index])
            else { throw DatabaseError(message: "the log tree lacks node (\(level), \(index))") }
            let hash = Array(data)
            cache?.put(level, index, hash)
            return hash
        }
    }

    package static func storeHead(_ db: any SQLConnection, _ h: TreeHead) throws {
        try db.execute(
            "INSERT INTO log_head(id, size, root, time, signature) VALUES (1, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET size = excluded.size, root = excluded.root, time = excluded.time, signature = excluded.signature",
            [h.size, h.root, h.timestamp, h.signature])
    }

    package static func head(_ db: any SQLConnection, nodeId: String) throws -> TreeHead? {
        try db.row("SELECT size, root, time, signature FROM log_head WHERE id = 1").map { r in
            TreeHead(nodeId: nodeId, size: r["size"], root: r["root"], timestamp: r["time"], signature: r["signature"])
        }
    }

    package static func statements(_ db: any SQLConnection, _ range: ClosedRange<Int64>) throws -> [Int64: String] {
        var out: [Int64: String] = [:]
        for r in try db.rows(
            "SELECT seq, statement FROM log_statements WHERE seq BETWEEN ? AND ?", [range.lowerBound, range.upperBound])
        {
            out[r["seq"]] = r["statement"]
        }
        return out
    }

    /// The latest signed head and the inclusion proofs of `leaves` in it, read in one transaction
    /// (nodes shared by several proofs are read once: through the store's cache, or one of this
    /// call's own when none is given).
    package static func proofs(
        _ db: any SQLConnection, nodeId: String, leaves: [Int64], cache: LogNodeCache?
    ) throws -> (
        TreeHead, [LogProof]
    )? {
        guard let head = try head(db, nodeId: nodeId) else { return nil }
        let cache = cache ?? LogNodeCache()
        let node = node(db, cache: cache)
        let proofs = try leaves.map { leaf in
            if let hit = cache.path(leaf: leaf, size: head.size) { return LogProof(leaf: leaf, treeSize: head.size, hashes: hit) }
            let path = try Merkle.inclusionProof(leaf: leaf, size: head.size, node: node)
            cache.put(path: path, leaf: leaf, size: head.size)
            return LogProof(leaf: leaf, treeSize: head.size, hashes: path)
        }
        return (head, proofs)
    }

    /// The leaf of a stored event: the statement kept as its leaf, or its hash.
    package static func leaf(hash: String, statement: String?) -> Merkle.Hash {
        statement.flatMap(LotStatement.leafHash) ?? LedgerHashing.leafHash(eventHash: hash)
    }

    /// Stores the nodes a leaf appended to `tree` completes.
    package static func append(_ db: any SQLConnection, _ leaf: Merkle.Hash, to tree: inout CompactRange) throws {
        for n in tree.append(leaf) {
            try db.execute("INSERT INTO log_nodes(level, idx, hash) VALUES (?,?,?)", [n.level, n.index, Data(n.hash)])
        }
    }
}

extension SQLStore {
    public func treeHead() async throws -> TreeHead? {
        let nodeId = signingKeys.nodeId
        return try await sqlRead { h in try LogTree.head(h.db, nodeId: nodeId) }
    }

    public func logRoot(size: Int64) async throws -> Merkle.Hash {
        let cache = logNodes
        return try await sqlRead { h in try Merkle.root(size: size, node: LogTree.node(h.db, cache: cache)) }
    }

    public func inclusionProof(leaf: Int64, size: Int64) async throws -> [Merkle.Hash] {
        let cache = logNodes
        return try await sqlRead { h in try Merkle.inclusionProof(leaf: leaf, size: size, node: LogTree.node(h.db, cache: cache)) }
    }

    public func consistencyProof(from: Int64, to: Int64) async throws -> [Merkle.Hash] {
        let cache = logNodes
        return try await sqlRead { h in try Merkle.consistencyProof(from: from, to: to, node: LogTree.node(h.db, cache: cache)) }
    }

    public func logLeaf(_ leaf: Int64) async throws -> Merkle.Hash? {
        try await sqlRead { h in
            try h.db.fetchValue(Data.self, "SELECT hash FROM log_nodes WHERE level = 0 AND idx = ?", [leaf]).map { Array($0) }
        }
    }

    public func logStatements(seq range: ClosedRange<Int64>) async throws -> [Int64: String] {
        try await sqlRead { h in try LogTree.statements(h.db, range) }
    }
}
