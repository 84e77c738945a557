import CTNLedger
import CTNModel
import CTNStore
import Synchronization

/// Signs lot statements, once per completed lot version: Ed25519 is deterministic, so the cached
/// JWS is exactly what signing again would give.
final class StatementSigner: Sendable {
    private let keys: NodeKeys
    private let cache = Mutex<[String: (seq: Int64, jws: String)]>([:])

    init(keys: NodeKeys) { self.keys = keys }

    /// The statement's claims: what a downstream node relies on, tied to the ledger event that
    /// fixed the figures.
    static func payload(_ lot: LotRecord, nodeId: String) -> JSONValue {
        var o = JSONObject([
            "lotId": .string(lot.lotId), "nodeId": .string(nodeId), "status": .string(lot.status.rawValue),
            "declaredUnit": .string(lot.declaredUnit), "co2PerUnit": .optional(lot.co2PerUnit), "totalCO2": .optional(lot.totalCO2),
            "co2Unit": "kg-CO2e", "completedAt": .optional(lot.completedAt.map { Timestamp.format(millis: $0) }),
            "ledgerSeq": .optional(lot.completedSeq.map(Double.init)), "ledgerHash": .optional(lot.completedHash),
            "version": .number(Double(lot.version)), "primaryDataShare": .optional(lot.primaryDataShare),
        ])
        // Statements signed since the log holds them name their leaf; older ones keep their bytes.
        if let leaf = lot.logLeaf { o["logLeaf"] = .number(Double(leaf)) }
        // Lots whose figures were fixed before uncertainties were kept state none (and keep their bytes).
        for (key, value) in Views.evidence(lot).pairs { o[key] = value }
        return .object(o)
    }

    /// nil for a lot that is not completed: it has no CFP to state yet. The statement stored with
    /// the lot when its figures were fixed, or (lots completed before statements were stored)
    /// one signed now and cached.
    func statement(for lot: LotRecord) throws -> String? {
        if let stored = lot.statement { return stored }
        return try sign(lot)
    }

    /// Appends the event that fixes `lot`'s figures with the lot's new statement as the event's
    /// log leaf; sets the lot's event hash, leaf and statement.
    func appendStated(
        _ tx: any StoreWriting, _ lot: inout LotRecord, tenantId: String, contract: String, event: String, sourceTime: Int64,
        payload: JSONValue
    ) throws -> LedgerEvent {
        var stated = lot
        let appended = try tx.appendLedger(
            tenantId: tenantId, contract: contract, event: event, sourceTime: sourceTime, payload: payload,
            stating: { e, leaf in
                stated.completedSeq = e.seq
                stated.completedHash = e.hash
                stated.logLeaf = leaf
                guard let jws = try self.sign(stated) else {
                    throw Problem(
                        status: 500, code: "statement_failed", title: "No statement", detail: "lot \(stated.lotId) is not completed")
                }
                stated.statement = jws
                return jws
            })
        lot = stated
        return appended
    }

    func sign(_ lot: LotRecord) throws -> String? {
        guard lot.status == .completed, let seq = lot.completedSeq, lot.completedHash != nil else { return nil }
        if let hit = cache.withLock({ $0[lot.lotId] }), hit.seq == seq { return hit.jws }
        let jws = try LotStatement.sign(Self.payload(lot, nodeId: keys.nodeId), keys: keys)
        cache.withLock { cache in
            if cache.count >= 100_000 { cache.removeAll(keepingCapacity: true) }
            cache[lot.lotId] = (seq, jws)
        }
        return jws
    }
}
