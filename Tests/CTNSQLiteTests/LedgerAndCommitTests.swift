import CTNLedger
import CTNModel
import CTNStore
import Dispatch
import Foundation
import GRDB
import Testing

@testable import CTNSQLite

@Suite("SQLite ledger, group commit and the lot snapshot")
struct LedgerAndCommitTests {
    @Test("Appending gives consecutive sequence numbers linked by hash; nextSeq runs ahead by one")
    func append() async throws {
        let store = try makeStore()
        let (before, first, between, second) = try await store.write { tx in
            let before = tx.nextSeq
            let first = try tx.appendLedger(
                tenantId: "t1", contract: "lot-registration", event: "LotRegistered", sourceTime: 5, payload: ["lotId": "a"])
            let between = tx.nextSeq
            let second = try tx.appendLedger(
                tenantId: "t1", contract: "lot-registration", event: "LotRegistered", sourceTime: 6, payload: ["lotId": "b"])
            return (before, first, between, second)
        }
        #expect(before == 1 && first.seq == 1 && between == 2 && second.seq == 2)
        #expect(first.prevHash == LedgerHashing.genesis && second.prevHash == first.hash)
        #expect(first.payload == #"{"lotId":"a"}"# && first.payloadHash == LedgerHashing.sha256Hex(#"{"lotId":"a"}"#))
        #expect(try await store.ledgerEvents(after: Int64.min, limit: 10) == [first, second])
        let head = try #require(try await store.signedHead())
        #expect(head.seq == 2 && head.hash == second.hash)
        #expect(try await store.write { $0.nextSeq } == 3)
    }

    @Test("Ledger pages return every event once, in order, across page boundaries")
    func pages() async throws {
        let store = try makeStore()
        for k in 1...25 {
            _ = try await store.write { tx in
                try tx.appendLedger(tenantId: "t1", contract: "c", event: "E", sourceTime: Int64(k), payload: ["k": .number(Double(k))])
            }
        }
        var seen: [Int64] = []
        var pageSizes: [Int] = []
        var after = Int64.min
        while true {
            let page = try await store.ledgerEvents(after: after, limit: 10)
            guard let last = page.last else { break }
            pageSizes.append(page.count)
            seen += page.map(\.seq)
            after = last.seq
        }
        #expect(pageSizes == [10, 10, 5])
        #expect(seen == Array(1...25))
        #expect(try await store.ledgerEvents(after: 24, limit: 10).map(\.sourceTime) == [25])
        #expect(try await store.ledgerEvents(after: 25, limit: 10) == [])
        let keys = store.keys
        let report = try await store.verifyLedger(nodeId: keys.nodeId, publicKey: keys.signingKey.publicKey, pageSize: 7)
        #expect(report.ok && report.events == 25 && report.headSeq == 25)
    }

    enum Failure: String, CaseIterable, Sendable { case thrown, constraint }

