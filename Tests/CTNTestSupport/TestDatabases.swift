import CTNLedger
import CTNPostgres
import CTNSQL
import CTNSQLite
import CTNStore
import Foundation

/// The store a test runs on: SQLite in memory, or with `CTN_TEST_STORE=postgresql` a new database
/// on the tests' PostgreSQL server (`PostgresServer`) (the test command runs the store and
/// service tests once on each).
public enum TestStores {
    public static var postgres: Bool { ProcessInfo.processInfo.environment["CTN_TEST_STORE"] == "postgresql" }

    public static func make(keys: NodeKeys) async throws -> any SQLStore {
        guard postgres else { return try SQLiteStore.inMemory(keys: keys) }
        return try await PostgresStore.open(try await TestDatabases.shared.fresh(), keys: keys)
    }
}

/// New databases for the fixtures, each a copy of one migrated template (a copy is much faster
/// than applying the schema again).
public actor TestDatabases {
    public static let shared = TestDatabases()
    private var template: Task<PostgresURL, any Error>?
    /// This test process's own template (runs sharing a server do not meet).
    private let templateName = "tpl_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")

    public func fresh() async throws -> PostgresURL {
        let main = try await templateURL()
        let admin = try PostgresPool(main, maxConnections: 1)
        defer { admin.close() }
        let name = "f_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        // A template must have no connection left: the one that migrated it may take a moment to close.
        for attempt in 1...50 {
            do {
                try await admin.createDatabase(name, template: templateName)
                break
            } catch let e as PostgresPool.Failure where attempt < 50 && e.description.contains("being accessed by other users") {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        var url = main
        url.database = name
        return url
    }

    private func templateURL() async throws -> PostgresURL {
        if let template { return try await template.value }
        let name = templateName
        let task = Task<PostgresURL, any Error> {
            let main = try PostgresURL(PostgresServer.shared)
            let admin = try PostgresPool(main, maxConnections: 1)
            defer { admin.close() }
            try await admin.createDatabase(name)
            var url = main
            url.database = name
            let pool = try PostgresPool(url, maxConnections: 1)
            try await pool.migrate()
            pool.close()
            return main
        }
        template = task
        return try await task.value
    }
}
