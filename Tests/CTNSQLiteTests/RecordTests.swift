import CTNLedger
import CTNModel
import CTNSQL
import CTNStore
import Testing

@testable import CTNSQLite

@Suite("Store (SQLite or PostgreSQL): records: written, then read back field by field")
struct RecordTests {
    @Test("A lot comes back with every field, and an update replaces every mutable field")
    func lots() async throws {
        let store = try await makeAnyStore()
        let open = openLot("lot-1")
        try await store.write { tx in try tx.insertLot(open) }
        #expect(try await store.read { try $0.lot("lot-1") } == open)
        #expect(try await store.read { try $0.lot("lot-unknown") } == nil)

        var done = completedLot("lot-1")
        done.createdAt = open.createdAt  // not updated: fixed at registration
        done.tenantId = open.tenantId
        done.declaredUnit = open.declaredUnit
        try await store.write { [done] tx in try tx.updateLot(done) }
        let back = try #require(try await store.read { try $0.lot("lot-1") })
        #expect(back == done)
        #expect(back.status == .completed && back.completedHash == "hash-13" && back.statement == "jws-statement")
        #expect(back.secondaryCO2 == 0.75 && back.certificateCount == 1 && back.version == 2 && back.shipped == 4)
    }

    @Test("Lot IDs of a tenant come in registration order (time, then insertion)")
    func lotIds() async throws {
        let store = try await makeAnyStore()
        try await store.write { tx in
            try tx.insertLot(openLot("a", createdAt: 5))
            try tx.insertLot(openLot("b", createdAt: 1))
            try tx.insertLot(openLot("c", createdAt: 5))
            try tx.insertLot(openLot("other", tenant: "tenant-b", createdAt: 0))
        }
        #expect(try await store.read { try $0.lotIds(tenantId: "tenant-a") } == ["b", "a", "c"])
        #expect(try await store.read { try $0.lotIds(tenantId: "tenant-none") } == [])
    }

