import CTNLedger
import CTNModel
import CTNStore
import GRDB
import Synchronization

/// What outlives one batch: the ledger head and the rows the writer has cached.
struct WriterState: Sendable {
    var headSeq: Int64
    var headHash: String
    /// The right edge of the log's Merkle tree (one leaf per event).
    var tree = CompactRange()
    var cache = WriterCache()
}
