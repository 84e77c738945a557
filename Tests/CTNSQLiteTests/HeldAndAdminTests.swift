import CTNLedger
import CTNModel
import CTNSQL
import CTNStore
import GRDB
import Testing

@testable import CTNSQLite

@Suite("Store (SQLite or PostgreSQL): held data, deletion receipts and administration")
struct HeldAndAdminTests {
    @Test("Held data is listed by node and tenant; deleting returns what went and keeps its SHA-256")
    func heldDeletion() async throws {
        let store = try await makeAnyStore()
        let a1 = HeldRecord(tenantId: "t1", node: "node-b", lotId: "lot-a", kind: "statement", content: "abc", obtainedAt: 1)
        let a2 = HeldRecord(tenantId: "t2", node: "node-b", lotId: "lot-a", kind: "breakdown", content: "", obtainedAt: 2)
        let b = HeldRecord(tenantId: "t1", node: "node-b", lotId: "lot-b", kind: "statement", content: "kept", obtainedAt: 3)
        let elsewhere = HeldRecord(tenantId: "t1", node: "node-c", lotId: "lot-a", kind: "statement", content: "kept too", obtainedAt: 4)
        try await store.write { tx in
            for h in [a1, a2, b, elsewhere] { try tx.insertHeld(h) }
        }
        #expect(try await store.read { try $0.held(node: nil, tenantId: nil) } == [a1, a2, b, elsewhere])
        #expect(try await store.read { try $0.held(node: "node-b", tenantId: nil) } == [a1, a2, b])
        #expect(try await store.read { try $0.held(node: nil, tenantId: "t1") } == [a1, b, elsewhere])
        #expect(try await store.read { try $0.held(node: "node-b", tenantId: "t2") } == [a2])

        let removed = try await store.write { tx in try tx.deleteHeld(node: "node-b", lotIds: ["lot-a", "lot-none"], at: 77) }
        #expect(removed == [a1, a2])
        #expect(try await store.read { try $0.held(node: nil, tenantId: nil) } == [b, elsewhere])
        let facts = try await store.sqlRead { h in
            try h.db.rows("SELECT node, lot_id, kind, sha256, deleted_at FROM deleted_facts ORDER BY id")
                .map { [$0["node"], $0["lot_id"], $0["kind"], $0["sha256"], String($0["deleted_at"] as Int64)] as [String] }
        }
        // SHA-256 of "abc" and of the empty string (FIPS 180-2 test vectors).
        #expect(
            facts == [
                ["node-b", "lot-a", "statement", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "77"],
                ["node-b", "lot-a", "breakdown", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "77"],
            ])
    }

    @Test("Deletion receipts of an owner come newest first")
    func deletionReceipts() async throws {
        let store = try await makeAnyStore()
        try await store.write { tx in
            try tx.insertDeletionReceipt(ownerTenant: "t1", node: "node-b", jws: "receipt-1", at: 1, seq: 1)
            try tx.insertDeletionReceipt(ownerTenant: "t2", node: "node-b", jws: "receipt-other", at: 2, seq: 2)
            try tx.insertDeletionReceipt(ownerTenant: "t1", node: "node-c", jws: "receipt-2", at: 3, seq: 3)
        }
        #expect(try await store.read { try $0.deletionReceipts(ownerTenant: "t1") } == ["receipt-2", "receipt-1"])
        #expect(try await store.read { try $0.deletionReceipts(ownerTenant: "t3") } == [])
    }

    @Test("Tenants by token, business ID and tenant ID; tokens added and revoked; the listing")
    func tenantsAndTokens() async throws {
        let store = try await makeAnyStore()
        try await store.createTenant(businessId: "biz-b", tenantId: "tenant-b", tokenId: "tok-b1", tokenHash: "hash-b1", at: 20)
        try await store.createTenant(businessId: "biz-a", tenantId: "tenant-a", tokenId: "tok-a1", tokenHash: "hash-a1", at: 10)
        try await store.addToken(tenantId: "tenant-a", tokenId: "tok-a2", tokenHash: "hash-a2", at: 15)
        await #expect(throws: Problem.notFound("tenant tenant-x")) {
            try await store.addToken(tenantId: "tenant-x", tokenId: "tok-x", tokenHash: "hash-x", at: 1)
        }
        let a = TenantRecord(tenantId: "tenant-a", businessId: "biz-a", createdAt: 10)
        let b = TenantRecord(tenantId: "tenant-b", businessId: "biz-b", createdAt: 20)
        #expect(try await store.read { try $0.tenant(tokenHash: "hash-a2") } == a)
        #expect(try await store.read { try $0.tenant(tokenHash: "hash-b1") } == b)
        #expect(try await store.read { try $0.tenant(businessId: "biz-b") } == b)
        #expect(try await store.read { try $0.tenant(tenantId: "tenant-a") } == a)
        #expect(try await store.read { try $0.tenant(tenantId: "tenant-z") } == nil)

        #expect(try await store.revokeToken(tokenId: "tok-a1", at: 30))
        #expect(try await store.revokeToken(tokenId: "tok-a1", at: 31) == false)
        #expect(try await store.revokeToken(tokenId: "tok-none", at: 31) == false)
        #expect(try await store.read { try $0.tenant(tokenHash: "hash-a1") } == nil)
        #expect(try await store.read { try $0.tenant(tokenHash: "hash-a2") } == a)

        let listing = try await store.tenants()
        #expect(listing.map(\.0) == [a, b])
        #expect(
            listing.map(\.1) == [
                [
                    TokenRecord(tokenId: "tok-a1", tenantId: "tenant-a", createdAt: 10, revokedAt: 30),
                    TokenRecord(tokenId: "tok-a2", tenantId: "tenant-a", createdAt: 15, revokedAt: nil),
                ],
                [TokenRecord(tokenId: "tok-b1", tenantId: "tenant-b", createdAt: 20, revokedAt: nil)],
            ])
    }
}
