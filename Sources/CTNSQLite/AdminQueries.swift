import CTNModel
import CTNStore
import GRDB

/// Tenants and tokens: written directly (not through group commit), since they carry no ledger
/// event and administration is rare.
extension SQLiteStore {
    public func createTenant(businessId: String, tenantId: String, tokenId: String, tokenHash: String, at: Int64) async throws {
        try await dbWriter.write { db in
            try db.execute(
                sql: "INSERT INTO tenants(tenant_id, business_id, created_at) VALUES (?,?,?)", arguments: [tenantId, businessId, at])
            try db.execute(
                sql: "INSERT INTO tokens(token_id, token_hash, tenant_id, created_at) VALUES (?,?,?,?)",
                arguments: [tokenId, tokenHash, tenantId, at])
        }
    }

    public func addToken(tenantId: String, tokenId: String, tokenHash: String, at: Int64) async throws {
        try await dbWriter.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM tenants WHERE tenant_id = ?", arguments: [tenantId]) != nil else {
                throw Problem.notFound("tenant \(tenantId)")
            }
            try db.execute(
                sql: "INSERT INTO tokens(token_id, token_hash, tenant_id, created_at) VALUES (?,?,?,?)",
                arguments: [tokenId, tokenHash, tenantId, at])
        }
    }

    public func revokeToken(tokenId: String, at: Int64) async throws -> Bool {
        try await dbWriter.write { db in
            try db.execute(sql: "UPDATE tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL", arguments: [at, tokenId])
            return db.changesCount == 1
        }
    }

    public func tenants() async throws -> [(TenantRecord, [TokenRecord])] {
        try await dbWriter.read { db in
            let tenants = try TenantRow.fetchAll(db, sql: "SELECT \(Columns.tenant) FROM tenants ORDER BY created_at, tenant_id").map(
                \.record)
            return try tenants.map { t in
                let tokens = try TokenRow.fetchAll(
                    db, sql: "SELECT \(Columns.token) FROM tokens WHERE tenant_id = ? ORDER BY created_at",
                    arguments: [t.tenantId]
                ).map(\.record)
                return (t, tokens)
            }
        }
    }
}
