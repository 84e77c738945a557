import CTNStore
import GRDB

/// Mass-balance events, pool movements, declarations and slices, read and written inside contract
/// transactions. Every table is append-only (triggers refuse updates and deletes).
extension SQLTransaction {
    private typealias R = MassBalanceRows

    private func rows(_ sql: String, _ args: SQLArguments) throws -> [Row] {
        try db.rows(sql, args)
    }

    package func massBalanceEvent(_ eventId: String) throws -> MassBalanceEventRecord? {
        try rows("SELECT \(R.event) FROM mb_events WHERE event_id = ?", [eventId]).first.map(R.event)
    }

    package func massBalanceEvents(tenantId: String, batchId: String?) throws -> [MassBalanceEventRecord] {
        guard let batchId else {
            return try rows("SELECT \(R.event) FROM mb_events WHERE tenant_id = ? ORDER BY seq", [tenantId]).map(R.event)
        }
        return try rows("SELECT \(R.event) FROM mb_events WHERE batch_id = ? AND tenant_id = ? ORDER BY seq", [batchId, tenantId]).map(
            R.event)
    }

    package func poolMovements(
        tenantId: String, site: String, material: String, pool: String, scheme: String, claim: String
    ) throws
        -> [PoolMovementRecord]
    {
        try rows(
            "SELECT \(R.movement) FROM mb_movements WHERE tenant_id = ? AND site = ? AND material = ? AND pool = ? AND scheme = ? AND claim = ? ORDER BY seq, idx",
            [tenantId, site, material, pool, scheme, claim]
        ).map(R.movement)
    }

    package func poolMovements(tenantId: String) throws -> [PoolMovementRecord] {
        try rows("SELECT \(R.movement) FROM mb_movements WHERE tenant_id = ? ORDER BY seq, idx", [tenantId]).map(R.movement)
    }

    package func poolMovements(batchId: String) throws -> [PoolMovementRecord] {
        try rows("SELECT \(R.movement) FROM mb_movements WHERE batch_id = ? ORDER BY seq, idx", [batchId]).map(R.movement)
    }

    package func declaration(issuer: String, declarationId: String, direction: String) throws -> DeclarationRecord? {
        try rows(
            "SELECT \(R.declaration) FROM mb_declarations WHERE issuer = ? AND declaration_id = ? AND direction = ?",
            [issuer, declarationId, direction]
        ).first.map(R.declaration)
    }

    package func declarations(tenantId: String) throws -> [DeclarationRecord] {
        try rows("SELECT \(R.declaration) FROM mb_declarations WHERE tenant_id = ? ORDER BY seq", [tenantId]).map(R.declaration)
    }

    package func declarations(lotId: String) throws -> [DeclarationRecord] {
        try rows("SELECT \(R.declaration) FROM mb_declarations WHERE lot_id = ? AND direction = 'issued' ORDER BY seq", [lotId])
            .map(R.declaration)
    }

    package func slices(tenantId: String) throws -> [SliceRecord] {
        try rows("SELECT \(R.slice) FROM mb_slices WHERE tenant_id = ? ORDER BY start", [tenantId]).map(R.slice)
    }

    package func lastSlice(tenantId: String) throws -> SliceRecord? {
        try rows("SELECT \(R.slice) FROM mb_slices WHERE tenant_id = ? ORDER BY start DESC LIMIT 1", [tenantId]).first.map(R.slice)
    }

    package func massBalanceEvents(tenantId: String, receivedFrom: Int64) throws -> [MassBalanceEventRecord] {
        try rows("SELECT \(R.event) FROM mb_events WHERE tenant_id = ? AND received_at >= ? ORDER BY seq", [tenantId, receivedFrom]).map(
            R.event)
    }

    package func insertMassBalanceEvent(_ e: MassBalanceEventRecord, movements: [PoolMovementRecord]) throws {
        try exec(
            "INSERT INTO mb_events(\(R.event)) VALUES (?,?,?,?,?,?,?,?,?)",
            [e.eventId, e.tenantId, e.kind, e.batchId, e.sourceTime, e.receivedAt, e.seq, e.ledgerHash, e.payload])
        for m in movements {
            try exec(
                "INSERT INTO mb_movements(\(R.movement)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    m.tenantId, m.site, m.material, m.pool, m.scheme, m.claim, m.grams, m.time, m.expiresAt, m.eventId, m.batchId, m.seq,
                    m.index,
                ])
        }
    }

    package func insertDeclaration(_ d: DeclarationRecord) throws {
        try exec(
            "INSERT INTO mb_declarations(\(R.declaration)) VALUES (?,?,?,?,?,?,?,?,?)",
            [d.declarationId, d.issuer, d.tenantId, d.direction, d.lotId, d.jws, d.eventId, d.seq, d.at])
    }

    package func insertSlice(_ s: SliceRecord) throws {
        try exec(
            "INSERT INTO mb_slices(\(R.slice)) VALUES (?,?,?,?,?,?,?)", [s.tenantId, s.start, s.end, s.events, s.prevHash, s.hash, s.seq])
    }
}
