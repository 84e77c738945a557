import CTNLedger
import CTNModel
import CTNStore
import Foundation

/// Signs lot statements, once per completed lot version: Ed25519 is deterministic, so the cached
/// JWS is exactly what signing again would give.
final class StatementSigner: @unchecked Sendable {
    private let keys: NodeKeys
    private let lock = NSLock()
    private var cache: [String: (seq: Int64, jws: String)] = [:]

    init(keys: NodeKeys) { self.keys = keys }

    /// The statement's claims: what a downstream node relies on, tied to the ledger event that
    /// fixed the figures.
    static func payload(_ l: LotRecord, nodeId: String) -> JSONValue {
        [
            "lotId": .string(l.lotId), "nodeId": .string(nodeId), "status": .string(l.status),
            "declaredUnit": .string(l.declaredUnit), "co2PerUnit": .optional(l.co2PerUnit), "totalCO2": .optional(l.totalCO2),
            "co2Unit": "kg-CO2e", "completedAt": .optional(l.completedAt.map { Timestamp.format(millis: $0) }),
            "ledgerSeq": .optional(l.completedSeq.map(Double.init)), "ledgerHash": .optional(l.completedHash),
            "version": .number(Double(l.version)), "primaryDataShare": .optional(l.primaryDataShare),
        ]
    }

    /// nil for a lot that is not completed: it has no CFP to state yet. The statement stored with
    /// the lot when its figures were fixed, or (lots completed before statements were stored)
    /// one signed now and cached.
    func statement(for lot: LotRecord) -> String? {
        if let stored = lot.statement { return stored }
        return sign(lot)
    }

    func sign(_ lot: LotRecord) -> String? {
        guard lot.status == "completed", let seq = lot.completedSeq, lot.completedHash != nil else { return nil }
        if let hit = lock.withLock({ cache[lot.lotId] }), hit.seq == seq { return hit.jws }
        let jws = LotStatement.sign(Self.payload(lot, nodeId: keys.nodeId), keys: keys)
        lock.withLock {
            if cache.count >= 100_000 { cache.removeAll(keepingCapacity: true) }
            cache[lot.lotId] = (seq, jws)
        }
        return jws
    }
}

/// Onward grants, signed once and handed out again while they have more than half their
/// lifetime left: repeated traces cost no signatures.
final class OnwardGrantSigner: @unchecked Sendable {
    private let keys: NodeKeys
    private let lock = NSLock()
    private var cache: [String: (jws: String, expires: Int64)] = [:]

    init(keys: NodeKeys) { self.keys = keys }

    func grant(holder: String, to: String, lot: String, node: String, via: String) -> String {
        let now = Int64(Date().timeIntervalSince1970)
        let key = [holder, to, lot, node, via].joined(separator: "|")
        if let hit = lock.withLock({ cache[key] }), hit.expires - now > OnwardGrant.lifetimeSeconds / 2 { return hit.jws }
        let jws = OnwardGrant.sign(holder: holder, to: to, lot: lot, node: node, via: via, keys: keys, now: now)
        lock.withLock {
            if cache.count >= 100_000 { cache.removeAll(keepingCapacity: true) }
            cache[key] = (jws, now + OnwardGrant.lifetimeSeconds)
        }
        return jws
    }
}
