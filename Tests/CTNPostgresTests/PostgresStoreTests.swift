import CTNLedger
import CTNModel
import CTNStore
import CTNTestSupport
import Foundation
import Testing

@testable import CTNPostgres

/// The PostgreSQL store on a real server: the same interface as SQLite's, and what only a shared
/// database adds (several stores, as several node processes would hold, writing one ledger).
@Suite("PostgreSQL store", .serialized)
struct PostgresStoreTests {
    static let keys = NodeKeys.generate(nodeId: "pg-node")

    static func lot(_ id: String, tenant: String) -> LotRecord {
        LotRecord(lotId: id, tenantId: tenant, declaredUnit: "kg", status: .open, createdAt: 1)
    }

    /// Registers a lot with its ledger event, as the lot room does.
    static func register(_ store: any Store, _ id: String, tenant: String = "t1") async throws -> LedgerEvent {
        try await store.write { tx in
            try tx.insertLot(lot(id, tenant: tenant))
            return try tx.appendLedger(
                tenantId: tenant, contract: "lot-registration", event: "LotRegistered", sourceTime: 5, payload: ["lotId": .string(id)])
        }
    }

    /// Two stores of the node on one new database, as two node processes would hold.
    static func twoStores() async throws -> (PostgresStore, PostgresStore) {
        let url = try await PostgresServer.freshDatabase()
        return (try await PostgresStore.open(url, keys: keys), try await PostgresStore.open(url, keys: keys))
    }

    @Test("Writes get consecutive sequence numbers, a refused write leaves nothing, and the ledger and log verify")
    func ledger() async throws {
        let store = try await PostgresStore.open(try await PostgresServer.freshDatabase(), keys: Self.keys)
        defer { store.close() }
        let first = try await Self.register(store, "lot-1")
        let second = try await Self.register(store, "lot-2")
        #expect(first.seq == 1 && second.seq == 2 && second.prevHash == first.hash)
        // The same lot again breaks the primary key inside the body: that call fails, alone.
        await #expect(throws: (any Error).self) { try await Self.register(store, "lot-1") }
        let third = try await Self.register(store, "lot-3")
        #expect(third.seq == 3 && third.prevHash == second.hash)
        #expect(try await store.lotSnapshot("lot-2")?.tenantId == "t1")
        #expect(try await store.lotSnapshot("lot-9") == nil)
        let report = try await store.verifyLedger(nodeId: Self.keys.nodeId, publicKey: Self.keys.signingKey.publicKey, pageSize: 2)
        #expect(report.ok && report.events == 3 && report.headSeq == 3)
        let log = try await store.verifyLog(publicKey: Self.keys.signingKey.publicKey)
        #expect(log.ok && log.size == 3)
        #expect(try await store.treeHead()?.size == 3)
        let health = try await store.health()
        #expect(health.migrated && health.schema == "v2-node-identity")
    }

    @Test("Two stores on one database (two node processes) interleave 64 concurrent writes into one chain with no gap or fork")
    func twoProcesses() async throws {
        let (a, b) = try await Self.twoStores()
        defer {
            a.close()
            b.close()
        }
        let events = try await withThrowingTaskGroup(of: LedgerEvent.self) { group in
            for k in 0..<64 {
                group.addTask { try await Self.register(k % 2 == 0 ? a : b, "lot-\(k)") }
            }
            return try await group.reduce(into: [LedgerEvent]()) { $0.append($1) }
        }
        #expect(events.map(\.seq).sorted() == Array(1...64))
        for store in [a, b] {
            let report = try await store.verifyLedger(nodeId: Self.keys.nodeId, publicKey: Self.keys.signingKey.publicKey)
            #expect(report.ok && report.events == 64 && report.headSeq == 64)
            let log = try await store.verifyLog(publicKey: Self.keys.signingKey.publicKey)
            #expect(log.ok && log.size == 64)
        }
        // A lot written through one is read at once through the other (no cache to go stale).
        _ = try await a.write { tx in
            var l = try #require(try tx.lot("lot-1"))
            l.shipped = 7
            try tx.updateLot(l)
        }
        #expect(try await b.lotSnapshot("lot-1")?.shipped == 7)
    }

    @Test("Tenants, tokens and limits: a token revoked through one store is refused through the other")
    func tokens() async throws {
        let (a, b) = try await Self.twoStores()
        defer {
            a.close()
            b.close()
        }
        try await a.createTenant(businessId: "biz-1", tenantId: "t1", tokenId: "k1", tokenHash: "h1", at: 10)
        #expect(try await b.read { try $0.tenant(tokenHash: "h1") }?.tenantId == "t1")
        #expect(try await b.revokeToken(tokenId: "k1", at: 11))
        #expect(try await b.revokeToken(tokenId: "k1", at: 12) == false)
        #expect(try await a.read { try $0.tenant(tokenHash: "h1") } == nil)
        try await a.setLimits(tenantId: "t1", TenantLimits(ratePerSecond: 5, burst: 10, heavy: 1))
        let (tenant, tokens) = try #require(try await b.tenants().first)
        #expect(tenant.limits == TenantLimits(ratePerSecond: 5, burst: 10, heavy: 1))
        #expect(tokens.map(\.revokedAt) == [11])
        await #expect(throws: Problem.self) { try await b.setLimits(tenantId: "nobody", TenantLimits()) }
    }

    @Test("A database belongs to the node that first wrote there: another node's store refuses to open it")
    func ownership() async throws {
        let url = try await PostgresServer.freshDatabase()
        let mine = try await PostgresStore.open(url, keys: Self.keys)
        _ = try await Self.register(mine, "lot-1")
        mine.close()
        let other = NodeKeys.generate(nodeId: "pg-node")  // the same name, another key
        await #expect(throws: PostgresPool.Failure.self) { _ = try await PostgresStore.open(url, keys: other) }
        await #expect(throws: PostgresPool.Failure.self) { _ = try await PostgresStore.open(url, keys: NodeKeys.generate(nodeId: "else")) }
        let again = try await PostgresStore.open(url, keys: Self.keys)
        defer { again.close() }
        #expect(try await again.treeHead()?.size == 1)
    }
}
