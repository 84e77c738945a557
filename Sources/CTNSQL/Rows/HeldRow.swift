import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct HeldRow: RecordRow {
    package let record: HeldRecord
    package init(row: Row) {
        record = HeldRecord(
            tenantId: row["tenant_id"], node: row["node"], lotId: row["lot_id"], kind: row["kind"], content: row["content"],
            obtainedAt: row["obtained_at"])
    }
}
