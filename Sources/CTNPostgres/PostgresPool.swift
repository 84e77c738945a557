import Foundation
import Logging
import NIOSSL
import PostgresNIO
import Synchronization

/// A node's PostgreSQL database: a pool of connections (postgres-nio's `PostgresClient`, run on a
/// task of its own), the schema migrated at start under an advisory lock, and the checks
/// `/readyz` makes. Errors name what failed, never the password.
public final class PostgresPool: Sendable {
    public let url: PostgresURL
    let client: PostgresClient
    private let runner: Task<Void, Never>
    /// Set by the runner task just before it enters `PostgresClient.run()`.
    private let running = Flag()

    final class Flag: Sendable {
        let value = Atomic(false)
    }
    let logger: Logger
    /// The pool's size (for the operator's metrics).
    public let maxConnections: Int
    /// How to open a connection outside the pool (the writer's own).
    let connectionConfiguration: PostgresConnection.Configuration

    /// Why the database could not be used: what was being done, and the server's message (which
    /// never holds the password: authentication failures say only that they failed).
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Pooled connections a node process keeps unless told otherwise.
    public static let standardConnections = 20

    public init(_ url: PostgresURL, maxConnections: Int = standardConnections, logger: Logger = Logger(label: "ctn.postgres")) throws {
        self.url = url
        self.logger = logger
        self.maxConnections = max(1, maxConnections)
        let tls: PostgresClient.Configuration.TLS
        let connectionTLS: PostgresConnection.Configuration.TLS
        switch url.tls {
        case .disable:
            tls = .disable
            connectionTLS = .disable
        case .require, .verifyFull:
            var c = TLSConfiguration.makeClientConfiguration()
            if url.tls == .require {
                c.certificateVerification = .none
            } else if let ca = url.rootCertificate {
                c.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(ca))
            }
            tls = .require(c)
            connectionTLS = .require(try NIOSSLContext(configuration: c))
        }
        connectionConfiguration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: connectionTLS)
        var config = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: tls)
        config.options.maximumConnections = self.maxConnections
        config.options.connectTimeout = .seconds(5)
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        self.client = client
        let running = running
        runner = Task {
            running.value.store(true, ordering: .releasing)
            await client.run()
        }
    }

    deinit { runner.cancel() }

    /// Closes every connection; the database is unusable afterwards.
    public func close() { runner.cancel() }

    /// Applies the migrations the database lacks, each in a transaction that first takes the
    /// schema's advisory lock: a second process starting at once waits, then finds them applied.
    /// Returns the identifiers applied by this call.
    @discardableResult
    public func migrate() async throws -> [String] {
        var applied: [String] = []
        for (id, statements) in PostgresSchema.migrations {
            let did = try await transaction("migration \(id)") { conn in
                try await conn.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey))", logger: self.logger)
                try await conn.query(
                    "CREATE TABLE IF NOT EXISTS ctn_migrations(id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)", logger: self.logger)
                let rows = try await conn.query("SELECT 1 FROM ctn_migrations WHERE id = \(id)", logger: self.logger)
                for try await _ in rows { return false }
                for sql in statements { try await conn.query(PostgresQuery(unsafeSQL: sql), logger: self.logger) }
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                try await conn.query("INSERT INTO ctn_migrations(id, applied_at) VALUES (\(id), \(now))", logger: self.logger)
                return true
            }
            if did { applied.append(id) }
        }
        return applied
    }

    /// The migrations recorded in the database, in the order applied.
    public func appliedMigrations() async throws -> [String] {
        try await run("reading the migrations") {
            var ids: [String] = []
            let rows = try await self.client.query("SELECT id FROM ctn_migrations ORDER BY applied_at, id", logger: self.logger)
            for try await id in rows.decode(String.self) { ids.append(id) }
            return ids
        }
    }

    /// Whether the database answers and holds every migration this build knows; throws when it
    /// does not answer within `within` (the pool itself would wait out its connect retries).
    public func ready(within: Duration = .seconds(2)) async throws -> (migrated: Bool, schema: String) {
        let ids = try await LeaseGate.started(within: within, what: "the database at \(url.host):\(url.port)/\(url.database)") { _ in
            // Never begun: the whole answer must come within the limit.
            try await self.appliedMigrations()
        }
        let known: [String] = PostgresSchema.migrations.map { $0.id }
        return (Set(known).isSubset(of: Set(ids)), ids.last ?? "")
    }

    /// Creates an empty database owned by this pool's user (a copy of `template` when given).
    /// Names are lower-case letters, digits and `_`, starting with a letter.
    public func createDatabase(_ name: String, template: String? = nil) async throws {
        for n in [name] + (template.map { [$0] } ?? []) {
            guard let first = n.first, first.isLetter, n.count <= 63,
                n.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
            else { throw Failure(description: "\(n) is not a database name (a-z, 0-9 and _, at most 63)") }
        }
        let owner = "\"" + url.user.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let sql = "CREATE DATABASE \(name) OWNER \(owner)" + (template.map { " TEMPLATE \($0)" } ?? "")
        _ = try await run("creating database \(name)") { try await self.client.query(PostgresQuery(unsafeSQL: sql), logger: self.logger) }
    }

    /// The database's size on disk, in bytes (`pg_database_size`).
    public func databaseSize() async throws -> Int64 {
        try await run("reading the database size") {
            let rows = try await self.client.query("SELECT pg_database_size(current_database())::bigint", logger: self.logger)
            for try await size in rows.decode(Int64.self) { return size }
            return 0
        }
    }

    /// Runs `body` in one transaction (rolled back when it throws).
    func transaction<T: Sendable>(_ what: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await run(what) {
            do {
                return try await self.client.withTransaction(logger: self.logger) { conn in try await body(conn) }
            } catch let e as PostgresTransactionError {
                throw e.closureError ?? e.beginError ?? e.commitError ?? e.rollbackError ?? e
            }
        }
    }

    /// Runs `body`, turning a database error into a `Failure` that names `what` and the server's
    /// message (postgres-nio's own description of a `PSQLError` is deliberately generic).
    func run<T: Sendable>(_ what: String, _ body: @Sendable () async throws -> T) async throws -> T {
        // A lease before the pool runs would wait all the same, but postgres-nio warns of it.
        while !running.value.load(ordering: .acquiring) { await Task.yield() }
        do {
            return try await body()
        } catch {
            throw failure(what, error)
        }
    }

    /// A postgres-nio error as a `Failure` naming `what` and the server's message; other errors as they are.
    func failure(_ what: String, _ error: any Error) -> any Error {
        guard let e = error as? PSQLError else { return error }
        let message = e.serverInfo?[.message] ?? "\(e.code)"
        return Failure(description: "\(what) on \(url.host):\(url.port)/\(url.database) failed: \(message)")
    }
}
