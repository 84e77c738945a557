import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct SignedHeadRow: RecordRow {
    package let record: SignedHead
    package init(row: Row) {
        record = SignedHead(seq: row["seq"], hash: row["hash"], signature: row["signature"])
    }
}
