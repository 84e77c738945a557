import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct LedgerEventRow: RecordRow {
    package let record: LedgerEvent
    package init(row: Row) {
        record = LedgerEvent(
            seq: row["seq"], ledgerTime: row["ledger_time"], sourceTime: row["source_time"], tenantId: row["tenant_id"],
            contract: row["contract"], event: row["event"], payload: row["payload"], payloadHash: row["payload_hash"],
            prevHash: row["prev_hash"], hash: row["hash"])
    }
}
