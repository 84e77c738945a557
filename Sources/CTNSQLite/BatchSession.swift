import CTNLedger
import CTNModel
import CTNStore
import Foundation
import GRDB
import Synchronization

/// The writer's state while one batch runs, shared by the batch's transaction views. It owns the
/// state taken out of `SQLiteStore.writerState` (moved, not copied: the caches stay unique) and
/// gives it back at the end of the batch.
final class BatchSession {
    var headSeq: Int64
    var headHash: String
    var tree: CompactRange
    var cache: WriterCache
    /// Lots written in this batch, dropped from the read cache before any caller hears back.
    var touchedLots: [String] = []

    init(_ state: WriterState) {
        headSeq = state.headSeq
        headHash = state.headHash
        tree = state.tree
        cache = state.cache
    }

    /// Hands the state back, leaving this session empty.
    func release() -> WriterState {
        let state = WriterState(headSeq: headSeq, headHash: headHash, tree: tree, cache: cache)
        cache = WriterCache()
        return state
    }

    var nextSeq: Int64 { headSeq + 1 }

    /// Appends the next event of the chain inside the batch's transaction and moves the head. With
    /// `stating`, the event's log leaf is the statement it returns (given the event and its leaf
    /// index), kept beside the event; otherwise the leaf is the event's hash.
    func append(
        db: Database, tenantId: String, contract: String, event: String, sourceTime: Int64, payload: JSONValue,
        stating: ((LedgerEvent, Int64) throws -> String)? = nil
    ) throws -> LedgerEvent {
        let e = LedgerHashing.next(
            after: headSeq, prevHash: headHash, ledgerTime: Timestamp.nowMillis(), sourceTime: sourceTime,
            tenantId: tenantId, contract: contract, event: event, payload: payload)
        try db.cachedStatement(
            sql:
                "INSERT INTO ledger(seq, ledger_time, source_time, tenant_id, contract, event, payload, payload_hash, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)"
        )
        .execute(arguments: [
            e.seq, e.ledgerTime, e.sourceTime, e.tenantId, e.contract, e.event, e.payload, e.payloadHash, e.prevHash, e.hash,
        ])
        // The event (or its statement) is the next leaf of the log's Merkle tree, in the same transaction.
        var leaf = LedgerHashing.leafHash(eventHash: e.hash)
        if let stating {
            let jws = try stating(e, tree.size)
            guard let h = LotStatement.leafHash(jws) else { throw DatabaseError(message: "a log statement must be a compact JWS") }
            try db.cachedStatement(sql: "INSERT INTO log_statements(seq, statement) VALUES (?, ?)").execute(arguments: [e.seq, jws])
            leaf = h
        }
        let insert = try db.cachedStatement(sql: "INSERT INTO log_nodes(level, idx, hash) VALUES (?,?,?)")
        for n in tree.append(leaf) {
            try insert.execute(arguments: [n.level, n.index, Data(n.hash)])
        }
        headSeq = e.seq
        headHash = e.hash
        return e
    }
}

extension SQLiteStore {
    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<T, any Error>) in
            let job = WriteJob(
                run: { tx in
                    let value = try body(tx)
                    return { cont.resume(returning: value) }
                },
                fail: { cont.resume(throwing: $0) })
            let start = queue.withLock { q in
                q.pending.append(job)
                let start = !q.draining
                q.draining = true
                return start
            }
            if start { writerQueue.async { self.drain() } }
        }
    }

    /// Number of writes waiting for the writer (for tests that need a batch to form).
    var pendingWrites: Int { queue.withLock { $0.pending.count } }

    /// Runs on the writer queue until no write is pending.
    private func drain() {
        while true {
            let batch: [WriteJob]? = queue.withLock { q in
                if q.pending.isEmpty {
                    q.draining = false
                    return nil
                }
                let batch = Array(q.pending.prefix(Self.maxBatch))
                q.pending.removeFirst(batch.count)
                return batch
            }
            guard let batch else { return }
            commit(batch)
        }
    }

    /// One transaction for the batch, one savepoint per job, one signed head and one fsync for all.
    private func commit(_ batch: [WriteJob]) {
        var outcomes: [Result<@Sendable () -> Void, any Error>] = []
        outcomes.reserveCapacity(batch.count)
        let touched: [String] = writerState.withLock { state in
            let session = BatchSession(state)
            state.cache = WriterCache()  // the session holds the only copy: no copy-on-write while it runs
            defer { state = session.release() }
            let startSeq = session.headSeq
            let startHash = session.headHash
            let startTree = session.tree
            do {
                try dbWriter.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        let tx = SQLiteTransaction(db: db, session: session)
                        for job in batch {
                            let seq = session.headSeq
                            let hash = session.headHash
                            let tree = session.tree
                            do {
                                var done: @Sendable () -> Void = {}
                                try db.inSavepoint {
                                    done = try job.run(tx)
                                    return .commit
                                }
                                outcomes.append(.success(done))
                            } catch {
                                outcomes.append(.failure(error))
                                session.cache.clear()  // it may hold rows of the rolled-back savepoint
                                session.headSeq = seq
                                session.headHash = hash
                                session.tree = tree
                            }
                        }
                        if session.headSeq != startSeq {
                            let head = try keys.signHead(seq: session.headSeq, hash: session.headHash)
                            try db.cachedStatement(
                                sql:
                                    "INSERT INTO ledger_head(id, seq, hash, signature) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, signature = excluded.signature"
                            )
                            .execute(arguments: [head.seq, head.hash, head.signature])
                            let treeHead = try keys.signTreeHead(
                                size: session.tree.size, root: session.tree.root, timestamp: Timestamp.nowMillis())
                            try Self.storeTreeHead(db, treeHead)
                        }
                        return .commit
                    }
                }
            } catch {
                // Nothing of the batch committed: every job that had succeeded fails with it.
                session.headSeq = startSeq
                session.headHash = startHash
                session.tree = startTree
                session.cache.clear()
                outcomes = outcomes.map { outcome in
                    if case .failure = outcome { return outcome }
                    return .failure(error)
                }
                outcomes += Array(repeating: .failure(error), count: batch.count - outcomes.count)
            }
            return session.touchedLots
        }
        // Before anyone hears of the commit, drop what it changed from the read cache.
        lotCache.invalidate(touched)
        for (job, outcome) in zip(batch, outcomes) {
            switch outcome {
            case .success(let done): done()
            case .failure(let error): job.fail(error)
            }
        }
    }
}
