import CTNLedger
import CTNStore
import GRDB

/// A store on a SQL database: the administration, log, witness, session and PACT methods of
/// `Store` are written once, in extensions of this protocol, on top of two primitives each backend
/// gives: a read transaction and a direct write transaction (no ledger events, so no group commit).
public protocol SQLStore: Store {
    /// Runs `body` in one read transaction (a consistent view of committed data).
    func sqlRead<T: Sendable>(_ body: @escaping @Sendable (SQLHandle) throws -> T) async throws -> T
    /// Runs `body` in one write transaction that appends nothing to the ledger.
    func sqlWrite<T: Sendable>(_ body: @escaping @Sendable (SQLHandle) throws -> T) async throws -> T
    /// The node's keys (its ID names the tree heads this store signs).
    var signingKeys: NodeKeys { get }
    /// Perfect subtrees of the log as readers found them, shared by every read.
    var logNodes: LogNodeCache { get }
}
