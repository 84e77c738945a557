import CTNEngine
import CTNLedger
import CTNModel
import CTNStore

/// Lot Registration, Lot Completed, Lot Correction and Lot Shipment.
extension ContractService {
    func registerLot(_ input: LotRegistrationInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let id = minter.mint(tenant: tenant.tenantId, kind: "lot").hex
        let now = clock.nowMillis()
        let event = try event(.lotRegistration)
        let seq = try await store.write { tx in
            try tx.insertLot(
                LotRecord(lotId: id, tenantId: tenant.tenantId, declaredUnit: input.declaredUnit, status: .open, createdAt: now))
            return try tx.appendLedger(
                tenantId: tenant.tenantId, contract: LotRegistrationInput.contract.rawValue, event: event, sourceTime: now,
                payload: ["lotId": .string(id), "declaredUnit": .string(input.declaredUnit)]
            ).seq
        }
        return [
            "lotId": .string(id), "declaredUnit": .string(input.declaredUnit), "status": .string(LotStatus.open.rawValue),
            "ledgerSeq": .number(Double(seq)),
        ]
    }

    /// The engine's completion figures, with its errors naming `defects` or `completed`.
    static func completion(
        _ lot: LotRecord, completed: Double, defects: Double, title: String
    ) throws -> (total: Double, perGoodUnit: Double, good: Double) {
        do {
            return try Engine.completeLot(materialCO2: lot.materialCO2, processCO2: lot.processCO2, completed: completed, defects: defects)
        } catch {
            throw problem(error, field: error.code == "defects_exceed_completed" ? "defects" : "completed", title: title)
        }
    }

    func completeLot(_ input: LotCompletedInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let time = try Self.sourceTime(input.time, now: clock.nowMillis())
        let nodeId = self.nodeId
        let signer = self.statements
        let event = try event(.lotCompleted)
        let lot = try await store.write { tx in
            var lot = try Self.ownLot(tx, input.lotId, tenant)
            try Self.requireOpen(lot)
            let figures = try Self.completion(lot, completed: input.completed, defects: input.defects, title: "Cannot complete the lot")
            lot.status = .completed
            lot.completed = input.completed
            lot.defects = input.defects
            lot.totalCO2 = figures.total
            lot.co2PerUnit = figures.perGoodUnit
            lot.completedAt = time
            lot.completedSeq = tx.nextSeq
            lot.version = 1
            try LotEvidence.of(tx, lotId: lot.lotId).apply(to: &lot)
            _ = try signer.appendStated(
                tx, &lot, tenantId: tenant.tenantId, contract: LotCompletedInput.contract.rawValue, event: event, sourceTime: time,
                payload: .object(Views.lot(lot, nodeId: nodeId, full: true)))
            try tx.updateLot(lot)
            return lot
        }
        var json = Views.lot(lot, nodeId: nodeId, full: true)
        json["statement"] = .optional(try statements.statement(for: lot))
        return .object(json)
    }

    func correctLot(_ input: LotCorrectionInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let time = try Self.sourceTime(input.time, now: clock.nowMillis())
        let nodeId = self.nodeId
        let signer = self.statements
        let event = try event(.lotCorrection)
        let pactEvent = try self.event(.pactPublication)
        let (lot, previous) = try await store.write { tx in
            var lot = try Self.ownLot(tx, input.lotId, tenant)
            guard lot.status == .completed, let oldCompleted = lot.completed, let oldDefects = lot.defects else {
                throw Problem.conflict(
                    "lot_not_completed", "lot \(input.lotId) is still open: complete it instead of correcting it", field: "lotId")
            }
            let completed = input.completed ?? oldCompleted
            let defects = input.defects ?? oldDefects
            let figures = try Self.completion(lot, completed: completed, defects: defects, title: "Cannot correct the lot")
            let committed = lot.shipped + (try tx.usedQuantity(materialLotId: input.lotId, byTenant: tenant.tenantId))
            guard figures.good >= committed else {
                throw Problem.conflict(
                    "quantity_exceeds_available",
                    "\(CanonicalJSON.number(committed)) \(lot.declaredUnit) of lot \(input.lotId) are already shipped or used; the good units cannot fall below that",
                    field: input.completed != nil ? "completed" : "defects")
            }
            let previous = Views.previousFigures(lot)
            lot.completed = completed
            lot.defects = defects
            lot.totalCO2 = figures.total
            lot.co2PerUnit = figures.perGoodUnit
            lot.version += 1
            lot.completedSeq = tx.nextSeq
            try LotEvidence.of(tx, lotId: lot.lotId).apply(to: &lot)
            var json = Views.lot(lot, nodeId: nodeId, full: true)
            json["previous"] = previous
            json["reason"] = .string(input.reason)
            _ = try signer.appendStated(
                tx, &lot, tenantId: tenant.tenantId, contract: LotCorrectionInput.contract.rawValue, event: event, sourceTime: time,
                payload: .object(json))
            try tx.updateLot(lot)
            try Self.supersedeFootprints(tx, lot, event: pactEvent, now: time)
            return (lot, previous)
        }
        var json = Views.lot(lot, nodeId: nodeId, full: true)
        json["previous"] = previous
        json["statement"] = .optional(try statements.statement(for: lot))
        return .object(json)
    }

    func shipLot(_ input: LotShipmentInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let time = try Self.sourceTime(input.time, now: clock.nowMillis())
        let local = input.consignee.nodeId == nil || input.consignee.nodeId == nodeId
        // Consignees on this node are stored by their bare business ID; others as `<businessId>@<nodeId>`.
        let consignee = storedBusiness(input.consignee)
        let shipmentId = minter.mint(tenant: tenant.tenantId, kind: "shipment").hex
        let event = try event(.lotShipment)
        return try await store.write { tx in
            var lot = try Self.ownLot(tx, input.lotId, tenant)
            guard lot.status == .completed, let good = lot.goodUnits else {
                throw Problem.conflict("lot_not_completed", "lot \(input.lotId) must be completed before it is shipped", field: "lotId")
            }
            if local {
                guard try tx.tenant(businessId: consignee) != nil else {
                    throw Problem.notFound("business \(input.consignee.description)", field: "consignee")
                }
                guard consignee != tenant.businessId else { throw Problem.invalidValue("consignee", "is the lot's owner") }
            }
            let available = good - lot.shipped - (try tx.usedQuantity(materialLotId: input.lotId, byTenant: tenant.tenantId))
            guard input.quantity <= available else {
                throw Problem.conflict(
                    "quantity_exceeds_available",
                    "only \(CanonicalJSON.number(available)) \(lot.declaredUnit) of lot \(input.lotId) are left to ship", field: "quantity")
            }
            let shipment = ShipmentRecord(
                shipmentId: shipmentId, lotId: input.lotId, consignee: consignee, quantity: input.quantity, sourceTime: time,
                seq: tx.nextSeq)
            try tx.insertShipment(shipment)
            lot.shipped += input.quantity
            try tx.updateLot(lot)
            let json = Views.shipment(shipment, lot: lot)
            _ = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: LotShipmentInput.contract.rawValue, event: event, sourceTime: time, payload: json)
            return json
        }
    }
}
