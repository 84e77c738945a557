import CTNTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import CTNPostgres

/// The schema on a real PostgreSQL server started by the test command (or by the tests): the same
/// tables as the SQLite schema, migrations applied once by two processes starting at once, the
/// append-only rules, readiness through an outage, and errors without the password.
@Suite("PostgreSQL schema", .serialized)
struct PostgresSchemaTests {
    static func strings(_ db: PostgresPool, _ sql: String) async throws -> [String] {
        try await db.run("test query") {
            var out: [String] = []
            for try await s in try await db.client.query(PostgresQuery(unsafeSQL: sql)).decode(String.self) { out.append(s) }
            return out
        }
    }

    @Test("Two databases migrating one server at once apply each migration once, and make every table of the node")
    func migrations() async throws {
        let url = try await PostgresServer.freshDatabase()
        let a = try PostgresPool(url)
        let b = try PostgresPool(url)
        defer {
            a.close()
            b.close()
        }
        async let first = a.migrate()
        async let second = b.migrate()
        let (x, y) = try await (first, second)
        #expect((x + y).sorted() == ["v1-node-schema", "v2-node-identity"], "\(x) \(y)")
        #expect(try await a.migrate().isEmpty)
        #expect(try await a.appliedMigrations() == ["v1-node-schema", "v2-node-identity"])
        let ready = try await b.ready()
        #expect(ready.migrated && ready.schema == "v2-node-identity")
        let tables = try await Self.strings(
            a, "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")
        // The SQLite schema's tables (Tests/CTNSQLiteTests/SchemaTests.swift), with ctn_migrations for grdb_migrations.
        #expect(
            tables == [
                "agreements", "cbam_carbon_prices", "cbam_imports", "cbam_installations", "cbam_reports", "cbam_summaries",
                "cbam_verifications", "certificates", "console_sessions", "contributions", "ctn_migrations", "ctn_node", "deleted_facts",
                "deletion_receipts", "energy_reports", "equipment", "equipment_uses", "held", "intensities", "ledger", "ledger_head",
                "log_head", "log_nodes", "log_statements", "log_witnessed", "lots", "material_uses", "mb_declarations", "mb_events",
                "mb_movements", "mb_slices", "pact_clients", "pact_events", "pact_footprints", "pact_profiles", "pact_suppliers",
                "remote_statements", "shipments", "site_snapshots", "tenants", "tokens", "usage_log",
            ])
        let lotColumns = try await Self.strings(
            a, "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'lots' ORDER BY ordinal_position")
        // SQLite's 24 columns, then `rowid` for its implicit row ID (the shared SQL orders by it).
        #expect(lotColumns.count == 25 && lotColumns.first == "lot_id" && lotColumns[23] == "log_leaf" && lotColumns.last == "rowid")
    }

    @Test("The ledger and the log tree refuse UPDATE, DELETE and TRUNCATE")
    func appendOnly() async throws {
        let db = try PostgresPool(try await PostgresServer.freshDatabase())
        defer { db.close() }
        try await db.migrate()
        _ = try await db.run("insert") {
            try await db.client.query(
                "INSERT INTO ledger VALUES (1, 1, 1, 't', 'c', 'e', '{}', 'ph', 'prev', 'h')")
        }
        for sql in ["UPDATE ledger SET hash = 'x'", "DELETE FROM ledger", "TRUNCATE ledger"] {
            await #expect {
                try await db.run("changing the ledger") { try await db.client.query(PostgresQuery(unsafeSQL: sql)) }
            } throws: { "\($0)".contains("the ledger is append-only") }
        }
        #expect(try await Self.strings(db, "SELECT hash FROM ledger") == ["h"])
    }

    @Test("A wrong password is refused with an error that names the database, not the password")
    func wrongPassword() async throws {
        var url = try PostgresURL(PostgresServer.shared)
        url.password = "not-the-password-7f3a"
        let db = try PostgresPool(url)
        defer { db.close() }
        await #expect {
            try await db.ready()
        } throws: { error in
            let d = "\(error)"
            return d.contains("\(url.host):\(url.port)/\(url.database)") && !d.contains("not-the-password-7f3a")
        }
    }

    @Test("Readiness fails while the server is down and returns when it is back, with the same pool")
    func outage() async throws {
        let (text, dir) = try PostgresServer.privateCluster()
        defer { PostgresServer.discard(dir) }
        let db = try PostgresPool(try PostgresURL(text))
        defer { db.close() }
        try await db.migrate()
        #expect(try await db.ready().migrated)
        try PostgresServer.script(["stop", dir])
        let clock = ContinuousClock()
        let down = clock.now
        await #expect(throws: (any Error).self) { try await db.ready() }
        #expect(clock.now - down < .seconds(4), "a database that is down is reported within the 2 s limit")
        try PostgresServer.script(["restart", dir])
        var back = false
        let restarted = clock.now
        while !back, clock.now - restarted < .seconds(60) {
            back = (try? await db.ready().migrated) == true
            if !back { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(back, "the same pool answers again once the server is back")
    }
}
