import CTNLedger
import CTNModel
import CTNStore
import Foundation
import GRDB
import Synchronization

/// The writer's state while one batch runs, shared by the batch's transaction views. It owns the
/// state taken out of `SQLiteStore.writerState` (moved, not copied: the caches stay unique) and
/// gives it back at the end of the batch.
package final class BatchSession {
    package var headSeq: Int64
    package var headHash: String
    package var tree: CompactRange
    package var cache: WriterCache
    /// Lots written in this batch, dropped from the read cache before any caller hears back.
    package var touchedLots: [String] = []

    package init(_ state: WriterState) {
        headSeq = state.headSeq
        headHash = state.headHash
        tree = state.tree
        cache = state.cache
    }

    /// Hands the state back, leaving this session empty.
    package func release() -> WriterState {
        let state = WriterState(headSeq: headSeq, headHash: headHash, tree: tree, cache: cache)
        cache = WriterCache()
        return state
    }

    var nextSeq: Int64 { headSeq + 1 }

    /// Appends the next event of the chain inside the batch's transaction and moves the head. With
    /// `stating`, the event's log leaf is the statement it returns (given the event and its leaf
    /// index), kept beside the event; otherwise the leaf is the event's hash.
    func append(
        db: any SQLConnection, tenantId: String, contract: String, event: String, sourceTime: Int64, payload: JSONValue,
        stating: ((LedgerEvent, Int64) throws -> String)? = nil
    ) throws -> LedgerEvent {
        let e = LedgerHashing.next(
            after: headSeq, prevHash: headHash, ledgerTime: Timestamp.nowMillis(), sourceTime: sourceTime,
            tenantId: tenantId, contract: contract, event: event, payload: payload)
        try db.execute(
            "INSERT INTO ledger(seq, ledger_time, source_time, tenant_id, contract, event, payload, payload_hash, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [e.seq, e.ledgerTime, e.sourceTime, e.tenantId, e.contract, e.event, e.payload, e.payloadHash, e.prevHash, e.hash])
        // The event (or its statement) is the next leaf of the log's Merkle tree, in the same transaction.
        var leaf = LedgerHashing.leafHash(eventHash: e.hash)
        if let stating {
            let jws = try stating(e, tree.size)
            guard let h = LotStatement.leafHash(jws) else { throw DatabaseError(message: "a log statement must be a compact JWS") }
            try db.execute("INSERT INTO log_statements(seq, statement) VALUES (?, ?)", [e.seq, jws])
            leaf = h
        }
        try LogTree.append(db, leaf, to: &tree)
        headSeq = e.seq
        headHash = e.hash
        return e
    }
}
