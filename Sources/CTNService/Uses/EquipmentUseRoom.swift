import CTNEngine
import CTNLedger
import CTNModel
import CTNStore

/// Equipment Use: activity of the caller's equipment spent on one of its lots, at the intensity
/// in force at the time of use.
extension ContractService {
    func equipmentUse(_ input: EquipmentUseInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let time = try Self.sourceTime(input.time, now: clock.nowMillis())
        let useId = minter.mint(tenant: tenant.tenantId, kind: "equipment-use").hex
        let engine = self.engine
        let event = try event(.equipmentUse)
        return try await store.write { tx in
            var lot = try Self.ownLot(tx, input.lotId, tenant)
            try Self.requireOpen(lot)
            let equipment = try Self.ownEquipment(tx, input.equipmentId, tenant, field: "equipmentId")
            guard let intensity = try tx.intensity(equipmentId: input.equipmentId, at: time) else {
                throw Problem.conflict(
                    "no_intensity", "equipment \(input.equipmentId) has no intensity valid at \(Timestamp.format(millis: time))",
                    field: "equipmentId")
            }
            let co2 = try Self.computing(field: "unit") {
                try engine.equipmentUseCO2(
                    activity: input.activity, unit: input.unit, intensity: intensity.perActivity, activityUnit: equipment.activityUnit)
            }
            let use = EquipmentUseRecord(
                useId: useId, lotId: input.lotId, equipmentId: input.equipmentId, activity: input.activity, unit: input.unit,
                intensity: intensity.perActivity, intensityVersion: intensity.version, co2: co2, sourceTime: time, seq: tx.nextSeq,
                activitySource: input.activitySource)
            try tx.insertEquipmentUse(use)
            lot.processCO2 = try Self.computing(field: "activity") { try Engine.checkedAccumulate(lot.processCO2, co2) }
            if use.isSecondary {
                lot.secondaryCO2 = try Self.computing(field: "activity") { try Engine.checkedAccumulate(lot.secondaryCO2, co2) }
            }
            try tx.updateLot(lot)
            let json = Views.equipmentUse(use, activityUnit: equipment.activityUnit, lotProcessCO2: lot.processCO2)
            _ = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: EquipmentUseInput.contract.rawValue, event: event, sourceTime: time, payload: json)
            return json
        }
    }
}
