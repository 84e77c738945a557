import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct RemoteStatementRow: RecordRow {
    package let record: RemoteStatementRecord
    package init(row: Row) {
        record = RemoteStatementRecord(
            nodeId: row["node_id"], lotId: row["lot_id"], version: row["version"], jws: row["jws"],
            co2PerUnit: row["co2_per_unit"], declaredUnit: row["declared_unit"], fetchedAt: row["fetched_at"])
    }
}
