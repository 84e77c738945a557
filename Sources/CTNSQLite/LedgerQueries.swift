import CTNLedger
import CTNStore
import GRDB

/// The ledger as stored, for verification (`Store.verifyLedger`) and export.
extension SQLiteStore {
    public func ledgerEvents(after seq: Int64, limit: Int) async throws -> [LedgerEvent] {
        try await dbWriter.read { db in
            // `seq` is the INTEGER PRIMARY KEY, that is the rowid: this is stored order, not an order
            // sorted after the fact, so a reordering shows.
            try LedgerEventRow.fetchAll(
                db, sql: "SELECT \(Columns.ledger) FROM ledger WHERE seq > ? ORDER BY seq LIMIT ?",
                arguments: [seq, limit]
            ).map(\.record)
        }
    }

    public func signedHead() async throws -> SignedHead? {
        try await dbWriter.read { db in
            try SignedHeadRow.fetchOne(db, sql: "SELECT seq, hash, signature FROM ledger_head WHERE id = 1")?.record
        }
    }
}
