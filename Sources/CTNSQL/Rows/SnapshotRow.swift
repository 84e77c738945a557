import CTNStore
import GRDB

package struct SnapshotRow: RecordRow {
    package let record: SnapshotRecord
    package init(row: Row) {
        record = SnapshotRecord(
            snapshotId: row["snapshot_id"], tenantId: row["tenant_id"], site: row["site"], periodStart: row["period_start"],
            periodEnd: row["period_end"], version: row["version"], parentId: row["parent_id"], contentHash: row["content_hash"],
            payload: row["payload"], seq: row["seq"], lockedAt: row["locked_at"])
    }
}
