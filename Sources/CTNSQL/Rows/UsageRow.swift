import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct UsageRow: RecordRow {
    package let record: UsageRecord
    package init(row: Row) {
        record = UsageRecord(
            ownerTenant: row["owner_tenant"], reader: row["reader"], contract: row["contract"], lotId: row["lot_id"],
            basis: row["basis"], at: row["at"])
    }
}
