import CTNLedger
import CTNModel
import CTNStore
import GRDB

struct UsageRow: RecordRow {
    let record: UsageRecord
    init(row: Row) {
        record = UsageRecord(
            ownerTenant: row["owner_tenant"], reader: row["reader"], contract: row["contract"], lotId: row["lot_id"],
            basis: row["basis"], at: row["at"])
    }
}
