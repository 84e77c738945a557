import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct EquipmentUseRow: RecordRow {
    package let record: EquipmentUseRecord
    package init(row: Row) {
        record = EquipmentUseRecord(
            useId: row["use_id"], lotId: row["lot_id"], equipmentId: row["equipment_id"], activity: row["activity"],
            unit: row["unit"], intensity: row["intensity"], intensityVersion: row["intensity_version"], co2: row["co2"],
            sourceTime: row["source_time"], seq: row["seq"], activitySource: row["activity_source"])
    }
}
