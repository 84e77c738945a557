import CTNSQL
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// The writer's own connection, outside the pool: the group committer runs on one thread of its
/// own and blocks on it. A connection found closed (the server restarted, the network dropped) is
/// replaced before the next batch.
final class WriterLink: Sendable {
    private let current = Mutex<PostgresConnection?>(nil)
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let failure: @Sendable (any Error) -> any Error

    init(configuration: PostgresConnection.Configuration, logger: Logger, failure: @escaping @Sendable (any Error) -> any Error) {
        self.configuration = configuration
        self.logger = logger
        self.failure = failure
    }

    /// Runs `body` in one transaction on the writer's connection (blocking; not on an event loop).
    func transaction(_ body: (any SQLConnection) throws -> Void) throws {
        // READ COMMITTED whatever the database's default: the tip must be read after the ledger's
        // lock is granted, not from a snapshot taken before it.
        try BlockingConnection(conn: try connection(), logger: logger).inTransaction("BEGIN ISOLATION LEVEL READ COMMITTED") { db in
            try body(db)
        }
    }

    private func connection() throws -> PostgresConnection {
        if let c = current.withLock({ $0 }), !c.isClosed { return c }
        do {
            let c = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 0, logger: logger
            ).wait()
            // Commits are durable before callers hear of them, and a stuck session cannot hold the
            // ledger's lock (and with it every process's writes) for long.
            let settings = BlockingConnection(conn: c, logger: logger)
            for sql in [
                "SET synchronous_commit = on", "SET statement_timeout = '60s'", "SET lock_timeout = '60s'",
                "SET idle_in_transaction_session_timeout = '60s'",
            ] {
                try settings.execute(sql, [])
            }
            current.withLock { $0 = c }
            return c
        } catch {
            throw failure(error)
        }
    }

    func close() {
        let c = current.withLock { c in
            defer { c = nil }
            return c
        }
        guard let c else { return }
        // The connection must outlive its closing (postgres-nio asserts it is closed at deinit).
        let closing: EventLoopFuture<Void> = c.close()
        closing.whenComplete { _ in _ = c }
    }
}
