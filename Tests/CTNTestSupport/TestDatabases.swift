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
    private var template: Task<Void, any Error>?
    /// This test process's own template (runs sharing a server do not meet).
    private let templateName = "tpl_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")

    public func fresh() async throws -> PostgresURL {
        try await templateReady()
        // A template must have no connection left: the one that migrated it may take a moment to close.
        for attempt in 1...50 {
            do {
                return try await PostgresServer.freshDatabase(template: templateName)
            } catch let e as PostgresPool.Failure where attempt < 50 && e.description.contains("being accessed by other users") {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw PostgresPool.Failure(description: "the template \(templateName) stayed in use")
    }

    /// Makes and migrates this process's template once.
    private func templateReady() async throws {
        if let template { return try await template.value }
        let name = templateName
        let task = Task<Void, any Error> {
            let pool = try PostgresPool(try await PostgresServer.freshDatabase(name: name), maxConnections: 1)
            try await pool.migrate()
            pool.close()
        }
        template = task
        try await task.value
    }
}
