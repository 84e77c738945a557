import CTNLedger
import CTNStore
import GRDB

/// The ledger as stored, for verification (`Store.verifyLedger`) and export.
extension SQLStore {
    public func ledgerEvents(after seq: Int64, limit: Int) async throws -> [LedgerEvent] {
        try await sqlRead { h in
            let db = h.db
            // `seq` is the INTEGER PRIMARY KEY, that is the rowid: this is stored order, not an order
            // sorted after the fact, so a reordering shows.
            return try db.fetchAll(
                LedgerEventRow.self, "SELECT \(Columns.ledger) FROM ledger WHERE seq > ? ORDER BY seq LIMIT ?", [seq, limit]
            ).map(\.record)
        }
    }

    public func signedHead() async throws -> SignedHead? {
        try await sqlRead { h in
            let db = h.db
            return try db.fetchOne(SignedHeadRow.self, "SELECT seq, hash, signature FROM ledger_head WHERE id = 1", [])?.record
        }
    }
}
