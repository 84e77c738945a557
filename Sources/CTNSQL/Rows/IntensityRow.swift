import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct IntensityRow: RecordRow {
    package let record: IntensityRecord
    package init(row: Row) {
        record = IntensityRecord(
            equipmentId: row["equipment_id"], version: row["version"], value: row["value"], unit: row["unit"],
            perActivity: row["per_activity"], validFrom: row["valid_from"], registeredAt: row["registered_at"],
            reportId: row["report_id"], u: row["u"], tier: row["tier"], evidence: row["evidence"], snapshotId: row["snapshot_id"])
    }
}
