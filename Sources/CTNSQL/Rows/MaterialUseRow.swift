import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct MaterialUseRow: RecordRow {
    package let record: MaterialUseRecord
    package init(row: Row) {
        record = MaterialUseRecord(
            useId: row["use_id"], lotId: row["lot_id"], materialLotId: row["material_lot_id"], category: row["category"],
            quantity: row["quantity"], unit: row["unit"], perUnit: row["per_unit"], perUnitOf: row["per_unit_of"],
            baseQuantity: row["base_quantity"], co2: row["co2"], sourceTime: row["source_time"], seq: row["seq"],
            materialNode: row["material_node"], statementVersion: row["statement_version"],
            intensitySource: row["intensity_source"])
    }
}
