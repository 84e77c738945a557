import CTNLedger
import CTNModel
import CTNStore
import GRDB
import Synchronization

/// What outlives one batch: the ledger head and the rows the writer has cached.
package struct WriterState: Sendable {
    package var headSeq: Int64
    package var headHash: String
    /// The right edge of the log's Merkle tree (one leaf per event).
    package var tree = CompactRange()
    package var cache = WriterCache()
}

extension WriterState {
    package init(headSeq: Int64, headHash: String, tree: CompactRange) {
        self.headSeq = headSeq
        self.headHash = headHash
        self.tree = tree
    }
}
