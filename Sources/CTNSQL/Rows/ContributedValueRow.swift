import CTNLedger
import CTNModel
import CTNStore
import GRDB

/// Columns `tenant_id`, `value`, `completed_at` and `seq` of a contribution joined with its lot.
package struct ContributedValueRow: RecordRow {
    package let record: ContributedValue
    package init(row: Row) {
        record = ContributedValue(tenantId: row["tenant_id"], value: row["value"], completedAt: row["completed_at"], seq: row["seq"])
    }
}