    @Test("A job refused inside a batch is rolled back whole; its neighbours in the batch commit", arguments: Failure.allCases)
    func refusedJobInBatch(_ failure: Failure) async throws {
        let store = try makeStore()
        try await store.write { tx in try tx.insertLot(openLot("existing")) }
        let gate = DispatchSemaphore(value: 0)
        let started = Flag()
        // The first write holds the writer, so that the next three wait and form one batch.
        let blocker = Task {
            try await store.write { tx in
                started.set()
                gate.wait()
                return try tx.appendLedger(tenantId: "t", contract: "c", event: "Blocker", sourceTime: 0, payload: [:]).seq
            }
        }
        try await eventually { started.isSet }
        func good(_ id: String) -> Task<Int64, any Error> {
            Task {
                try await store.write { tx in
                    try tx.insertLot(openLot(id))
                    return try tx.appendLedger(tenantId: "t", contract: "c", event: "Good", sourceTime: 1, payload: ["lotId": .string(id)])
                        .seq
                }
            }
        }
        let b = good("lot-b")
        let refused = Task {
            try await store.write { tx in
                try tx.insertLot(openLot("lot-refused"))
                try tx.insertShipment(
                    ShipmentRecord(shipmentId: "sh-refused", lotId: "lot-refused", consignee: "x", quantity: 1, sourceTime: 1, seq: 1))
                _ = try tx.appendLedger(tenantId: "t", contract: "c", event: "Refused", sourceTime: 1, payload: [:])
                switch failure {
                case .thrown: throw Refused()
                case .constraint: try tx.insertLot(openLot("existing"))  // primary key taken
                }
            }
        }
        let d = good("lot-d")
        try await eventually { store.pendingWrites == 3 }
        gate.signal()

        #expect(try await blocker.value == 1)
        let bSeq = try await b.value
        let dSeq = try await d.value
        let seqs: Set<Int64> = [bSeq, dSeq]
        #expect(seqs == [2, 3], "the refused job's sequence number is given to the next job")
        switch failure {
        case .thrown: await #expect(throws: Refused.self) { try await refused.value }
        case .constraint: await #expect(throws: DatabaseError.self) { try await refused.value }
        }
        // Nothing of the refused job remains: not in the database, not in the writer's cache.
        #expect(try await store.read { try $0.lot("lot-refused") } == nil)
        #expect(try await store.write { try $0.lot("lot-refused") } == nil)
        #expect(try await store.read { try $0.shipments(lotId: "lot-refused") } == [])
        #expect(try await store.read { try $0.lot("lot-b") } == openLot("lot-b"))
        #expect(try await store.read { try $0.lot("lot-d") } == openLot("lot-d"))
        let events = try await store.ledgerEvents(after: Int64.min, limit: 100)
        #expect(events.map(\.event) == ["Blocker", "Good", "Good"])
        let keys = store.keys
        let report = try await store.verifyLedger(nodeId: keys.nodeId, publicKey: keys.signingKey.publicKey)
        #expect(report.ok && report.headSeq == 3)
    }

