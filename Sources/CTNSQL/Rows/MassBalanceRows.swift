import CTNStore
import GRDB

/// The mass-balance rows decoded by column name.
package enum MassBalanceRows {
    package static let event = "event_id, tenant_id, kind, batch_id, source_time, received_at, seq, ledger_hash, payload"
    package static let movement = "tenant_id, site, material, pool, scheme, claim, grams, time, expires_at, event_id, batch_id, seq, idx"
    package static let declaration = "declaration_id, issuer, tenant_id, direction, lot_id, jws, event_id, seq, at"
    package static let slice = "tenant_id, start, \"end\", events, prev_hash, hash, seq"

    package static func event(_ r: Row) -> MassBalanceEventRecord {
        MassBalanceEventRecord(
            eventId: r["event_id"], tenantId: r["tenant_id"], kind: r["kind"], batchId: r["batch_id"], sourceTime: r["source_time"],
            receivedAt: r["received_at"], seq: r["seq"], ledgerHash: r["ledger_hash"], payload: r["payload"])
    }

    package static func movement(_ r: Row) -> PoolMovementRecord {
        PoolMovementRecord(
            tenantId: r["tenant_id"], site: r["site"], material: r["material"], pool: r["pool"], scheme: r["scheme"], claim: r["claim"],
            grams: r["grams"], time: r["time"], expiresAt: r["expires_at"], eventId: r["event_id"], batchId: r["batch_id"], seq: r["seq"],
            index: r["idx"])
    }

    package static func declaration(_ r: Row) -> DeclarationRecord {
        DeclarationRecord(
            declarationId: r["declaration_id"], issuer: r["issuer"], tenantId: r["tenant_id"], direction: r["direction"],
            lotId: r["lot_id"],
            jws: r["jws"], eventId: r["event_id"], seq: r["seq"], at: r["at"])
    }

    package static func slice(_ r: Row) -> SliceRecord {
        SliceRecord(
            tenantId: r["tenant_id"], start: r["start"], end: r["end"], events: r["events"], prevHash: r["prev_hash"], hash: r["hash"],
            seq: r["seq"])
    }
}
