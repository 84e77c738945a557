import CTNLedger
import CTNModel
import CTNStore
import GRDB

/// The last event's `seq` and `hash`: where the chain goes on from.
package struct LedgerTipRow: FetchableRecord {
    package let seq: Int64
    package let hash: String
    package init(row: Row) {
        seq = row["seq"]
        hash = row["hash"]
    }
}
