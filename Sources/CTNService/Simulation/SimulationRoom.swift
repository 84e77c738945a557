import CTNCarbon
import CTNEngine
import CTNLedger
import CTNModel
import CTNSimulation
import CTNStore

/// Simulation Run and Simulation Apply. A run is computed and answered, never stored; applying one
/// records only equipment IDs, lot IDs, minutes and intensities, all or nothing.
extension ContractService {
    func simulationRun(_ input: SimulationRunInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let doc = try SimulationDocument(input.request)
        let ids = doc.equipmentIds
        if !ids.isEmpty {
            try await store.read { tx in
                for (id, field) in ids { _ = try Self.ownEquipment(tx, id, tenant, field: field) }
            }
        }
        return doc.simulate()
    }

    func simulationApply(_ input: SimulationApplyInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        guard input.periodEnd <= now + Self.maxFutureSkewMillis else { throw Problem.invalidValue("periodEnd", "lies in the future") }
        let applicationId = minter.mint(tenant: tenant.tenantId, kind: "simulation-apply").hex
        let useIds = input.uses.map { _ in minter.mint(tenant: tenant.tenantId, kind: "equipment-use").hex }
        let engine = self.engine
        let units = engine.units
        let intensityEvent = try event(.equipmentIntensityRegistration)
        let useEvent = try event(.equipmentUse)
        let appliedEvent = try event(.simulationApply)
        let tier = (input.calibration == "calibrated" ? EvidenceTier.periodic : EvidenceTier.default).rawValue
        return try await store.write { tx in
            var equipment: [String: EquipmentRecord] = [:]
            var firstOwn: [String: Int64] = [:]
            var restore: [String: IntensityRecord] = [:]
            for (k, i) in input.intensities.enumerated() where equipment[i.equipmentId] == nil {
                equipment[i.equipmentId] = try Self.ownEquipment(tx, i.equipmentId, tenant, field: "intensities[\(k)].equipmentId")
                // What would be in force at the period's end comes back then (registered again after
                // the simulated versions), unless it starts at the end itself.
                if let atEnd = try tx.intensity(equipmentId: i.equipmentId, at: input.periodEnd), atEnd.validFrom < input.periodEnd {
                    restore[i.equipmentId] = atEnd
                }
            }
            func register(
                _ e: EquipmentRecord, value: Double, unit: String, validFrom: Int64, field: String, tier: String?
            ) throws -> IntensityRecord {
                let perActivity = try Self.computing(field: field) {
                    try units.intensity(value, unit: unit, perActivityUnit: e.activityUnit)
                }
                let record = IntensityRecord(
                    equipmentId: e.equipmentId, version: try tx.latestIntensityVersion(equipmentId: e.equipmentId) + 1, value: value,
                    unit: unit, perActivity: perActivity, validFrom: validFrom, registeredAt: now, reportId: nil, tier: tier)
                try tx.insertIntensity(record)
                _ = try tx.appendLedger(
                    tenantId: tenant.tenantId, contract: SimulationApplyInput.contract.rawValue, event: intensityEvent, sourceTime: now,
                    payload: Views.intensity(record, activityUnit: e.activityUnit))
                return record
            }
            for (k, i) in input.intensities.enumerated() {
                guard let e = equipment[i.equipmentId] else { continue }
                let r = try register(
                    e, value: i.intensity, unit: i.unit, validFrom: i.validFrom, field: "intensities[\(k)].unit", tier: tier)
                if firstOwn[i.equipmentId] == nil { firstOwn[i.equipmentId] = r.validFrom }
            }
            var lots: [String: Double] = [:]
            var applied: [String: Set<String>] = [:]
            for (k, u) in input.uses.enumerated() {
                let field = "uses[\(k)]"
                var lot = try Self.ownLot(tx, u.lotId, tenant, field: "\(field).lotId")
                guard lot.status == .open else {
                    throw Problem.conflict(
                        "lot_completed", "lot \(u.lotId) is completed and closed to further use", field: "\(field).lotId")
                }
                let e = try equipment[u.equipmentId] ?? Self.ownEquipment(tx, u.equipmentId, tenant, field: "\(field).equipmentId")
                // Applying a period twice would count its activity twice. A lot's earlier uses are
                // read once, at its first use here, before any of this application's are written.
                if applied[u.lotId] == nil {
                    applied[u.lotId] = Set(
                        try tx.equipmentUses(lotId: u.lotId).filter {
                            $0.activitySource != "measured" && $0.sourceTime >= input.periodStart && $0.sourceTime <= input.periodEnd
                        }.map(\.equipmentId))
                }
                if applied[u.lotId]?.contains(u.equipmentId) == true {
                    throw Problem.conflict(
                        "already_applied", "lot \(u.lotId) has modelled uses of equipment \(u.equipmentId) in this period already",
                        field: "\(field).lotId")
                }
                guard let first = firstOwn[u.equipmentId], u.time >= first,
                    let intensity = try tx.intensity(equipmentId: u.equipmentId, at: u.time)
                else {
                    throw Problem.conflict(
                        "no_intensity",
                        "no intensity of equipment \(u.equipmentId) in the document is valid at \(Timestamp.format(millis: u.time))",
                        field: "\(field).time")
                }
                let co2 = try Self.computing(field: "\(field).unit") {
                    try engine.equipmentUseCO2(
                        activity: u.activity, unit: u.unit, intensity: intensity.perActivity, activityUnit: e.activityUnit)
                }
                let use = EquipmentUseRecord(
                    useId: useIds[k], lotId: u.lotId, equipmentId: u.equipmentId, activity: u.activity, unit: u.unit,
                    intensity: intensity.perActivity, intensityVersion: intensity.version, co2: co2, sourceTime: u.time, seq: tx.nextSeq,
                    activitySource: u.activitySource)
                try tx.insertEquipmentUse(use)
                lot.processCO2 = try Self.computing(field: "\(field).activity") { try Engine.checkedAccumulate(lot.processCO2, co2) }
                if use.isSecondary {
                    lot.secondaryCO2 = try Self.computing(field: "\(field).activity") {
                        try Engine.checkedAccumulate(lot.secondaryCO2, co2)
                    }
                }
                try tx.updateLot(lot)
                lots[u.lotId] = lot.processCO2
                _ = try tx.appendLedger(
                    tenantId: tenant.tenantId, contract: SimulationApplyInput.contract.rawValue, event: useEvent, sourceTime: u.time,
                    payload: Views.equipmentUse(use, activityUnit: e.activityUnit, lotProcessCO2: lot.processCO2))
            }
            for (id, before) in restore.sorted(by: { $0.key < $1.key }) {
                guard let e = equipment[id] else { continue }
                _ = try register(
                    e, value: before.value, unit: before.unit, validFrom: input.periodEnd, field: "periodEnd", tier: before.tier)
            }
            let lotList: [JSONValue] = lots.sorted { $0.key < $1.key }.map { ["lotId": .string($0.key), "processCO2": .number($0.value)] }
            var summary = JSONObject()
            summary["applicationId"] = .string(applicationId)
            summary["periodStart"] = .string(Timestamp.format(millis: input.periodStart))
            summary["periodEnd"] = .string(Timestamp.format(millis: input.periodEnd))
            summary["calibration"] = .string(input.calibration)
            summary["intensities"] = .number(Double(input.intensities.count))
            summary["uses"] = .number(Double(input.uses.count))
            summary["restored"] = .array(restore.keys.sorted().map { JSONValue.string($0) })
            summary["lots"] = .array(lotList)
            let seq = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: SimulationApplyInput.contract.rawValue, event: appliedEvent, sourceTime: now,
                payload: .object(summary)
            ).seq
            summary["ledgerSeq"] = .number(Double(seq))
            return .object(summary)
        }
    }
}
