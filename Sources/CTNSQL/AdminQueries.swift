import CTNModel
import CTNStore
import GRDB

/// Tenants and tokens: written directly (not through group commit), since they carry no ledger
/// event and administration is rare.
extension SQLStore {
    public func createTenant(businessId: String, tenantId: String, tokenId: String, tokenHash: String, at: Int64) async throws {
        try await sqlWrite { h in
            let db = h.db
            try db.execute("INSERT INTO tenants(tenant_id, business_id, created_at) VALUES (?,?,?)", [tenantId, businessId, at])
            try db.execute(
                "INSERT INTO tokens(token_id, token_hash, tenant_id, created_at) VALUES (?,?,?,?)", [tokenId, tokenHash, tenantId, at])
        }
    }

    public func addToken(tenantId: String, tokenId: String, tokenHash: String, at: Int64) async throws {
        try await sqlWrite { h in
            let db = h.db
            guard try db.fetchValue(Bool.self, "SELECT 1 FROM tenants WHERE tenant_id = ?", [tenantId]) != nil else {
                throw Problem.notFound("tenant \(tenantId)")
            }
            try db.execute(
                "INSERT INTO tokens(token_id, token_hash, tenant_id, created_at) VALUES (?,?,?,?)", [tokenId, tokenHash, tenantId, at])
        }
    }

    public func revokeToken(tokenId: String, at: Int64) async throws -> Bool {
        try await sqlWrite { h in
            let db = h.db
            return try db.execute("UPDATE tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL", [at, tokenId]) == 1
        }
    }

    public func tenants() async throws -> [(TenantRecord, [TokenRecord])] {
        try await sqlRead { h in
            let db = h.db
            let tenants = try db.fetchAll(TenantRow.self, "SELECT \(Columns.tenant) FROM tenants ORDER BY created_at, tenant_id", []).map(
                \.record)
            return try tenants.map { t in
                let tokens = try db.fetchAll(
                    TokenRow.self, "SELECT \(Columns.token) FROM tokens WHERE tenant_id = ? ORDER BY created_at", [t.tenantId]
                ).map(\.record)
                return (t, tokens)
            }
        }
    }

    public func setLimits(tenantId: String, _ limits: TenantLimits) async throws {
        try await sqlWrite { h in
            let changed = try h.db.execute(
                "UPDATE tenants SET rate_limit = ?, rate_burst = ?, heavy_limit = ? WHERE tenant_id = ?",
                [limits.ratePerSecond, limits.burst, limits.heavy, tenantId])
            guard changed == 1 else { throw Problem.notFound("tenant \(tenantId)") }
        }
    }
}
