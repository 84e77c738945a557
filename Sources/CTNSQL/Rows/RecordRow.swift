import CTNLedger
import CTNModel
import CTNStore
import GRDB

/// A database row decoded, by column name, into one of the store's records. The records belong to
/// the interface module, so the SQLite decoding lives in these small wrappers instead of in
/// conformances of the records themselves.
package protocol RecordRow: FetchableRecord {
    associatedtype Record
    var record: Record { get }
}
