import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct ContributionRow: RecordRow {
    package let record: ContributionRecord
    package init(row: Row) {
        record = ContributionRecord(
            lotId: row["lot_id"], tenantId: row["tenant_id"], category: row["category"], factor: row["factor"],
            contributedAt: row["contributed_at"], seq: row["seq"])
    }
}
