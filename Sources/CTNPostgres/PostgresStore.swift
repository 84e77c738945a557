import CTNLedger
import CTNModel
import CTNSQL
import CTNStore
import Dispatch
import Logging
import NIOPosix
import PostgresNIO
import Synchronization

/// The backend for operators hosting many businesses: PostgreSQL, shared by any number of node
/// processes with the same identity. Every write batch takes the ledger's advisory lock inside its
/// transaction and catches up with what other processes appended before it appends, so the node
/// has one ledger order with no gap and no fork (the ledger's primary key would refuse one).
/// Commits are durable before callers hear of them (PostgreSQL's `synchronous_commit`, on by
/// default). Nothing is cached across requests that another process could change: lots are read
/// from the database each time, tokens through the node's 2-second token cache.
///
/// Transaction bodies are synchronous (see `Store`): they run on threads of the store's own
/// against a blocking connection, never on an event loop or in Swift concurrency's pool.
public final class PostgresStore: SQLStore, Sendable {
    public let pool: PostgresPool
    let keys: NodeKeys
    let committer: GroupCommitter
    let writer: WriterLink
    public let logNodes = LogNodeCache()
    let readsInFlight = Atomic<Int>(0)
    /// The lock every write transaction takes first (the bytes of "ctn-ledg").
    static let ledgerLock: Int64 = 0x63_74_6E_2D_6C_65_64_67
    /// How long a call waits for a pooled connection (the server down, or every connection busy).
    static let leaseTimeout: Duration = .seconds(5)
    /// Threads for transaction bodies (each body blocks one; Dispatch's global queues would grow
    /// by about one thread a second): a pool larger than this could not use its connections.
    public static let bodyThreads = 24
    static let threads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: bodyThreads)
        pool.start()
        return pool
    }()

    public var signingKeys: NodeKeys { keys }

    /// Connects, applies the migrations the database lacks (under their lock), and reads the
    /// ledger's head. A log whose signed head lags its events (a copy migrated in) is signed now.
    /// `connections`: the pool's size (the writer has one more of its own).
    public static func open(
        _ url: PostgresURL, keys: NodeKeys, connections: Int = PostgresPool.standardConnections,
        logger: Logger = Logger(label: "ctn.postgres")
    ) async throws
        -> PostgresStore
    {
        let pool = try PostgresPool(url, maxConnections: connections, logger: logger)
        var writerToClose: WriterLink?
        do {
            try await pool.migrate()
            let writer = WriterLink(configuration: pool.connectionConfiguration, logger: logger) { error in
                pool.failure("connecting the writer", error)
            }
            writerToClose = writer
            let state = try await onThread {
                var state = WriterState(headSeq: 0, headHash: LedgerHashing.genesis, tree: CompactRange())
                try writer.transaction { db in
                    try db.execute("SELECT pg_advisory_xact_lock(\(ledgerLock))", [])
                    try claim(db, keys: keys)
                    let session = BatchSession(state)
                    try catchUp(db, session)
                    state = session.release()
                    let signed = try db.fetchValue(Int64.self, "SELECT size FROM log_head WHERE id = 1", [])
                    if state.headSeq > 0, signed != state.headSeq {
                        try LogTree.storeHead(
                            db, try keys.signTreeHead(size: state.tree.size, root: state.tree.root, timestamp: Timestamp.nowMillis()))
                    }
                }
                return state
            }
            return PostgresStore(pool: pool, keys: keys, writer: writer, state: state)
        } catch {
            writerToClose?.close()
            pool.close()
            throw error
        }
    }

    private init(pool: PostgresPool, keys: NodeKeys, writer: WriterLink, state: WriterState) {
        self.pool = pool
        self.keys = keys
        self.writer = writer
        committer = GroupCommitter(
            keys: keys, state: state, transaction: { body in try writer.transaction(body) },
            begin: { db, session in
                try db.execute("SELECT pg_advisory_xact_lock(\(Self.ledgerLock))", [])
                try Self.catchUp(db, session)
            })
    }

    deinit { writer.close() }

    /// Closes the writer's connection and the pool; the store is unusable afterwards.
    public func close() {
        writer.close()
        pool.close()
    }

    /// The database is this node's: the one recorded there, or a new one (nothing written yet),
    /// which this node then claims. A process of another node refuses to write here.
    static func claim(_ db: any SQLConnection, keys: NodeKeys) throws {
        if let owner = try db.row("SELECT node_id, public_key FROM ctn_node WHERE id = 1") {
            let (id, key): (String, String) = (owner["node_id"], owner["public_key"])
            guard id == keys.nodeId, key == keys.publicKeyBase64 else {
                throw PostgresPool.Failure(description: "this database holds the data of node \(id), not of \(keys.nodeId)")
            }
            return
        }
        guard try !holdsData(db) else {
            throw PostgresPool.Failure(
                description: "this database holds data of a node it does not name; \(keys.nodeId) will not write there")
        }
        try db.execute("INSERT INTO ctn_node(id, node_id, public_key) VALUES (1, ?, ?)", [keys.nodeId, keys.publicKeyBase64])
    }

    /// Whether the database holds any ledger event or tenant.
    static func holdsData(_ db: any SQLConnection) throws -> Bool {
        try db.fetchValue(Bool.self, "SELECT EXISTS(SELECT 1 FROM ledger) OR EXISTS(SELECT 1 FROM tenants)", []) ?? false
    }

    /// Moves the session to the ledger's tip when another process appended since this one last
    /// wrote (its cached rows may be stale then, so they are dropped).
    static func catchUp(_ db: any SQLConnection, _ session: BatchSession) throws {
        let tip = try db.fetchOne(LedgerTipRow.self, "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1", [])
        let seq = tip?.seq ?? 0
        let hash = tip?.hash ?? LedgerHashing.genesis
        guard seq != session.headSeq || hash != session.headHash else { return }
        session.headSeq = seq
        session.headHash = hash
        session.tree = try CompactRange(size: seq, node: LogTree.node(db))
        session.cache.clear()
    }

    // MARK: Transactions

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T {
        let cache = logNodes
        return try await transaction(readOnly: true) { db in try body(SQLTransaction(db: db, session: nil, logNodes: cache)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T {
        try await committer.write(body)
    }

    public func sqlRead<T: Sendable>(_ body: @escaping @Sendable (SQLHandle) throws -> T) async throws -> T {
        try await transaction(readOnly: true) { db in try body(SQLHandle(db)) }
    }

    public func sqlWrite<T: Sendable>(_ body: @escaping @Sendable (SQLHandle) throws -> T) async throws -> T {
        try await transaction(readOnly: false) { db in try body(SQLHandle(db)) }
    }

    /// Read from the database every time: another process may have changed the lot a moment ago.
    /// One statement, so no transaction around it, and sent from the caller's task (the hot path
    /// of Lot Enquiry: no hop to a blocking thread).
    public func lotSnapshot(_ lotId: String) async throws -> LotRecord? {
        let query = try BlockingConnection.query("SELECT \(Columns.lot) FROM lots WHERE lot_id = ?", [lotId])
        let logger = pool.logger
        return try await leased("reading a lot") { conn in
            for try await row in try await conn.query(query, logger: logger) {
                return LotRow(row: try BlockingConnection.row(row)).record
            }
            return nil
        }
    }

    public func health() async throws -> StoreHealth {
        let (migrated, schema) = try await pool.ready()
        let (waiting, busy) = committer.load
        return StoreHealth(
            migrated: migrated, schema: schema, readersInUse: readsInFlight.load(ordering: .relaxed), readers: pool.maxConnections,
            writesWaiting: waiting, writerBusy: busy)
    }

    /// Runs `body` in one transaction on a pooled connection, on one of the store's threads: a read
    /// sees one snapshot (REPEATABLE READ); a write is rolled back when `body` throws.
    func transaction<T: Sendable>(readOnly: Bool, _ body: @escaping @Sendable (BlockingConnection) throws -> T) async throws -> T {
        let logger = pool.logger
        return try await leased("a transaction") { conn in
            try await Self.onThread {
                try BlockingConnection(conn: conn, logger: logger).inTransaction(
                    readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN ISOLATION LEVEL READ COMMITTED", body)
            }
        }
    }

    /// Runs `body` with a pooled connection, which it must have within `leaseTimeout`.
    func leased<T: Sendable>(_ what: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        readsInFlight.add(1, ordering: .relaxed)
        defer { readsInFlight.subtract(1, ordering: .relaxed) }
        return try await LeaseGate.started(within: Self.leaseTimeout, what: "a connection to \(pool.url.host):\(pool.url.port)") { begin in
            try await self.pool.run(what) {
                try await self.pool.client.withConnection { conn in
                    guard begin() else { throw CancellationError() }
                    return try await body(conn)
                }
            }
        }
    }

    /// Runs blocking work on the store's threads and resumes the caller with its result.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await threads.runIfActive(work)
    }
}
