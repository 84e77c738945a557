import CTNModel
import CTNStore
import GRDB

/// PACT clients (administration, written directly) and the published profiles and footprints
/// (inside contract transactions, with their ledger events).
extension SQLStore {
    public func createPACTClient(_ c: PACTClientRecord) async throws {
        try await sqlWrite { h in
            let db = h.db
            guard try db.fetchValue(Bool.self, "SELECT 1 FROM tenants WHERE tenant_id = ?", [c.tenantId]) != nil else {
                throw Problem.notFound("tenant \(c.tenantId)")
            }
            try db.execute(
                "INSERT INTO pact_clients(client_id, tenant_id, secret_hash, label, created_at) VALUES (?,?,?,?,?)",
                [c.clientId, c.tenantId, c.secretHash, c.label, c.createdAt])
        }
    }

    public func pactClient(_ clientId: String) async throws -> PACTClientRecord? {
        try await sqlRead { h in
            let db = h.db
            return try db.row("SELECT * FROM pact_clients WHERE client_id = ?", [clientId]).map(PACTRows.client)
        }
    }

    public func pactClients(tenantId: String?) async throws -> [PACTClientRecord] {
        try await sqlRead { h in
            let db = h.db
            return try db.rows(
                "SELECT * FROM pact_clients WHERE (CAST(? AS TEXT) IS NULL OR tenant_id = ?) ORDER BY created_at, client_id",
                [tenantId, tenantId]
            ).map(PACTRows.client)
        }
    }

    public func createPACTSupplier(_ s: PACTSupplierRecord) async throws {
        try await sqlWrite { h in
            let db = h.db
            guard try db.fetchValue(Bool.self, "SELECT 1 FROM tenants WHERE tenant_id = ?", [s.tenantId]) != nil else {
                throw Problem.notFound("tenant \(s.tenantId)")
            }
            try db.execute(
                "INSERT INTO pact_suppliers(supplier_id, tenant_id, base_url, client_id, client_secret, ca_file, created_at, linked_client) VALUES (?,?,?,?,?,?,?,?)",
                [s.supplierId, s.tenantId, s.baseURL, s.clientId, s.clientSecret, s.caFile, s.createdAt, s.linkedClient])
        }
    }

    public func pactSuppliers(tenantId: String?) async throws -> [PACTSupplierRecord] {
        try await sqlRead { h in
            let db = h.db
            return try db.rows(
                "SELECT * FROM pact_suppliers WHERE (CAST(? AS TEXT) IS NULL OR tenant_id = ?) ORDER BY created_at", [tenantId, tenantId]
            ).map(PACTRows.supplier)
        }
    }

    public func recordPACTEvent(
        tenantId: String, version: Int, type: String, eventId: String, source: String, body: String, at: Int64
    ) async throws -> Bool {
        try await sqlWrite { h in
            let db = h.db
            let inserted = try db.execute(
                "INSERT INTO pact_events(tenant_id, version, type, event_id, source, body, received_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                [tenantId, version, type, eventId, source, body, at])
            // The newest 10,000 events of a tenant are kept.
            try db.execute(
                "DELETE FROM pact_events WHERE tenant_id = ? AND id <= (SELECT id FROM pact_events WHERE tenant_id = ? ORDER BY id DESC LIMIT 1 OFFSET 10000)",
                [tenantId, tenantId])
            return inserted == 1
        }
    }

    public func pactEvents(tenantId: String?, limit: Int) async throws -> [JSONValue] {
        try await sqlRead { h in
            let db = h.db
            return try db.rows(
                "SELECT * FROM pact_events WHERE (CAST(? AS TEXT) IS NULL OR tenant_id = ?) ORDER BY id DESC LIMIT ?",
                [tenantId, tenantId, limit]
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
        try await sqlWrite { h in
            let db = h.db
            return try db.execute("UPDATE pact_clients SET revoked_at = ? WHERE client_id = ? AND revoked_at IS NULL", [at, clientId]) == 1
        }
    }
}

extension SQLTransaction {
    package func pactProfile(tenantId: String) throws -> PACTProfileRecord? {
        try db.row("SELECT * FROM pact_profiles WHERE tenant_id = ?", [tenantId]).map { row in
            PACTProfileRecord(
                tenantId: row["tenant_id"], companyName: row["company_name"], companyIds: PACTRows.strings(row["company_ids"]),
                updatedAt: row["updated_at"])
        }
    }

    package func pactSupplier(_ supplierId: String) throws -> PACTSupplierRecord? {
        try db.row("SELECT * FROM pact_suppliers WHERE supplier_id = ?", [supplierId]).map(PACTRows.supplier)
    }

    package func pactFootprint(_ footprintId: String) throws -> PACTFootprintRecord? {
        try db.row(
            "SELECT \(PACTRows.footprintColumns) FROM pact_footprints WHERE footprint_id = ?", [footprintId]
        ).map(PACTRows.footprint)
    }

    package func pactFootprints(tenantId: String) throws -> [PACTFootprintRecord] {
        try db.rows(
            "SELECT \(PACTRows.footprintColumns) FROM pact_footprints WHERE tenant_id = ? ORDER BY created_at, rowid", [tenantId]
        ).map(PACTRows.footprint)
    }

    package func pactFootprints(lotId: String) throws -> [PACTFootprintRecord] {
        try db.rows(
            "SELECT \(PACTRows.footprintColumns) FROM pact_footprints WHERE lot_id = ? ORDER BY created_at, rowid", [lotId]
        ).map(PACTRows.footprint)
    }

    package func upsertPACTProfile(_ p: PACTProfileRecord) throws {
        try exec(
            "INSERT INTO pact_profiles(tenant_id, company_name, company_ids, updated_at) VALUES (?,?,?,?) ON CONFLICT(tenant_id) DO UPDATE SET company_name = excluded.company_name, company_ids = excluded.company_ids, updated_at = excluded.updated_at",
            [p.tenantId, p.companyName, PACTRows.text(p.companyIds), p.updatedAt])
    }

    package func insertPACTFootprint(_ f: PACTFootprintRecord) throws {
        try exec(
            "INSERT INTO pact_footprints(\(PACTRows.footprintColumns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                f.footprintId, f.tenantId, f.lotId, f.lotVersion, f.productName, f.productDescription, PACTRows.text(f.productIds),
                f.productCategoryCpc, f.createdAt, f.status, PACTRows.text(f.precedingIds), f.declaredUnit, f.co2PerUnit,
                f.primaryDataShare,
                f.periodStart, f.periodEnd,
            ])
    }

    package func setPACTFootprintStatus(_ footprintId: String, status: String) throws {
        try exec("UPDATE pact_footprints SET status = ? WHERE footprint_id = ?", [status, footprintId])
    }

    package func deletePACTFootprint(_ footprintId: String) throws {
        try exec("DELETE FROM pact_footprints WHERE footprint_id = ?", [footprintId])
    }
}
