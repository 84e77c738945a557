import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct EquipmentRow: RecordRow {
    package let record: EquipmentRecord
    package init(row: Row) {
        record = EquipmentRecord(
            equipmentId: row["equipment_id"], tenantId: row["tenant_id"], activityUnit: row["activity_unit"],
            createdAt: row["created_at"])
    }
}
