import CTNLedger
import CTNStore
import Foundation
import GRDB

/// The log's Merkle tree as stored: nodes, the signed tree head, proofs.
extension SQLiteStore {
    /// Reads stored perfect subtrees (through `cache` when given: read transactions only); a
    /// missing one is a damaged tree.
    static func logNode(_ db: Database, cache: LogNodeCache? = nil) -> Merkle.Node {
        { level, index in
            if let hit = cache?.get(level, index) { return hit }
            guard
                let data = try Data.fetchOne(
                    db.cachedStatement(sql: "SELECT hash FROM log_nodes WHERE level = ? AND idx = ?"), arguments: [level, index])
            else { throw DatabaseError(message: "the log tree lacks node (\(level), \(index))") }
            let hash = Array(data)
            cache?.put(level, index, hash)
            return hash
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
        try await dbWriter.read { db in try Merkle.root(size: size, node: Self.logNode(db, cache: logNodes)) }
    }

    public func inclusionProof(leaf: Int64, size: Int64) async throws -> [Merkle.Hash] {
        try await dbWriter.read { db in try Merkle.inclusionProof(leaf: leaf, size: size, node: Self.logNode(db, cache: logNodes)) }
    }

    public func consistencyProof(from: Int64, to: Int64) async throws -> [Merkle.Hash] {
        try await dbWriter.read { db in try Merkle.consistencyProof(from: from, to: to, node: Self.logNode(db, cache: logNodes)) }
    }

    public func logLeaf(_ leaf: Int64) async throws -> Merkle.Hash? {
        try await dbWriter.read { db in
            try Data.fetchOne(db, sql: "SELECT hash FROM log_nodes WHERE level = 0 AND idx = ?", arguments: [leaf]).map { Array($0) }
        }
    }

    public func logStatements(seq range: ClosedRange<Int64>) async throws -> [Int64: String] {
        try await dbWriter.read { db in try Self.logStatements(db, range) }
    }

    static func logStatements(_ db: Database, _ range: ClosedRange<Int64>) throws -> [Int64: String] {
        var out: [Int64: String] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT seq, statement FROM log_statements WHERE seq BETWEEN ? AND ?", arguments: [range.lowerBound, range.upperBound])
        while let r = try rows.next() { out[r["seq"]] = r["statement"] }
        return out
    }

    /// The latest signed head and the inclusion proofs of `leaves` in it, read in one transaction
    /// (nodes shared by several proofs are read once: through the store's cache, or one of this
    /// call's own when none is given).
    static func logProofs(_ db: Database, nodeId: String, leaves: [Int64], cache: LogNodeCache?) throws -> (TreeHead, [LogProof])? {
        guard let r = try Row.fetchOne(db.cachedStatement(sql: "SELECT size, root, time, signature FROM log_head WHERE id = 1"))
        else { return nil }
        let head = TreeHead(nodeId: nodeId, size: r["size"], root: r["root"], timestamp: r["time"], signature: r["signature"])
        let cache = cache ?? LogNodeCache()
        let node = logNode(db, cache: cache)
        let proofs = try leaves.map { leaf in
            if let hit = cache.path(leaf: leaf, size: head.size) { return LogProof(leaf: leaf, treeSize: head.size, hashes: hit) }
            let path = try Merkle.inclusionProof(leaf: leaf, size: head.size, node: node)
            cache.put(path: path, leaf: leaf, size: head.size)
            return LogProof(leaf: leaf, treeSize: head.size, hashes: path)
        }
        return (head, proofs)
    }
}

extension SQLiteStore {
    /// Makes every stored event a leaf of the log's tree, in sequence order (the tree must be empty):
    /// its hash, or the statement kept as its leaf.
    static func buildLogTree(_ db: Database) throws {
        var tree = CompactRange()
        let insert = try db.makeStatement(sql: "INSERT INTO log_nodes(level, idx, hash) VALUES (?,?,?)")
        let stated = try db.tableExists("log_statements")
        let rows = try Row.fetchCursor(
            db,
            sql: stated
                ? "SELECT l.hash, s.statement FROM ledger l LEFT JOIN log_statements s ON s.seq = l.seq ORDER BY l.seq"
                : "SELECT hash, NULL AS statement FROM ledger ORDER BY seq")
        while let row = try rows.next() {
            let hash: String = row["hash"]
            let statement: String? = row["statement"]
            let leaf = statement.flatMap(LotStatement.leafHash) ?? LedgerHashing.leafHash(eventHash: hash)
            for n in tree.append(leaf) {
                try insert.execute(arguments: [n.level, n.index, Data(n.hash)])
            }
        }
    }
}
