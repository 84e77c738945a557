import CTNEngine
import CTNLedger
import CTNModel
import CTNStore

/// After a restatement: every equipment use that took one of the parent snapshot's intensities is
/// re-priced with the new version for the same equipment, and every lot it belongs to is
/// recomputed; a completed lot gets a new version with a new signed statement and a correction
/// event in the ledger, so that downstream traces see the earlier version as superseded.
struct PeriodCorrector {
    let engine: Engine
    let nodeId: String
    let signer: StatementSigner
    let tenant: TenantRecord
    let event: String
    /// The ledger event of a PACT publication, for the successors of the lot's footprints.
    let pactEvent: String
    let now: Int64
    let reason: String

    func correct(_ tx: any StoreWriting, old: [(equipmentId: String, version: Int64)], new: [IntensityRecord]) throws -> [JSONValue] {
        var lots: [String] = []
        for (equipmentId, version) in old {
            let uses = try tx.equipmentUses(equipmentId: equipmentId, intensityVersion: version)
            guard !uses.isEmpty else { continue }
            guard let replacement = new.first(where: { $0.equipmentId == equipmentId }), let e = try tx.equipment(equipmentId) else {
                throw Problem.invalidValue(
                    "allocation", "must include equipment \(equipmentId): lots used its intensity from the restated period")
            }
            for var use in uses {
                use.co2 = try ContractService.computing(field: "allocation") {
                    try engine.equipmentUseCO2(
                        activity: use.activity, unit: use.unit, intensity: replacement.perActivity, activityUnit: e.activityUnit)
                }
                use.intensity = replacement.perActivity
                use.intensityVersion = replacement.version
                try tx.updateEquipmentUse(use)
                if !lots.contains(use.lotId) { lots.append(use.lotId) }
            }
        }
        return try lots.map { try correctLot(tx, $0) }
    }

    /// Recomputes one lot's process part in ledger order; a completed lot gets a new version.
    func correctLot(_ tx: any StoreWriting, _ lotId: String) throws -> JSONValue {
        guard var lot = try tx.lot(lotId) else { throw Problem.notFound("lot \(lotId)") }
        var process = 0.0
        // The secondary part: the categories' CO2 and the restated CO2 of uncalibrated modelled activity.
        var secondary = try tx.materialUses(lotId: lotId).reduce(0.0) { $0 + ($1.category != nil ? $1.co2 : 0) }
        for use in try tx.equipmentUses(lotId: lotId) {
            process = try ContractService.computing(field: "allocation") { try Engine.checkedAccumulate(process, use.co2) }
            if use.isSecondary { secondary += use.co2 }
        }
        lot.secondaryCO2 = secondary
        let before = lot.co2PerUnit
        let previous = Views.previousFigures(lot)
        lot.processCO2 = process
        if lot.status == .completed, let completed = lot.completed, let defects = lot.defects {
            let figures = try ContractService.completion(lot, completed: completed, defects: defects, title: "Cannot restate the lot")
            lot.totalCO2 = figures.total
            lot.co2PerUnit = figures.perGoodUnit
            lot.version += 1
            lot.completedSeq = tx.nextSeq
            try LotEvidence.of(tx, lotId: lotId).apply(to: &lot)
            var json = Views.lot(lot, nodeId: nodeId, full: true)
            json["previous"] = previous
            json["reason"] = .string(reason)
            _ = try signer.appendStated(
                tx, &lot, tenantId: tenant.tenantId, contract: ContractID.lotCorrection.rawValue, event: event, sourceTime: now,
                payload: .object(json))
        }
        try tx.updateLot(lot)
        if lot.status == .completed { try ContractService.supersedeFootprints(tx, lot, event: pactEvent, now: now) }
        return [
            "lotId": .string(lotId), "status": .string(lot.status.rawValue), "version": .number(Double(lot.version)),
            "co2PerUnitBefore": .optional(before), "co2PerUnit": .optional(lot.co2PerUnit), "processCO2": .number(lot.processCO2),
        ]
    }
}
