import CTNLedger
import CTNModel
import CTNPACT
import CTNStore

/// PACT Profile, Publication and Withdrawal: what a tenant chooses to publish on its PACT host.
/// The names are stored only in the PACT tables (deleted on withdrawal); the ledger keeps their
/// SHA-256, so that a published text can be checked without the node keeping it twice.
extension ContractService {
    func pactProfile(_ input: PACTProfileInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let event = try event(.pactProfile)
        return try await store.write { tx in
            try tx.upsertPACTProfile(
                PACTProfileRecord(tenantId: tenant.tenantId, companyName: input.companyName, companyIds: input.companyIds, updatedAt: now))
            _ = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: PACTProfileInput.contract.rawValue, event: event, sourceTime: now,
                payload: [
                    "companyNameSha256": .string(LedgerHashing.sha256Hex(input.companyName)),
                    "companyIdsSha256": .string(LedgerHashing.sha256Hex(input.companyIds.joined(separator: "\n"))),
                ])
            return ["companyIds": .array(input.companyIds.map { .string($0) }), "updatedAt": .string(Timestamp.format(millis: now))]
        }
    }

    func pactPublication(_ input: PACTPublicationInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let id = PACTUUID.make()
        let event = try event(.pactPublication)
        return try await store.write { tx in
            let lot = try Self.ownLot(tx, input.lotId, tenant)
            guard lot.status == .completed else {
                throw Problem.conflict("lot_not_completed", "lot \(input.lotId) is still open: it has no CFP to publish", field: "lotId")
            }
            guard try tx.pactProfile(tenantId: tenant.tenantId) != nil else {
                throw Problem.conflict(
                    "no_pact_profile", "publish the company's PACT profile first (PUT /v1/pact/profile)", field: "lotId")
            }
            let record = try Self.footprint(
                tx, lot, id: id, tenant: tenant, name: input.productName, description: input.productDescription,
                productIds: input.productIds,
                cpc: input.productCategoryCpc, preceding: [], now: now)
            try tx.insertPACTFootprint(record)
            let seq = try Self.recordPublication(tx, record, event: event)
            return [
                "id": .string(id), "lotId": .string(lot.lotId), "version": .number(Double(lot.version)), "ledgerSeq": .number(Double(seq)),
            ]
        }
    }

    func pactWithdrawal(_ input: PACTWithdrawalInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let event = try event(.pactWithdrawal)
        return try await store.write { tx in
            guard let f = try tx.pactFootprint(input.footprintId), f.tenantId == tenant.tenantId else {
                throw Problem.notFound("footprint \(input.footprintId)", field: "footprintId")
            }
            try tx.deletePACTFootprint(f.footprintId)
            _ = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: PACTWithdrawalInput.contract.rawValue, event: event, sourceTime: now,
                payload: ["id": .string(f.footprintId), "lotId": .string(f.lotId), "withdrawn": true])
            return ["id": .string(f.footprintId), "withdrawn": true]
        }
    }

    /// A footprint of `lot` as it stands: its figures, the published names, the period of its uses.
    static func footprint(
        _ tx: any StoreReading, _ lot: LotRecord, id: String, tenant: TenantRecord, name: String, description: String, productIds: [String],
        cpc: String, preceding: [String], now: Int64
    ) throws -> PACTFootprintRecord {
        guard PACTUnits.declared(lot.declaredUnit, version: 3) != nil else {
            throw Problem(
                status: 422, code: "unsupported_unit", title: "No PACT declared unit",
                detail: "lot \(lot.lotId) is declared in \(lot.declaredUnit), which PACT cannot state", field: "lotId")
        }
        let times = try tx.materialUses(lotId: lot.lotId).map(\.sourceTime) + tx.equipmentUses(lotId: lot.lotId).map(\.sourceTime)
        let end = lot.completedAt ?? now
        return PACTFootprintRecord(
            footprintId: id, tenantId: tenant.tenantId, lotId: lot.lotId, lotVersion: lot.version, productName: name,
            productDescription: description, productIds: productIds, productCategoryCpc: cpc, createdAt: now, precedingIds: preceding,
            declaredUnit: lot.declaredUnit, co2PerUnit: lot.co2PerUnit ?? 0, primaryDataShare: lot.primaryDataShare,
            periodStart: min(times.min() ?? lot.createdAt, end), periodEnd: end)
    }

    static func recordPublication(_ tx: any StoreWriting, _ f: PACTFootprintRecord, event: String) throws -> Int64 {
        try tx.appendLedger(
            tenantId: f.tenantId, contract: PACTPublicationInput.contract.rawValue, event: event, sourceTime: f.createdAt,
            payload: [
                "id": .string(f.footprintId), "lotId": .string(f.lotId), "lotVersion": .number(Double(f.lotVersion)),
                "co2PerUnit": .number(f.co2PerUnit), "productNameSha256": .string(LedgerHashing.sha256Hex(f.productName)),
                "productIdsSha256": .string(LedgerHashing.sha256Hex(f.productIds.joined(separator: "\n"))),
                "productCategoryCpc": .string(f.productCategoryCpc),
                "precedingPfIds": .array(f.precedingIds.map { .string($0) }),
            ]
        ).seq
    }

    /// After a lot's figures changed (a correction, a restatement): each active footprint of it is
    /// deprecated and succeeded by one with the new figures, pointing at its predecessors.
    static func supersedeFootprints(_ tx: any StoreWriting, _ lot: LotRecord, event: String, now: Int64) throws {
        for old in try tx.pactFootprints(lotId: lot.lotId) where old.status == "Active" {
            guard let tenant = try tx.tenant(tenantId: old.tenantId) else { continue }
            try tx.setPACTFootprintStatus(old.footprintId, status: "Deprecated")
            let successor = try footprint(
                tx, lot, id: PACTUUID.make(), tenant: tenant, name: old.productName, description: old.productDescription,
                productIds: old.productIds, cpc: old.productCategoryCpc, preceding: [old.footprintId] + old.precedingIds, now: now)
            try tx.insertPACTFootprint(successor)
            _ = try recordPublication(tx, successor, event: event)
        }
    }
}
