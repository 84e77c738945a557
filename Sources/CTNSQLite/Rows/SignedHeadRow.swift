import CTNLedger
import CTNModel
import CTNStore
import GRDB

struct SignedHeadRow: RecordRow {
    let record: SignedHead
    init(row: Row) {
        record = SignedHead(seq: row["seq"], hash: row["hash"], signature: row["signature"])
    }
}
