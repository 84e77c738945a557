import CTNLedger
import CTNModel
import CTNStore
import Dispatch
import GRDB
import Synchronization

/// Group commit, the same on both databases: writes that arrive while a batch is being committed
/// are batched into the next one, each in its own savepoint, so a refused call never disturbs its
/// neighbours and the cost of a durable commit is shared. One writer per process drains the queue.
///
/// A backend gives three things: `transaction` runs a body in one write transaction on its writer
/// connection; `begin` runs first inside it (PostgreSQL takes the ledger's lock there and catches
/// up with what other processes appended); `committed` hears which lots a committed batch touched,
/// before any caller does.
package final class GroupCommitter: Sendable {
    package typealias Transaction = @Sendable (_ body: (any SQLConnection) throws -> Void) throws -> Void
    package typealias Begin = @Sendable (any SQLConnection, BatchSession) throws -> Void

    let keys: NodeKeys
    let transaction: Transaction
    let begin: Begin
    let committed: @Sendable ([String]) -> Void
    let writerQueue = DispatchQueue(label: "ctn.store.writer", qos: .userInitiated)
    /// Writes waiting for the writer, and whether it is draining them (callers and writer).
    package let queue = Mutex(WriteQueue())
    /// Ledger head and writer cache: taken once per batch by the writer queue only.
    package let state: Mutex<WriterState>
    package static let maxBatch = 512

    package init(
        keys: NodeKeys, state: WriterState, transaction: @escaping Transaction, begin: @escaping Begin = { _, _ in },
        committed: @escaping @Sendable ([String]) -> Void = { _ in }
    ) {
        self.keys = keys
        self.state = Mutex(state)
        self.transaction = transaction
        self.begin = begin
        self.committed = committed
    }

    package func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T {
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

    /// Writes waiting for the writer, and whether it is busy.
    package var load: (waiting: Int, busy: Bool) { queue.withLock { ($0.pending.count, $0.draining) } }

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

    /// One transaction for the batch, one savepoint per job, one signed head and one durable commit for all.
    private func commit(_ batch: [WriteJob]) {
        var outcomes: [Result<@Sendable () -> Void, any Error>] = []
        outcomes.reserveCapacity(batch.count)
        let touched: [String] = state.withLock { state in
            let session = BatchSession(state)
            state.cache = WriterCache()  // the session holds the only copy: no copy-on-write while it runs
            defer { state = session.release() }
            var start = (seq: session.headSeq, hash: session.headHash, tree: session.tree)
            do {
                try transaction { db in
                    try begin(db, session)
                    start = (session.headSeq, session.headHash, session.tree)
                    let tx = SQLTransaction(db: db, session: session)
                    for job in batch {
                        let seq = session.headSeq
                        let hash = session.headHash
                        let tree = session.tree
                        do {
                            var done: @Sendable () -> Void = {}
                            try db.savepoint { done = try job.run(tx) }
                            outcomes.append(.success(done))
                        } catch {
                            outcomes.append(.failure(error))
                            session.cache.clear()  // it may hold rows of the rolled-back savepoint
                            session.headSeq = seq
                            session.headHash = hash
                            session.tree = tree
                        }
                    }
                    if session.headSeq != start.seq {
                        let head = try keys.signHead(seq: session.headSeq, hash: session.headHash)
                        try db.execute(
                            "INSERT INTO ledger_head(id, seq, hash, signature) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, signature = excluded.signature",
                            [head.seq, head.hash, head.signature])
                        let treeHead = try keys.signTreeHead(
                            size: session.tree.size, root: session.tree.root, timestamp: Timestamp.nowMillis())
                        try LogTree.storeHead(db, treeHead)
                    }
                }
            } catch {
                // Nothing of the batch committed: every job that had succeeded fails with it.
                session.headSeq = start.seq
                session.headHash = start.hash
                session.tree = start.tree
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
        committed(touched)
        for (job, outcome) in zip(batch, outcomes) {
            switch outcome {
            case .success(let done): done()
            case .failure(let error): job.fail(error)
            }
        }
    }
}
