import CTNLedger
import CTNModel
import CTNSQL
import CTNStore
import Dispatch
import Foundation
import GRDB
import Synchronization

/// The embedded backend: SQLite in WAL mode with `synchronous = FULL` (every commit is on disk
/// before the caller hears of it), one writer, and group commit: writes that arrive while a
/// transaction is being committed are batched into the next one, each in its own savepoint, so a
/// refused call never disturbs its neighbours and the fsync cost is shared (see GroupCommit.swift).
///
/// Shaped like GRDB's demo `AppDatabase`: it wraps any `DatabaseWriter` and migrates it at init.
/// Mutable state lives in mutexes, so the class is checked `Sendable`.
public final class SQLiteStore: SQLStore, Sendable {
    /// The database, for tools and tests that must reach it directly (the node never does).
    public let dbWriter: any DatabaseWriter
    let keys: NodeKeys
    /// The single writer and its queue (group commit).
    let committer: GroupCommitter
    let lotCache = LotCache()
    /// Connections for lot reads on the caller's thread (files only: nil in memory).
    let pointReaders: PointReaders?
    public let logNodes = LogNodeCache()
    /// Read transactions running now, and the pool's size (for the operator's metrics).
    let readsInFlight = Atomic<Int>(0)
    let readerCount: Int
    public static let maxBatch = GroupCommitter.maxBatch
    public var signingKeys: NodeKeys { keys }

    /// Wraps `dbWriter`, applying the migrations it lacks.
    /// `pointReadersAt`: the database file's path, for the connections of `lotSnapshot`.
    public init(_ dbWriter: any DatabaseWriter, keys: NodeKeys, readers: Int = 1, pointReadersAt path: String? = nil) throws {
        self.dbWriter = dbWriter
        self.readerCount = readers
        self.keys = keys
        try Self.migrator.migrate(dbWriter)
        let tip = try dbWriter.read { db in
            try LedgerTipRow.fetchOne(db, sql: "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1")
        }
        let size = tip?.seq ?? 0
        // A tree that is gone (a restored copy without it) is built again from the events.
        let hasTree = try dbWriter.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM log_nodes)") ?? false }
        if !hasTree, size > 0 { try dbWriter.write { db in try Self.buildLogTree(db) } }
        let tree = try dbWriter.read { db in try CompactRange(size: size, node: LogTree.node(db)) }
        pointReaders = try path.map { try PointReaders(path: $0, count: max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)) }
        let lotCache = lotCache
        committer = GroupCommitter(
            keys: keys, state: WriterState(headSeq: size, headHash: tip?.hash ?? LedgerHashing.genesis, tree: tree),
            transaction: { body in
                try dbWriter.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        try body(db)
                        return .commit
                    }
                }
            },
            committed: { lotCache.invalidate($0) })
        // A log carried over from before the tree (migration v19) gets its first signed head now.
        try Self.signMissingHead(dbWriter, keys: keys)
    }

    /// Signs the tree head of a log that has none for its size, in one write transaction: another
    /// process may be serving this file (a CLI command opened beside `ctn serve`), and a head read
    /// outside the writer's lock could be older than the one that process has just stored. The head
    /// only ever moves forward.
    static func signMissingHead(_ dbWriter: any DatabaseWriter, keys: NodeKeys) throws {
        /// The log's size when its signed head is behind it (both read in one transaction).
        func unsigned(_ db: Database) throws -> Int64? {
            let size = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM ledger") ?? 0
            let signed = try Int64.fetchOne(db, sql: "SELECT size FROM log_head WHERE id = 1") ?? 0
            return size > 0 && signed < size ? size : nil
        }
        // Nearly always nothing to do: decided by a read, so opening beside a busy writer does not wait for its lock.
        guard try dbWriter.read(unsigned) != nil else { return }
        try dbWriter.write { db in
            guard let size = try unsigned(db) else { return }
            let root = try Merkle.root(size: size, node: LogTree.node(db))
            try LogTree.storeHead(db, try keys.signTreeHead(size: size, root: root, timestamp: Timestamp.nowMillis()))
        }
    }

    /// The read-only connections close first: the pool's writer, closing last, then checkpoints the
    /// WAL into the file and removes it (a read-only connection closing last would leave it).
    deinit { try? pointReaders?.close() }

    /// The node's database file: a pool of readers and one writer, WAL, `synchronous = FULL`.
    public convenience init(path: String, keys: NodeKeys) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        config.maximumReaderCount = 8
        try self.init(
            DatabasePool(path: path, configuration: config), keys: keys, readers: config.maximumReaderCount, pointReadersAt: path)
    }

    /// A fresh database in memory (for tests): same schema, same group commit, nothing on disk.
    public static func inMemory(keys: NodeKeys) throws -> SQLiteStore {
        try SQLiteStore(DatabaseQueue(), keys: keys)
    }

    // MARK: Reads

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T {
        readsInFlight.add(1, ordering: .relaxed)
        defer { readsInFlight.subtract(1, ordering: .relaxed) }
        return try await dbWriter.read { db in try body(SQLTransaction(db: db, session: nil, logNodes: logNodes)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T {
        try await committer.write(body)
    }

    public func sqlRead<T: Sendable>(_ body: @escaping @Sendable (SQLHandle) throws -> T) async throws -> T {
        try await dbWriter.read { db in try body(SQLHandle(db)) }
    }

    public func sqlWrite<T: Sendable>(_ body: @escaping @Sendable (SQLHandle) throws -> T) async throws -> T {
        try await dbWriter.write { db in try body(SQLHandle(db)) }
    }

    /// Number of writes waiting for the writer (for tests that need a batch to form).
    var pendingWrites: Int { committer.load.waiting }

    public func lotSnapshot(_ lotId: String) async throws -> LotRecord? {
        if let hit = lotCache.get(lotId) { return hit }
        let generation = lotCache.generation
        let lot: LotRecord?
        if let now = try pointReaders?.read({ db in try SQLTransaction(db: db, session: nil).lot(lotId) }) {
            lot = now
        } else {
            lot = try await read { tx in try tx.lot(lotId) }
        }
        if let lot { lotCache.put(lot, ifGeneration: generation) }
        return lot
    }
}
