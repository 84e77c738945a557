import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct TenantRow: RecordRow {
    package let record: TenantRecord
    package init(row: Row) {
        record = TenantRecord(
            tenantId: row["tenant_id"], businessId: row["business_id"], createdAt: row["created_at"],
            limits: TenantLimits(ratePerSecond: row["rate_limit"], burst: row["rate_burst"], heavy: row["heavy_limit"]))
    }
}
