import CTNModel
import CTNStore
import GRDB

/// PACT clients (administration, written directly) and the published profiles and footprints
/// (inside contract transactions, with their ledger events).
extension SQLiteStore {
    public func createPACTClient(_ c: PACTClientRecord) async throws {
        try await dbWriter.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM tenants WHERE tenant_id = ?", arguments: [c.tenantId]) != nil else {
                throw Problem.notFound("tenant \(c.tenantId)")
            }
            try db.execute(
                sql: "INSERT INTO pact_clients(client_id, tenant_id, secret_hash, label, created_at) VALUES (?,?,?,?,?)",
                arguments: [c.clientId, c.tenantId, c.secretHash, c.label, c.createdAt])
        }
    }

    public func pactClient(_ clientId: String) async throws -> PACTClientRecord? {
        try await dbWriter.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM pact_clients WHERE client_id = ?", arguments: [clientId]).map(PACTRows.client)
        }
    }

    public func pactClients(tenantId: String?) async throws -> [PACTClientRecord] {
        try await dbWriter.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM pact_clients WHERE (? IS NULL OR tenant_id = ?) ORDER BY created_at, client_id",
                arguments: [tenantId, tenantId]
            ).map(PACTRows.client)
        }
    }

    public func createPACTSupplier(_ s: PACTSupplierRecord) async throws {
        try await dbWriter.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM tenants WHERE tenant_id = ?", arguments: [s.tenantId]) != nil else {
                throw Problem.notFound("tenant \(s.tenantId)")
            }
            try db.execute(
                sql:
                    "INSERT INTO pact_suppliers(supplier_id, tenant_id, base_url, client_id, client_secret, ca_file, created_at, linked_client) VALUES (?,?,?,?,?,?,?,?)",
                arguments: [s.supplierId, s.tenantId, s.baseURL, s.clientId, s.clientSecret, s.caFile, s.createdAt, s.linkedClient])
        }
    }

    public func pactSuppliers(tenantId: String?) async throws -> [PACTSupplierRecord] {
        try await dbWriter.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM pact_suppliers WHERE (? IS NULL OR tenant_id = ?) ORDER BY created_at",
                arguments: [tenantId, tenantId]
            ).map(PACTRows.supplier)
        }
    }

    public func recordPACTEvent(
        tenantId: String, version: Int, type: String, eventId: String, source: String, body: String, at: Int64
    ) async throws -> Bool {
        try await dbWriter.write { db in
            try db.execute(
                sql:
                    "INSERT OR IGNORE INTO pact_events(tenant_id, version, type, event_id, source, body, received_at) VALUES (?,?,?,?,?,?,?)",
                arguments: [tenantId, version, type, eventId, source, body, at])
            let inserted = db.changesCount == 1
            // The newest 10,000 events of a tenant are kept.
            try db.execute(
                sql:
                    "DELETE FROM pact_events WHERE tenant_id = ? AND id <= (SELECT id FROM pact_events WHERE tenant_id = ? ORDER BY id DESC LIMIT 1 OFFSET 10000)",
                arguments: [tenantId, tenantId])
            return inserted
        }
    }

    public func pactEvents(tenantId: String?, limit: Int) async throws -> [JSONValue] {
        try await dbWriter.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM pact_events WHERE (? IS NULL OR tenant_id = ?) ORDER BY id DESC LIMIT ?",
                arguments: [tenantId, tenantId, limit]
            ).map { row in
                [
                    "tenantId": .string(row["tenant_id"]), "version": .number(Double(row["version"] as Int)), "type": .string(row["type"]),
                    "id": .string(row["event_id"]), "source": .string(row["source"]),
                    "data": (try? JSONParser.parse(Array((row["body"] as String).utf8)))?["data"] ?? .null,
                    "receivedAt": .string(Timestamp.format(millis: row["received_at"])),
                ]
            }
        }
    }

    public func revokePACTClient(_ clientId: String, at: Int64) async throws -> Bool {
        try await dbWriter.write { db in
            try db.execute(
                sql: "UPDATE pact_clients SET revoked_at = ? WHERE client_id = ? AND revoked_at IS NULL", arguments: [at, clientId])
            return db.changesCount == 1
        }
    }
}

extension SQLiteTransaction {
    func pactProfile(tenantId: String) throws -> PACTProfileRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM pact_profiles WHERE tenant_id = ?", arguments: [tenantId]).map { row in
            PACTProfileRecord(
                tenantId: row["tenant_id"], companyName: row["company_name"], companyIds: PACTRows.strings(row["company_ids"]),
                updatedAt: row["updated_at"])
        }
    }

    func pactSupplier(_ supplierId: String) throws -> PACTSupplierRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM pact_suppliers WHERE supplier_id = ?", arguments: [supplierId]).map(PACTRows.supplier)
    }

    func pactFootprint(_ footprintId: String) throws -> PACTFootprintRecord? {
        try Row.fetchOne(
            db, sql: "SELECT \(PACTRows.footprintColumns) FROM pact_footprints WHERE footprint_id = ?", arguments: [footprintId]
        ).map(PACTRows.footprint)
    }

    func pactFootprints(tenantId: String) throws -> [PACTFootprintRecord] {
        try Row.fetchAll(
            db, sql: "SELECT \(PACTRows.footprintColumns) FROM pact_footprints WHERE tenant_id = ? ORDER BY created_at, rowid",
            arguments: [tenantId]
        ).map(PACTRows.footprint)
    }

    func pactFootprints(lotId: String) throws -> [PACTFootprintRecord] {
        try Row.fetchAll(
            db, sql: "SELECT \(PACTRows.footprintColumns) FROM pact_footprints WHERE lot_id = ? ORDER BY created_at, rowid",
            arguments: [lotId]
        ).map(PACTRows.footprint)
    }

    func upsertPACTProfile(_ p: PACTProfileRecord) throws {
        try exec(
            "INSERT INTO pact_profiles(tenant_id, company_name, company_ids, updated_at) VALUES (?,?,?,?) ON CONFLICT(tenant_id) DO UPDATE SET company_name = excluded.company_name, company_ids = excluded.company_ids, updated_at = excluded.updated_at",
            [p.tenantId, p.companyName, PACTRows.text(p.companyIds), p.updatedAt])
    }

    func insertPACTFootprint(_ f: PACTFootprintRecord) throws {
        try exec(
            "INSERT INTO pact_footprints(\(PACTRows.footprintColumns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                f.footprintId, f.tenantId, f.lotId, f.lotVersion, f.productName, f.productDescription, PACTRows.text(f.productIds),
                f.productCategoryCpc, f.createdAt, f.status, PACTRows.text(f.precedingIds), f.declaredUnit, f.co2PerUnit,
                f.primaryDataShare,
                f.periodStart, f.periodEnd,
            ])
    }

    func setPACTFootprintStatus(_ footprintId: String, status: String) throws {
        try exec("UPDATE pact_footprints SET status = ? WHERE footprint_id = ?", [status, footprintId])
    }

    func deletePACTFootprint(_ footprintId: String) throws {
        try exec("DELETE FROM pact_footprints WHERE footprint_id = ?", [footprintId])
    }
}
