import CTNLedger
import CTNModel
import CTNStore
import GRDB

struct ShipmentRow: RecordRow {
    let record: ShipmentRecord
    init(row: Row) {
        record = ShipmentRecord(
            shipmentId: row["shipment_id"], lotId: row["lot_id"], consignee: row["consignee"], quantity: row["quantity"],
            sourceTime: row["source_time"], seq: row["seq"])
    }
}
