import CTNEngine
import CTNLedger
import CTNModel
import CTNStore

/// Equipment Registration, Equipment Intensity Registration and Equipment Enquiry.
extension ContractService {
    func registerEquipment(_ input: EquipmentRegistrationInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let id = minter.mint(tenant: tenant.tenantId, kind: "equipment").hex
        let now = clock.nowMillis()
        let event = try event(.equipmentRegistration)
        let seq = try await store.write { tx in
            try tx.insertEquipment(
                EquipmentRecord(equipmentId: id, tenantId: tenant.tenantId, activityUnit: input.activityUnit, createdAt: now))
            return try tx.appendLedger(
                tenantId: tenant.tenantId, contract: EquipmentRegistrationInput.contract.rawValue, event: event, sourceTime: now,
                payload: ["equipmentId": .string(id), "activityUnit": .string(input.activityUnit)]
            ).seq
        }
        return ["equipmentId": .string(id), "activityUnit": .string(input.activityUnit), "ledgerSeq": .number(Double(seq))]
    }

    func registerIntensity(_ input: IntensityRegistrationInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let validFrom = input.validFrom ?? now
        let units = engine.units
        let event = try event(.equipmentIntensityRegistration)
        return try await store.write { tx in
            let equipment = try Self.ownEquipment(tx, input.equipmentId, tenant, field: "equipmentId")
            let perActivity = try Self.computing(field: "unit") {
                try units.intensity(input.intensity, unit: input.unit, perActivityUnit: equipment.activityUnit)
            }
            let record = IntensityRecord(
                equipmentId: input.equipmentId, version: try tx.latestIntensityVersion(equipmentId: input.equipmentId) + 1,
                value: input.intensity, unit: input.unit, perActivity: perActivity, validFrom: validFrom, registeredAt: now, reportId: nil)
            try tx.insertIntensity(record)
            let json = Views.intensity(record, activityUnit: equipment.activityUnit)
            _ = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: IntensityRegistrationInput.contract.rawValue, event: event, sourceTime: now,
                payload: json)
            return json
        }
    }

    func equipmentEnquiry(_ input: EquipmentEnquiryInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let list = try await store.read { tx in
            try tx.equipmentList(tenantId: tenant.tenantId).map { equipment in
                Views.equipment(equipment, intensity: try tx.intensity(equipmentId: equipment.equipmentId, at: now))
            }
        }
        return ["equipment": .array(list)]
    }
}
