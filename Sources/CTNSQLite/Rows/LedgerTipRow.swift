import CTNLedger
import CTNModel
import CTNStore
import GRDB

/// The last event's `seq` and `hash`: where the chain goes on from.
struct LedgerTipRow: FetchableRecord {
    let seq: Int64
    let hash: String
    init(row: Row) {
        seq = row["seq"]
        hash = row["hash"]
    }
}
