import CTNLedger
import CTNModel
import CTNStore
import Crypto
import Foundation
import GRDB
import Testing

@testable import CTNSQLite

/// The log's Merkle tree as the SQLite store keeps it: appended with the events, in the same
/// transaction, restored when a job of a batch is refused, its head signed, its proofs valid.
@Suite("SQLite log tree")
struct LogTreeTests {
    /// MTH of RFC 9162 §2.1.1 written out directly, apart from the module under test.
    static func mth(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        if leaves.isEmpty { return Array(SHA256.hash(data: [UInt8]())) }
        if leaves.count == 1 { return Array(SHA256.hash(data: [0] + leaves[leaves.startIndex])) }
        var k = 1
        while k * 2 < leaves.count { k *= 2 }
        let left = mth(leaves.prefix(k))
        let right = mth(leaves.dropFirst(k))
        return Array(SHA256.hash(data: [1] + left + right))
    }

    static func append(_ store: SQLiteStore, _ k: Int) async throws {
        _ = try await store.write { tx in
            try tx.appendLedger(tenantId: "t1", contract: "c", event: "E", sourceTime: Int64(k), payload: ["k": .number(Double(k))])
        }
    }

    @Test("37 events, one refused job between them: the signed root is the RFC 9162 root of the events' hashes; every proof verifies")
    func tree() async throws {
        let keys = NodeKeys.generate(nodeId: "test-node")
        let store = try SQLiteStore.inMemory(keys: keys)
        for k in 1...20 { try await Self.append(store, k) }
        let early = try #require(try await store.treeHead())
        // A job that appends and then fails: its event and its tree nodes roll back with it.
        await #expect(throws: Refused.self) {
            try await store.write { tx in
                _ = try tx.appendLedger(tenantId: "t1", contract: "c", event: "Refused", sourceTime: 0, payload: [:])
                throw Refused()
            }
        }
        for k in 21...37 { try await Self.append(store, k) }
        let events = try await store.ledgerEvents(after: Int64.min, limit: 100)
        #expect(events.count == 37)
        let leaves = events.map { LedgerHashing.bytes(hex: $0.hash) ?? [] }
        let head = try #require(try await store.treeHead())
        #expect(head.size == 37 && head.root == LedgerHashing.hex(Self.mth(leaves[...])))
        #expect(head.verify(keys.signingKey.publicKey))
        #expect(early.size == 20 && early.root == LedgerHashing.hex(Self.mth(leaves.prefix(20))))
        let root = try #require(LedgerHashing.bytes(hex: head.root))
        for leaf in Int64(0)..<37 {
            let proof = try await store.inclusionProof(leaf: leaf, size: 37)
            let leafHash = LedgerHashing.leafHash(eventHash: events[Int(leaf)].hash)
            #expect(Merkle.verifyInclusion(leaf: leaf, size: 37, leafHash: leafHash, proof: proof, root: root), "leaf \(leaf)")
        }
        let consistency = try await store.consistencyProof(from: 20, to: 37)
        let earlyRoot = try #require(LedgerHashing.bytes(hex: early.root))
        #expect(Merkle.verifyConsistency(from: 20, to: 37, oldRoot: earlyRoot, newRoot: root, proof: consistency))
        let report = try await store.verifyLog(publicKey: keys.signingKey.publicKey)
        #expect(report.ok && report.size == 37, "\(report)")
        // The tree refuses changes like the ledger does.
        await #expect(throws: (any Error).self) {
            try await store.dbWriter.write { db in try db.execute(sql: "UPDATE log_nodes SET hash = x'00' WHERE level = 0 AND idx = 0") }
        }
    }

    @Test("Reopened, the store carries the tree on; a head of another key does not verify")
    func reopen() async throws {
        let keys = NodeKeys.generate(nodeId: "test-node")
        let queue = try DatabaseQueue()
        let store = try SQLiteStore(queue, keys: keys)
        for k in 1...5 { try await Self.append(store, k) }
        let again = try SQLiteStore(queue, keys: keys)
        for k in 6...9 { try await Self.append(again, k) }
        let events = try await again.ledgerEvents(after: Int64.min, limit: 100)
        let head = try #require(try await again.treeHead())
        #expect(head.size == 9 && head.root == LedgerHashing.hex(Self.mth(events.map { LedgerHashing.bytes(hex: $0.hash) ?? [] }[...])))
        #expect(try await again.verifyLog(publicKey: keys.signingKey.publicKey).ok)
        #expect(!head.verify(NodeKeys.generate(nodeId: "test-node").signingKey.publicKey))
        #expect(!(try await again.verifyLog(publicKey: NodeKeys.generate(nodeId: "x").signingKey.publicKey)).ok)
    }
}