    @Test("A batch whose every job is refused signs no head and leaves the chain where it was")
    func allRefused() async throws {
        let store = try makeStore()
        _ = try await store.write { tx in try tx.appendLedger(tenantId: "t", contract: "c", event: "E", sourceTime: 0, payload: [:]) }
        let head = try await store.signedHead()
        await #expect(throws: Refused.self) {
            try await store.write { tx in
                _ = try tx.appendLedger(tenantId: "t", contract: "c", event: "E", sourceTime: 0, payload: [:])
                throw Refused()
            }
        }
        #expect(try await store.signedHead() == head)
        let next = try await store.write { tx in try tx.appendLedger(tenantId: "t", contract: "c", event: "E", sourceTime: 0, payload: [:])
        }
        #expect(next.seq == 2 && next.prevHash == head?.hash)
    }

    /// The path of a database file in a folder of its own, and what removes the folder.
    static func tempDatabase() throws -> (path: String, cleanUp: () -> Void) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (dir.appendingPathComponent("ctn.sqlite").path, { try? FileManager.default.removeItem(at: dir) })
    }

    /// A store on a file of its own (removed by `cleanUp`): its lot reads take the point readers.
    static func fileStore() throws -> (SQLiteStore, cleanUp: () -> Void) {
        let (path, cleanUp) = try tempDatabase()
        return (try SQLiteStore(path: path, keys: NodeKeys.generate(nodeId: "test-node")), cleanUp)
    }

    @Test(
        "The lot snapshot reflects a committed update, also after it was served from memory",
        arguments: ["memory", "file"])
    func lotSnapshot(on: String) async throws {
        let (store, cleanUp) = on == "file" ? try Self.fileStore() : (try makeStore(), {})
        defer { cleanUp() }
        #expect((store.pointReaders != nil) == (on == "file"))
        #expect(try await store.lotSnapshot("lot-1") == nil)
        try await store.write { tx in try tx.insertLot(openLot("lot-1")) }
        #expect(try await store.lotSnapshot("lot-1")?.status == .open)
        #expect(try await store.lotSnapshot("lot-1")?.status == .open)  // now cached
        var done = openLot("lot-1")
        done.status = .completed
        done.co2PerUnit = 2.3376
        try await store.write { [done] tx in try tx.updateLot(done) }
        #expect(try await store.lotSnapshot("lot-1") == done)
    }

    @Test("Lot reads on the caller's thread: every committed update seen at once by 8 readers, none of them waiting")
    func pointReads() async throws {
        let (store, cleanUp) = try Self.fileStore()
        defer { cleanUp() }
        let lots = (0..<8).map { "lot-\($0)" }
        try await store.write { tx in for id in lots { try tx.insertLot(openLot(id)) } }
        for round in 1...50 {
            try await store.write { tx in
                for id in lots {
                    var lot = try #require(try tx.lot(id))
                    lot.shipped = Double(round)
                    try tx.updateLot(lot)
                }
            }
            // Each reader asks twice: once from the database, once (if nothing committed between) from the cache.
            let seen = try await withThrowingTaskGroup(of: [Double].self) { group in
                for id in lots {
                    group.addTask { [try await store.lotSnapshot(id)?.shipped ?? -1, try await store.lotSnapshot(id)?.shipped ?? -1] }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(seen == Array(repeating: Double(round), count: 16))
        }
        // With every connection taken, a read is refused at once (nil) rather than waited for.
        let one = try PointReaders(path: store.dbWriter.path, count: 1)
        let inner = try one.read { _ in try one.read { _ in 1 } }
        #expect(inner == .some(nil))
        #expect(try one.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lots") } == 8)
    }

    @Test("A second store opened on a file another one is writing never moves the signed tree head back")
    func secondOpener() async throws {
        let (served, cleanUp) = try Self.fileStore()
        defer { cleanUp() }
        let writes = Task {
            for k in 0..<400 {
                _ = try await served.write { tx in
                    try tx.appendLedger(tenantId: "t", contract: "c", event: "E", sourceTime: Int64(k), payload: [:])
                }
            }
        }
        // What a CLI command does beside `ctn serve`: open the same file (and sign a head if one is missing).
        var seen: Int64 = 0
        for _ in 0..<40 {
            _ = try SQLiteStore(path: served.dbWriter.path, keys: served.signingKeys)
            let size = try await served.treeHead()?.size ?? 0
            #expect(size >= seen, "the signed head went back from \(seen) to \(size)")
            seen = size
        }
        try await writes.value
        _ = try SQLiteStore(path: served.dbWriter.path, keys: served.signingKeys)
        let head = try #require(try await served.treeHead())
        #expect(head.size == 400)
        #expect(LedgerHashing.hex(try await served.logRoot(size: 400)) == head.root)

        // A head already stored for the tip is left as it is; a missing one is signed for the tip.
        _ = try SQLiteStore(path: served.dbWriter.path, keys: served.signingKeys)
        #expect(try await served.treeHead() == head)
        try await served.dbWriter.write { db in try db.execute(sql: "DELETE FROM log_head") }
        try SQLiteStore.signMissingHead(served.dbWriter, keys: served.signingKeys)
        let signed = try #require(try await served.treeHead())
        #expect(signed.size == 400 && signed.root == head.root && signed.verify(served.signingKeys.signingKey.publicKey))
    }

    @Test("A store reopened on its file goes on from the stored ledger head")
    func reopen() async throws {
        let (path, cleanUp) = try Self.tempDatabase()
        defer { cleanUp() }
        let keys = NodeKeys.generate(nodeId: "test-node")
        let first = try await SQLiteStore(path: path, keys: keys).write { tx in
            try tx.appendLedger(tenantId: "t", contract: "c", event: "E", sourceTime: 0, payload: [:])
        }
        let reopened = try SQLiteStore(path: path, keys: keys)
        let second = try await reopened.write { tx in
            try tx.appendLedger(tenantId: "t", contract: "c", event: "E", sourceTime: 0, payload: [:])
        }
        #expect(second.seq == 2 && second.prevHash == first.hash)
        #expect(try await reopened.verifyLedger(nodeId: keys.nodeId, publicKey: keys.signingKey.publicKey).ok)
    }
}