    @Test("Equipment by ID and a tenant's list in registration order")
    func equipmentList() async throws {
        let store = try await makeAnyStore()
        let e1 = equipment("eq-1", createdAt: 7)
        let e2 = equipment("eq-2", createdAt: 3)
        let e3 = equipment("eq-3", tenant: "tenant-b")
        try await store.write { tx in
            try tx.insertEquipment(e1)
            try tx.insertEquipment(e2)
            try tx.insertEquipment(e3)
        }
        #expect(
            try await store.read { try $0.equipment("eq-1") }
                == EquipmentRecord(equipmentId: "eq-1", tenantId: "tenant-a", activityUnit: "min", createdAt: 7))
        #expect(try await store.read { try $0.equipment("eq-9") } == nil)
        #expect(try await store.read { try $0.equipmentList(tenantId: "tenant-a") } == [e2, e1])
    }

    /// Versions: 1 from t=100, 2 from t=200, 3 (a correction) also from t=200, 4 back-dated to t=50.
    static let versions: [IntensityRecord] = [
        IntensityRecord(
            equipmentId: "eq-1", version: 1, value: 0.1, unit: "kg-CO2e/min", perActivity: 0.1, validFrom: 100, registeredAt: 100,
            reportId: nil),
        IntensityRecord(
            equipmentId: "eq-1", version: 2, value: 12, unit: "kg-CO2e/h", perActivity: 0.2, validFrom: 200, registeredAt: 200,
            reportId: "report-2"),
        IntensityRecord(
            equipmentId: "eq-1", version: 3, value: 0.3, unit: "kg-CO2e/min", perActivity: 0.3, validFrom: 200, registeredAt: 300,
            reportId: nil),
        IntensityRecord(
            equipmentId: "eq-1", version: 4, value: 0.4, unit: "kg-CO2e/min", perActivity: 0.4, validFrom: 50, registeredAt: 400,
            reportId: nil),
    ]
    /// (time, version in force): the latest validFrom not after the time, then the highest version.
    static let inForce: [(Int64, Int64?)] = [(49, nil), (50, 4), (99, 4), (100, 1), (199, 1), (200, 3), (10_000, 3)]

    @Test("The intensity in force at a time, read outside and inside a write (the writer's cache)")
    func intensityInForce() async throws {
        let store = try await makeAnyStore()
        try await store.write { tx in
            try tx.insertEquipment(equipment("eq-1"))
            for v in Self.versions { try tx.insertIntensity(v) }
        }
        for (time, expected) in Self.inForce {
            #expect(try await store.read { try $0.intensity(equipmentId: "eq-1", at: time)?.version } == expected, "read at \(time)")
            #expect(try await store.write { try $0.intensity(equipmentId: "eq-1", at: time)?.version } == expected, "write at \(time)")
        }
        #expect(try await store.read { try $0.intensity(equipmentId: "eq-1", version: 2) } == Self.versions[1])
        #expect(try await store.read { try $0.intensity(equipmentId: "eq-1", version: 5) } == nil)
        #expect(try await store.read { try $0.latestIntensityVersion(equipmentId: "eq-1") } == 4)
        #expect(try await store.read { try $0.latestIntensityVersion(equipmentId: "eq-none") } == 0)
    }

    @Test("A new intensity version is seen by the writer right after it cached the older ones")
    func intensityCacheDropped() async throws {
        let store = try await makeAnyStore()
        try await store.write { tx in
            try tx.insertEquipment(equipment("eq-1"))
            try tx.insertIntensity(Self.versions[0])
        }
        #expect(try await store.write { try $0.intensity(equipmentId: "eq-1", at: 500)?.version } == 1)
        try await store.write { tx in try tx.insertIntensity(Self.versions[1]) }
        #expect(try await store.write { try $0.intensity(equipmentId: "eq-1", at: 500)?.version } == 2)
    }

    @Test("Material and equipment uses and shipments of a lot, in ledger order, every field")
    func usesAndShipments() async throws {
        let store = try await makeAnyStore()
        let remote = MaterialUseRecord(
            useId: "mu-2", lotId: "lot-1", materialLotId: "supplier-lot", category: nil, quantity: 2, unit: "kg",
            perUnit: 1.5, perUnitOf: "kg", baseQuantity: 2, co2: 3, sourceTime: 20, seq: 5,
            materialNode: "node-b", statementVersion: 2, intensitySource: nil)
        let category = MaterialUseRecord(
            useId: "mu-1", lotId: "lot-1", materialLotId: nil, category: "steel-s45c", quantity: 500, unit: "g",
            perUnit: 0.393, perUnitOf: "kg", baseQuantity: 0.5, co2: 0.1965, sourceTime: 10, seq: 4,
            intensitySource: "dictionary")
        let eu = EquipmentUseRecord(
            useId: "eu-1", lotId: "lot-1", equipmentId: "eq-1", activity: 1.5, unit: "h", intensity: 0.251,
            intensityVersion: 3, co2: 22.59, sourceTime: 30, seq: 6)
        let s1 = ShipmentRecord(shipmentId: "sh-2", lotId: "lot-1", consignee: "biz-b", quantity: 4, sourceTime: 41, seq: 8)
        let s0 = ShipmentRecord(shipmentId: "sh-1", lotId: "lot-1", consignee: "biz-a", quantity: 3, sourceTime: 40, seq: 7)
        try await store.write { tx in
            try tx.insertLot(openLot("lot-1"))
            try tx.insertLot(openLot("lot-2"))
            try tx.insertEquipment(equipment("eq-1"))
            try tx.insertMaterialUse(remote)
            try tx.insertMaterialUse(category)
            try tx.insertEquipmentUse(eu)
            try tx.insertShipment(s1)
            try tx.insertShipment(s0)
        }
        #expect(try await store.read { try $0.materialUses(lotId: "lot-1") } == [category, remote])
        #expect(try await store.read { try $0.equipmentUses(lotId: "lot-1") } == [eu])
        #expect(try await store.read { try $0.shipments(lotId: "lot-1") } == [s0, s1])
        #expect(try await store.read { try $0.materialUses(lotId: "lot-2") } == [])
        let onRemote = try await store.read { try $0.materialUses(ofRemoteLot: "supplier-lot", node: "node-b") }
        #expect(
            onRemote == [
                MaterialUseRecord(
                    useId: "mu-2", lotId: "lot-1", materialLotId: "supplier-lot", category: nil, quantity: 0, unit: "",
                    perUnit: 0, perUnitOf: "", baseQuantity: 0, co2: 0, sourceTime: 0, seq: 5, materialNode: "node-b")
            ])
        #expect(try await store.read { try $0.materialUses(ofRemoteLot: "supplier-lot", node: "node-c") } == [])
    }

    @Test("Shipped quantity per consignee and used quantity per tenant are sums")
    func sums() async throws {
        let store = try await makeAnyStore()
        @Sendable func use(_ id: String, lot: String, material: String, base: Double) -> MaterialUseRecord {
            MaterialUseRecord(
                useId: id, lotId: lot, materialLotId: material, category: nil, quantity: base * 1000, unit: "g", perUnit: 1,
                perUnitOf: "kg", baseQuantity: base, co2: base, sourceTime: 1, seq: 1)
        }
        try await store.write { tx in
            try tx.insertLot(openLot("m"))
            try tx.insertLot(openLot("other-material"))
            try tx.insertLot(openLot("l1", tenant: "t1"))
            try tx.insertLot(openLot("l2", tenant: "t1"))
            try tx.insertLot(openLot("l3", tenant: "t2"))
            try tx.insertShipment(ShipmentRecord(shipmentId: "s1", lotId: "m", consignee: "A", quantity: 3, sourceTime: 1, seq: 1))
            try tx.insertShipment(ShipmentRecord(shipmentId: "s2", lotId: "m", consignee: "A", quantity: 4.5, sourceTime: 1, seq: 2))
            try tx.insertShipment(ShipmentRecord(shipmentId: "s3", lotId: "m", consignee: "B", quantity: 10, sourceTime: 1, seq: 3))
            try tx.insertShipment(
                ShipmentRecord(shipmentId: "s4", lotId: "other-material", consignee: "A", quantity: 100, sourceTime: 1, seq: 4))
            try tx.insertMaterialUse(use("u1", lot: "l1", material: "m", base: 2))
            try tx.insertMaterialUse(use("u2", lot: "l2", material: "m", base: 3.5))
            try tx.insertMaterialUse(use("u3", lot: "l3", material: "m", base: 100))
            try tx.insertMaterialUse(use("u4", lot: "l1", material: "other-material", base: 50))
        }
        #expect(try await store.read { try $0.shippedQuantity(lotId: "m", consignee: "A") } == 7.5)
        #expect(try await store.read { try $0.shippedQuantity(lotId: "m", consignee: "B") } == 10)
        #expect(try await store.read { try $0.shippedQuantity(lotId: "m", consignee: "C") } == 0)
        #expect(try await store.read { try $0.usedQuantity(materialLotId: "m", byTenant: "t1") } == 5.5)
        #expect(try await store.read { try $0.usedQuantity(materialLotId: "m", byTenant: "t2") } == 100)
        #expect(try await store.read { try $0.usedQuantity(materialLotId: "m", byTenant: "t3") } == 0)
    }

    @Test("Certificates of a lot come oldest first (by ledger sequence)")
    func certificates() async throws {
        let store = try await makeAnyStore()
        try await store.write { tx in
            try tx.insertLot(openLot("lot-1"))
            try tx.insertCertificate(lotId: "lot-1", jws: "jws-late", certifier: "cert-b", version: 1, at: 20, seq: 9)
            try tx.insertCertificate(lotId: "lot-1", jws: "jws-early", certifier: "cert-a", version: 1, at: 10, seq: 3)
        }
        #expect(try await store.read { try $0.certificates(lotId: "lot-1") } == ["jws-early", "jws-late"])
        #expect(try await store.read { try $0.certificates(lotId: "lot-2") } == [])
    }

    @Test("Energy reports and remote statements: latest version, a given version, duplicates kept as first received")
    func reportsAndStatements() async throws {
        let store = try await makeAnyStore()
        let report = EnergyReportRecord(
            reportId: "r-1", tenantId: "tenant-a", periodStart: 100, periodEnd: 200, payload: #"{"kWh":12}"#, seq: 4)
        let v1 = RemoteStatementRecord(
            nodeId: "node-b", lotId: "lot-x", version: 1, jws: "jws-1", co2PerUnit: 1.5, declaredUnit: "kg", fetchedAt: 10)
        let v2 = RemoteStatementRecord(
            nodeId: "node-b", lotId: "lot-x", version: 2, jws: "jws-2", co2PerUnit: 1.75, declaredUnit: "kg", fetchedAt: 20)
        var again = v1
        again.jws = "jws-1-other"
        again.fetchedAt = 30
        try await store.write { [again] tx in
            try tx.insertEnergyReport(report)
            try tx.insertRemoteStatement(v1)
            try tx.insertRemoteStatement(v2)
            try tx.insertRemoteStatement(again)
        }
        #expect(try await store.read { try $0.energyReport("r-1") } == report)
        #expect(try await store.read { try $0.energyReport("r-2") } == nil)
        #expect(try await store.read { try $0.remoteStatement(nodeId: "node-b", lotId: "lot-x", version: nil) } == v2)
        #expect(try await store.read { try $0.remoteStatement(nodeId: "node-b", lotId: "lot-x", version: 1) } == v1)
        #expect(try await store.read { try $0.remoteStatement(nodeId: "node-b", lotId: "lot-x", version: 3) } == nil)
        #expect(try await store.read { try $0.remoteStatement(nodeId: "node-c", lotId: "lot-x", version: nil) } == nil)
    }

    @Test("Agreements by owner, by grantee, and in force between the two; revocation is kept once")
    func agreements() async throws {
        let store = try await makeAnyStore()
        func agreement(_ id: String, owner: String, grantee: String, seq: Int64, transitive: Bool = false) -> AgreementRecord {
            AgreementRecord(
                agreementId: id, tenantId: owner, grantee: grantee, scope: .lot, lotId: "lot-\(id)",
                contracts: ["lot-enquiry", "lot-breakdown"], purpose: "audit \(id)", expiresAt: 1_000 + seq, createdAt: seq,
                revokedAt: nil, seq: seq, transitive: transitive)
        }
        let a1 = agreement("a1", owner: "t1", grantee: "g1", seq: 1, transitive: true)
        let a2 = agreement("a2", owner: "t1", grantee: "g2@node-b", seq: 2)
        let a3 = agreement("a3", owner: "t2", grantee: "g1", seq: 3)
        var a4 = agreement("a4", owner: "t1", grantee: "g1", seq: 4)
        var scoped = agreement("a5", owner: "t3", grantee: "g3", seq: 5)
        scoped.scope = .all
        scoped.lotId = nil
        scoped.expiresAt = nil
        scoped.contracts = ["lot-enquiry"]
        try await store.write { [a4, scoped] tx in
            for a in [a1, a2, a3, a4, scoped] { try tx.insertAgreement(a) }
            try tx.revokeAgreement("a4", at: 99)
            try tx.revokeAgreement("a4", at: 120)  // already revoked: the first time stays
        }
        a4.revokedAt = 99
        #expect(try await store.read { try $0.agreement("a1") } == a1)
        #expect(try await store.read { try $0.agreement("a5") } == scoped)
        #expect(try await store.read { try $0.agreement("a9") } == nil)
        #expect(try await store.read { try $0.agreements(ownerTenant: "t1") } == [a4, a2, a1])
        #expect(try await store.read { try $0.agreements(grantee: "g1") } == [a4, a3, a1])
        #expect(try await store.read { try $0.agreements(ownerTenant: "t1", grantee: "g1") } == [a1])
        #expect(try await store.read { try $0.agreements(ownerTenant: "t1", grantee: "g2@node-b") } == [a2])
    }

    @Test("Contributions, and contributed values joined with the lot's current CFP per category unit")
    func contributions() async throws {
        let store = try await makeAnyStore()
        let c1 = ContributionRecord(lotId: "done-1", tenantId: "t1", category: "steel", factor: 4, contributedAt: 30, seq: 3)
        let c2 = ContributionRecord(lotId: "done-2", tenantId: "t2", category: "steel", factor: 0.5, contributedAt: 20, seq: 2)
        let open = ContributionRecord(lotId: "open-1", tenantId: "t1", category: "steel", factor: 1, contributedAt: 10, seq: 1)
        let other = ContributionRecord(lotId: "done-3", tenantId: "t1", category: "resin", factor: 1, contributedAt: 40, seq: 4)
        var d1 = completedLot("done-1", tenant: "t1", co2PerUnit: 12)
        d1.completedAt = 500
        var d2 = completedLot("done-2", tenant: "t2", co2PerUnit: 3)
        d2.completedAt = 600
        try await store.write { [d1, d2] tx in
            try tx.insertLot(d1)
            try tx.insertLot(d2)
            try tx.insertLot(openLot("open-1", tenant: "t1"))
            try tx.insertLot(completedLot("done-3", tenant: "t1"))
            for c in [c1, c2, open, other] { try tx.insertContribution(c) }
        }
        #expect(try await store.read { try $0.contribution(lotId: "done-1") } == c1)
        #expect(try await store.read { try $0.contribution(lotId: "nothing") } == nil)
        // 12 / 4 = 3 and 3 / 0.5 = 6, by contribution order (seq); the open lot has no CFP yet.
        #expect(
            try await store.read { try $0.contributions(category: "steel") } == [
                ContributedValue(tenantId: "t2", value: 6, completedAt: 600, seq: 2),
                ContributedValue(tenantId: "t1", value: 3, completedAt: 500, seq: 3),
            ])
    }

    @Test("The usage log of an owner comes newest first, cut at the limit")
    func usage() async throws {
        let store = try await makeAnyStore()
        let entries = (1...5).map { k in
            UsageRecord(
                ownerTenant: "owner", reader: "reader-\(k)@node-b", contract: "lot-enquiry", lotId: "lot-\(k)", basis: "agreement:a\(k)",
                at: Int64(k))
        }
        try await store.write { tx in
            try tx.insertUsage(Array(entries.prefix(2)))
            try tx.insertUsage([UsageRecord(ownerTenant: "someone-else", reader: "r", contract: "c", lotId: "l", basis: "consignee", at: 9)]
            )
            try tx.insertUsage(Array(entries.suffix(3)))
        }
        #expect(try await store.read { try $0.usage(ownerTenant: "owner", limit: 3) } == [entries[4], entries[3], entries[2]])
        #expect(try await store.read { try $0.usage(ownerTenant: "owner", limit: 100) }.map(\.at) == [5, 4, 3, 2, 1])
        #expect(try await store.read { try $0.usage(ownerTenant: "nobody", limit: 10) } == [])
    }
}
