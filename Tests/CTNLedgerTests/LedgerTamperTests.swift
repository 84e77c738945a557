import CTNFederation
import CTNLedger
import CTNModel
import CTNSQLite
import CTNService
import CTNStore
import Foundation
import GRDB
import Testing

/// A node's store and service in a fresh temporary folder, driven without HTTP.
final class Fixture: @unchecked Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir: URL
    let keys: NodeKeys
    let store: SQLiteStore
    let service: ContractService
    let contracts: [String: ContractDefinition]
    let tenant: TenantRecord

    init() async throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        keys = NodeKeys.generate(nodeId: "test-node")
        store = try SQLiteStore(path: dir.appendingPathComponent("ctn.sqlite").path, keys: keys)
        let dicts = try Dictionaries.load(folder: Self.root.appendingPathComponent("Dictionaries"))
        let definitions = try ContractDefinition.loadAll(folder: Self.root.appendingPathComponent("Contracts"))
        service = ContractService(
            store: store, dictionaries: dicts, keys: keys, contracts: definitions,
            peers: PeerClient(nodeId: keys.nodeId, key: keys.signingKey, directory: PeerDirectory()))
        contracts = Dictionary(uniqueKeysWithValues: definitions.map { ($0.id, $0) })
        tenant = TenantRecord(tenantId: String(repeating: "1", count: 32), businessId: String(repeating: "2", count: 32), createdAt: 0)
        try await store.createTenant(businessId: tenant.businessId, tenantId: tenant.tenantId, tokenId: "t", tokenHash: "h", at: 0)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func call(_ contract: String, path: [String: String] = [:], _ body: JSONValue = [:]) async throws -> JSONValue {
        let id = try #require(ContractID(rawValue: contract))
        return try await service.handle(id, ValidatedRequest(path: path, body: try #require(body.objectValue)), caller: .tenant(tenant))
    }

    /// Registers equipment, a lot, uses and completes it: 7 ledger events.
    func populate() async throws -> String {
        let eq = try #require(try await call("equipment-registration", ["activityUnit": "min"])["equipmentId"]?.stringValue)
        _ = try await call("equipment-intensity-registration", path: ["equipmentId": eq], ["intensity": 0.251, "unit": "kg-CO2e/min"])
        let lot = try #require(try await call("lot-registration", ["declaredUnit": "piece"])["lotId"]?.stringValue)
        _ = try await call("equipment-use", path: ["lotId": lot], ["equipmentId": .string(eq), "activity": 60, "unit": "min"])
        _ = try await call("material-use", path: ["lotId": lot], ["category": "steel-s45c", "quantity": 2, "unit": "kg"])
        _ = try await call("equipment-use", path: ["lotId": lot], ["equipmentId": .string(eq), "activity": 0.5, "unit": "h"])
        _ = try await call("lot-completed", path: ["lotId": lot], ["completed": 10, "defects": 0])
        return lot
    }

    func verify() async throws -> VerificationReport {
        try await store.verifyLedger(nodeId: keys.nodeId, publicKey: keys.signingKey.publicKey)
    }

    /// Edits the database behind the node's back, as an attacker with file access would.
    func tamper(_ sql: String) throws {
        try store.dbWriter.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS ledger_no_update; DROP TRIGGER IF EXISTS ledger_no_delete")
            try db.execute(sql: sql)
        }
    }
}

@Suite("Ledger")
struct LedgerTamperTests {
    @Test("An untouched ledger verifies, with the lot's CO2 worked out by hand")
    func clean() async throws {
        let f = try await Fixture()
        let lot = try await f.populate()
        let r = try await f.verify()
        #expect(r.ok)
        #expect(r.events == 7)
        #expect(r.headSeq == 7)
        // 60 min + 0.5 h = 90 min at 0.251 → 22.59 kg; 2 kg steel at 0.393 → 0.786 kg; / 10 pieces.
        let shown = try await f.call("lot-enquiry", path: ["lotId": lot])
        #expect(abs(try #require(shown["co2PerUnit"]?.numberValue) - 2.3376) < 1e-12)
    }

    @Test("A changed payload is found at its event")
    func changedPayload() async throws {
        let f = try await Fixture()
        _ = try await f.populate()
        try f.tamper("UPDATE ledger SET payload = replace(payload, '\"activity\":60', '\"activity\":6') WHERE seq = 4")
        let r = try await f.verify()
        #expect(r.failure?.seq == 4)
        #expect(r.failure?.reason.contains("payload") == true)
    }

