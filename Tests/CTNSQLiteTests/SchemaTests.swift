import CTNLedger
import CTNModel
import CTNStore
import GRDB
import Testing

@testable import CTNSQLite

@Suite("SQLite schema")
struct SchemaTests {
    @Test("Migrations on an empty database make every table and record every migration")
    func migrations() async throws {
        let store = try makeStore()
        let tenantColumns = try await store.dbWriter.read { db in
            try Row.fetchAll(db, sql: "PRAGMA table_info(tenants)").map { $0["name"] as String }
        }
        #expect(tenantColumns == ["tenant_id", "business_id", "created_at", "rate_limit", "rate_burst", "heavy_limit"])
        let (tables, migrations, lotColumns) = try await store.dbWriter.read { db in
            (
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid"),
                try Row.fetchAll(db, sql: "PRAGMA table_info(lots)").map { $0["name"] as String }
            )
        }
        #expect(
            tables == [
                "agreements", "cbam_carbon_prices", "cbam_imports", "cbam_installations", "cbam_reports", "cbam_summaries",
                "cbam_verifications", "certificates",
                "console_sessions",
                "contributions", "deleted_facts",
                "deletion_receipts", "energy_reports",
                "equipment", "equipment_uses", "grdb_migrations", "held", "intensities", "ledger", "ledger_head", "log_head", "log_nodes",
                "log_statements", "log_witnessed", "lots",
                "material_uses", "mb_declarations", "mb_events", "mb_movements", "mb_slices", "pact_clients", "pact_events",
                "pact_footprints", "pact_profiles", "pact_suppliers", "remote_statements",
                "shipments",
                "site_snapshots",
                "tenants", "tokens", "usage_log",
            ])
        #expect(
            migrations == [
                "v1-contracts-and-ledger", "v2-lot-completion-hash", "v3-federation", "v4-agreements", "v5-stored-statements",
                "v6-usage-log", "v7-transitive-agreements", "v8-category-contributions", "v9-primary-data-share",
                "v10-certificates", "v11-held-data-and-deletions", "v12-site-periods", "v13-console-sessions", "v14-pact",
                "v15-pact-suppliers", "v16-mass-balance", "v17-cbam", "v18-simulation", "v19-merkle-log", "v20-witness",
                "v21-statement-leaves", "v22-tenant-limits",
            ])
        #expect(
            lotColumns == [
                "lot_id", "tenant_id", "declared_unit", "status", "created_at", "material_co2", "process_co2", "completed",
                "defects", "total_co2", "co2_per_unit", "completed_at", "completed_seq", "shipped", "completed_hash", "version",
                "statement", "secondary_co2", "certificate_count", "uncertainty", "unquantified_share", "evidence", "certified",
                "log_leaf",
            ])
    }

    @Test("Migrating again changes nothing")
    func idempotent() async throws {
        let store = try makeStore()
        try SQLiteStore.migrator.migrate(store.dbWriter)
        let applied = try await store.dbWriter.read { db in try SQLiteStore.migrator.appliedIdentifiers(db) }
        #expect(applied.count == 22)
        #expect(try await store.dbWriter.read { db in try SQLiteStore.migrator.hasCompletedMigrations(db) })
    }

    @Test("The ledger, the usage log, kept statements, locked snapshots and the mass-balance tables refuse changes")
    func appendOnly() async throws {
        let store = try makeStore()
        _ = try await store.write { tx in
            try tx.insertUsage([UsageRecord(ownerTenant: "o", reader: "r", contract: "c", lotId: "l", basis: "consignee", at: 1)])
            try tx.insertRemoteStatement(
                RemoteStatementRecord(nodeId: "n", lotId: "l", version: 1, jws: "j", co2PerUnit: 1, declaredUnit: "kg", fetchedAt: 1))
            try tx.insertMassBalanceEvent(
                MassBalanceEventRecord(
                    eventId: "e", tenantId: "t", kind: "receipt", batchId: nil, sourceTime: 0, receivedAt: 0, seq: 1, ledgerHash: "h",
                    payload: "{}"),
                movements: [
                    PoolMovementRecord(
                        tenantId: "t", site: "", material: "PAN", pool: "certified", scheme: "S", claim: "", grams: 5, time: 0,
                        expiresAt: nil,
                        eventId: "e", batchId: nil, seq: 1, index: 0)
                ])
            try tx.insertSlice(SliceRecord(tenantId: "t", start: 0, end: 1, events: "h", prevHash: "0", hash: "x", seq: 1))
            try tx.insertDeclaration(
                DeclarationRecord(
                    declarationId: "d", issuer: "n", tenantId: "t", direction: "issued", lotId: nil, jws: "j", eventId: "e", seq: 1, at: 0))
            try tx.insertSnapshot(
                SnapshotRecord(
                    snapshotId: "s", tenantId: "t", site: "x", periodStart: 0, periodEnd: 1, version: 1, parentId: nil, contentHash: "h",
                    payload: "{}", seq: 1, lockedAt: 1))
            return try tx.appendLedger(tenantId: "t", contract: "c", event: "E", sourceTime: 0, payload: ["k": 1])
        }
        let refusals = [
            ("UPDATE ledger SET payload = '{}'", "the ledger is append-only"),
            ("DELETE FROM ledger WHERE seq = 1", "the ledger is append-only"),
            ("UPDATE usage_log SET reader = 'someone'", "the usage log is append-only"),
            ("UPDATE remote_statements SET jws = 'other'", "statements are kept as received"),
            ("UPDATE site_snapshots SET payload = '{\"total\":0}'", "a locked snapshot is immutable"),
            ("DELETE FROM site_snapshots", "a locked snapshot is immutable"),
            ("UPDATE mb_events SET payload = '{}'", "mass-balance events are append-only"),
            ("DELETE FROM mb_events", "mass-balance events are append-only"),
            ("UPDATE mb_movements SET grams = 500", "pools move only by new events"),
            ("DELETE FROM mb_movements", "pools move only by new events"),
            ("UPDATE mb_declarations SET jws = 'k'", "declarations are kept as signed"),
            ("DELETE FROM mb_declarations", "declarations are kept as signed"),
            ("UPDATE mb_slices SET hash = 'y'", "a sealed slice is immutable"),
            ("DELETE FROM mb_slices", "a sealed slice is immutable"),
        ]
        for (sql, message) in refusals {
            let error = #expect(throws: DatabaseError.self, "\(sql)") { try store.dbWriter.write { db in try db.execute(sql: sql) } }
            #expect(error?.message == message, "\(sql)")
        }
        let (events, usage, statements) = try await store.dbWriter.read { db in
            (
                try String.fetchAll(db, sql: "SELECT payload FROM ledger"), try String.fetchAll(db, sql: "SELECT reader FROM usage_log"),
                try String.fetchAll(db, sql: "SELECT jws FROM remote_statements")
            )
        }
        #expect(events == [#"{"k":1}"#] && usage == ["r"] && statements == ["j"])
    }
}
