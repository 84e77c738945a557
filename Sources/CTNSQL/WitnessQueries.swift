import CTNLedger
import CTNStore
import GRDB

/// Peers' tree heads this node witnessed, and alarms.
extension SQLStore {

    public func lastWitnessed(peer: String) async throws -> WitnessRecord? {
        try await sqlRead { h in
            let db = h.db
            return try db.row(
                "SELECT * FROM log_witnessed WHERE peer = ? AND alarm IS NULL ORDER BY size DESC, id DESC LIMIT 1", [peer]
            ).map(witnessRecord)
        }
    }

    public func recordWitness(_ w: WitnessRecord) async throws {
        try await sqlWrite { h in
            let db = h.db
            try db.execute(
                "INSERT INTO log_witnessed(peer, size, root, time, signature, cosignature, alarm, at) VALUES (?,?,?,?,?,?,?,?)",
                [w.peer, w.head.size, w.head.root, w.head.timestamp, w.head.signature, w.cosignature, w.alarm, w.at])
        }
    }

    public func witnessedHeads(peer: String) async throws -> [WitnessRecord] {
        try await sqlRead { h in
            let db = h.db
            return try db.rows(
                "SELECT * FROM log_witnessed WHERE peer = ? AND alarm IS NULL ORDER BY size, id", [peer]
            ).map(witnessRecord)
        }
    }

    public func forkedPeers() async throws -> Set<String> {
        try await sqlRead { h in
            let db = h.db
            return Set(try db.fetchValues(String.self, "SELECT DISTINCT peer FROM log_witnessed WHERE alarm IS NOT NULL", []))
        }
    }

    public func witnessed(alarms: Bool) async throws -> [WitnessRecord] {
        try await sqlRead { h in
            let db = h.db
            let sql =
                alarms
                ? "SELECT * FROM log_witnessed WHERE alarm IS NOT NULL ORDER BY id DESC LIMIT 1000"
                : "SELECT w.* FROM log_witnessed w WHERE w.alarm IS NULL AND w.id = (SELECT id FROM log_witnessed v WHERE v.peer = w.peer AND v.alarm IS NULL ORDER BY v.size DESC, v.id DESC LIMIT 1) ORDER BY w.peer"
            return try db.rows(sql).map(witnessRecord)
        }
    }
}

private func witnessRecord(_ r: Row) -> WitnessRecord {
    WitnessRecord(
        peer: r["peer"],
        head: TreeHead(nodeId: r["peer"], size: r["size"], root: r["root"], timestamp: r["time"], signature: r["signature"]),
        cosignature: r["cosignature"], at: r["at"], alarm: r["alarm"])
}