    @Test("A changed field outside the payload is found")
    func changedField() async throws {
        let f = try await Fixture()
        _ = try await f.populate()
        try f.tamper("UPDATE ledger SET source_time = source_time - 1000 WHERE seq = 5")
        #expect(try await f.verify().failure?.seq == 5)
    }

    @Test("A recomputed, consistent payload hash is still found (the chain breaks)")
    func rehashed() async throws {
        let f = try await Fixture()
        _ = try await f.populate()
        // The attacker fixes payload_hash and hash of event 3, but cannot fix event 4's link.
        let fetched = try f.store.dbWriter.read { db in
            try Row.fetchOne(
                db, sql: "SELECT seq, ledger_time, source_time, tenant_id, contract, event, payload, prev_hash FROM ledger WHERE seq = 3")
        }
        let e = try #require(fetched)
        let payload = (e[6] as String).replacingOccurrences(of: "piece", with: "kg")
        let ph = LedgerHashing.sha256Hex(payload)
        let h = LedgerHashing.recomputeHash(
            LedgerEvent(
                seq: 3, ledgerTime: e[1], sourceTime: e[2], tenantId: e[3], contract: e[4], event: e[5],
                payload: payload, payloadHash: ph, prevHash: e[7], hash: ""))
        try f.tamper("UPDATE ledger SET payload = '\(payload)', payload_hash = '\(ph)', hash = '\(h)' WHERE seq = 3")
        let r = try await f.verify()
        #expect(r.failure?.seq == 4)
        #expect(r.failure?.reason.contains("link") == true)
    }

    @Test("A deleted event in the middle is found")
    func deletedMiddle() async throws {
        let f = try await Fixture()
        _ = try await f.populate()
        try f.tamper("DELETE FROM ledger WHERE seq = 3")
        #expect(try await f.verify().failure?.seq == 3)
    }

    @Test("A deleted last event is found against the signed head")
    func deletedLast() async throws {
        let f = try await Fixture()
        _ = try await f.populate()
        try f.tamper("DELETE FROM ledger WHERE seq = 7")
        let r = try await f.verify()
        #expect(r.failure?.seq == 7)
        #expect(r.failure?.reason.contains("head") == true)
    }

    @Test("Two swapped events are found")
    func reordered() async throws {
        let f = try await Fixture()
        _ = try await f.populate()
        try f.tamper(
            "UPDATE ledger SET seq = -1 WHERE seq = 4; UPDATE ledger SET seq = 4 WHERE seq = 5; UPDATE ledger SET seq = 5 WHERE seq = -1")
        #expect(try await f.verify().failure?.seq == 4)
    }

    @Test("A head re-signed with another key is refused")
    func forgedHead() async throws {
        let f = try await Fixture()
        _ = try await f.populate()
        let head = try #require(try await f.store.signedHead())
        let forged = try NodeKeys.generate(nodeId: "test-node").signHead(seq: head.seq, hash: head.hash)
        try f.tamper("UPDATE ledger_head SET signature = '\(forged.signature)'")
        #expect(try await f.verify().failure?.reason.contains("signature") == true)
    }

    @Test("The ledger refuses updates and deletes through SQL while its triggers stand")
    func appendOnly() async throws {
        let f = try await Fixture()
        _ = try await f.populate()
        #expect(throws: (any Error).self) { try f.store.dbWriter.write { db in try db.execute(sql: "DELETE FROM ledger WHERE seq = 1") } }
        #expect(throws: (any Error).self) { try f.store.dbWriter.write { db in try db.execute(sql: "UPDATE ledger SET payload = '{}'") } }
        #expect(try await f.verify().ok)
    }

    @Test("Refused calls write nothing, even when batched with accepted ones")
    func refusedWritesNothing() async throws {
        let f = try await Fixture()
        let lot = try await f.populate()
        let before = try await f.verify().events
        // 40 concurrent calls: 20 valid lot registrations and 20 uses of the completed lot (refused).
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for k in 0..<40 {
                group.addTask {
                    do {
                        if k % 2 == 0 {
                            _ = try await f.call("lot-registration", ["declaredUnit": "kg"])
                        } else {
                            _ = try await f.call(
                                "material-use", path: ["lotId": lot], ["category": "resin-abs", "quantity": 1, "unit": "kg"])
                        }
                        return true
                    } catch let p as Problem {
                        #expect(p.code == "lot_completed")
                        return false
                    }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 20)
        let r = try await f.verify()
        #expect(r.ok)
        #expect(r.events == before + 20)
        let materialUses = try await f.store.dbWriter.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM material_uses") }
        #expect(materialUses == 1)
    }
}
