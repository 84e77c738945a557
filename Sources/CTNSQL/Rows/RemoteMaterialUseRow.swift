import CTNLedger
import CTNModel
import CTNStore
import GRDB

/// A material use resting on another node's lot: only which use, of which lot, and when.
package struct RemoteMaterialUseRow: RecordRow {
    package static let columns = "use_id, lot_id, material_lot_id, material_node, seq"
    package let record: MaterialUseRecord
    package init(row: Row) {
        record = MaterialUseRecord(
            useId: row["use_id"], lotId: row["lot_id"], materialLotId: row["material_lot_id"], category: nil,
            quantity: 0, unit: "", perUnit: 0, perUnitOf: "", baseQuantity: 0, co2: 0, sourceTime: 0,
            seq: row["seq"], materialNode: row["material_node"])
    }
}
