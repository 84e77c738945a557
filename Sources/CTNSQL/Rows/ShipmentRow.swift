import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct ShipmentRow: RecordRow {
    package let record: ShipmentRecord
    package init(row: Row) {
        record = ShipmentRecord(
            shipmentId: row["shipment_id"], lotId: row["lot_id"], consignee: row["consignee"], quantity: row["quantity"],
            sourceTime: row["source_time"], seq: row["seq"])
    }
}
