import CTNLedger
import CTNStore
import Foundation
import GRDB

/// The log's Merkle tree as stored: nodes, the signed tree head, proofs.
extension SQLiteStore {
    /// Reads stored perfect subtrees; a missing one is a damaged tree.
    static func logNode(_ db: Database) -> Merkle.Node {
        { level, index in
            guard
                let data = try Data.fetchOne(db, sql: "SELECT hash FROM log_nodes WHERE level = ? AND idx = ?", arguments: [level, index])
            else { throw DatabaseError(message: "the log tree lacks node (\(level), \(index))") }
            return Array(data)
        }
    }

    static func storeTreeHead(_ db: Database, _ h: TreeHead) throws {
        try db.cachedStatement(
            sql:
                "INSERT INTO log_head(id, size, root, time, signature) VALUES (1, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET size = excluded.size, root = excluded.root, time = excluded.time, signature = excluded.signature"
        )
        .execute(arguments: [h.size, h.root, h.timestamp, h.signature])
    }

    public func treeHead() async throws -> TreeHead? {
        let nodeId = keys.nodeId
        return try await dbWriter.read { db in
            try Row.fetchOne(db, sql: "SELECT size, root, time, signature FROM log_head WHERE id = 1").map { r in
                TreeHead(nodeId: nodeId, size: r["size"], root: r["root"], timestamp: r["time"], signature: r["signature"])
            }
        }
    }

    public func logRoot(size: Int64) async throws -> Merkle.Hash {
        try await dbWriter.read { db in try Merkle.root(size: size, node: Self.logNode(db)) }
    }

    public func inclusionProof(leaf: Int64, size: Int64) async throws -> [Merkle.Hash] {
        try await dbWriter.read { db in try Merkle.inclusionProof(leaf: leaf, size: size, node: Self.logNode(db)) }
    }

    public func consistencyProof(from: Int64, to: Int64) async throws -> [Merkle.Hash] {
        try await dbWriter.read { db in try Merkle.consistencyProof(from: from, to: to, node: Self.logNode(db)) }
    }
}

extension SQLiteStore {
    /// Makes every stored event a leaf of the log's tree, in sequence order (the tree must be empty).
    static func buildLogTree(_ db: Database) throws {
        var tree = CompactRange()
        let insert = try db.makeStatement(sql: "INSERT INTO log_nodes(level, idx, hash) VALUES (?,?,?)")
        let rows = try Row.fetchCursor(db, sql: "SELECT hash FROM ledger ORDER BY seq")
        while let row = try rows.next() {
            let hash: String = row["hash"]
            for n in tree.append(LedgerHashing.leafHash(eventHash: hash)) {
                try insert.execute(arguments: [n.level, n.index, Data(n.hash)])
            }
        }
    }
}
