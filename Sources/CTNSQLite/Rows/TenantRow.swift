import CTNLedger
import CTNModel
import CTNStore
import GRDB

struct TenantRow: RecordRow {
    let record: TenantRecord
    init(row: Row) {
        record = TenantRecord(tenantId: row["tenant_id"], businessId: row["business_id"], createdAt: row["created_at"])
    }
}
