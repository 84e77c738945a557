import CTNEngine
import CTNLedger
import CTNModel
import CTNStore

/// Energy Report: one period's consumption per energy type, each equipment's operating time and
/// energy performance. The engine allocates the emissions (white paper equations 5 to 8) and
/// each equipment's intensity is registered as an Equipment Intensity Registration linked to
/// the report, in the same transaction.
extension ContractService {
    func energyReport(_ input: EnergyReportInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let validFrom = input.validFrom ?? now
        let (energy, factors) = try emissionFactors(input)
        let reportId = minter.mint(tenant: tenant.tenantId, kind: "energy-report").hex
        let engine = self.engine
        let event = try event(.energyReport)
        let intensityEvent = try self.event(.equipmentIntensityRegistration)
        let payload = CanonicalJSON.encode(.object(input.body))

        let (result, versions) = try await store.write { tx in
            var operations: [EquipmentOperation] = []
            for (i, item) in input.equipment.enumerated() {
                let equipment = try Self.ownEquipment(tx, item.equipmentId, tenant, field: "equipment[\(i)].equipmentId")
                guard engine.units.sameDimension(item.unit, "s") else {
                    throw Problem.unknownUnit("equipment[\(i)].unit", item.unit, expected: "time")
                }
                guard engine.units.sameDimension(equipment.activityUnit, "s") else {
                    throw Problem.invalidValue(
                        "equipment[\(i)].equipmentId",
                        "has activity unit '\(equipment.activityUnit)', not a unit of time, so an energy report cannot give its intensity")
                }
                operations.append(
                    EquipmentOperation(
                        equipmentId: item.equipmentId, operatingTime: item.operatingTime, timeUnit: item.unit,
                        activityUnit: equipment.activityUnit,
                        performance: item.performance.map { (energyType: $0.type, value: $0.value, unit: $0.unit) }))
            }
            let result = try Self.computing(field: "equipment", title: "Cannot compute the report") {
                try engine.energyReport(energy: energy, equipment: operations)
            }
            let reportEvent = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: EnergyReportInput.contract.rawValue, event: event, sourceTime: input.periodEnd,
                payload: [
                    "energyReportId": .string(reportId), "report": .object(input.body), "factors": .array(factors),
                    "result": .object(Views.reportResult(result, versions: [:])),
                ])
            try tx.insertEnergyReport(
                EnergyReportRecord(
                    reportId: reportId, tenantId: tenant.tenantId, periodStart: input.periodStart, periodEnd: input.periodEnd,
                    payload: payload, seq: reportEvent.seq))
            var versions: [String: Int64] = [:]
            for line in result.equipment {
                let activityUnit = operations.first { $0.equipmentId == line.equipmentId }?.activityUnit ?? ""
                let record = IntensityRecord(
                    equipmentId: line.equipmentId, version: try tx.latestIntensityVersion(equipmentId: line.equipmentId) + 1,
                    value: line.intensity, unit: line.unit, perActivity: line.intensity, validFrom: validFrom, registeredAt: now,
                    reportId: reportId)
                try tx.insertIntensity(record)
                _ = try tx.appendLedger(
                    tenantId: tenant.tenantId, contract: ContractID.equipmentIntensityRegistration.rawValue, event: intensityEvent,
                    sourceTime: now, payload: Views.intensity(record, activityUnit: activityUnit))
                versions[line.equipmentId] = record.version
            }
            return (result, versions)
        }
        var body = JSONObject()
        body["energyReportId"] = .string(reportId)
        body["periodStart"] = .string(Timestamp.format(millis: input.periodStart))
        body["periodEnd"] = .string(Timestamp.format(millis: input.periodEnd))
        body["validFrom"] = .string(Timestamp.format(millis: validFrom))
        for (key, value) in Views.reportResult(result, versions: versions).pairs { body[key] = value }
        return .object(body)
    }

    /// Each energy line with its emission factor: the one the report gives, or the dictionaries'
    /// factor valid at the period's start; and where each factor came from.
    func emissionFactors(_ input: EnergyReportInput) throws(Problem) -> ([EnergyConsumption], [JSONValue]) {
        var energy: [EnergyConsumption] = []
        var sources: [JSONValue] = []
        for (k, line) in input.energy.enumerated() {
            let factor: Double
            let factorUnit: String
            if let given = line.emissionFactor {
                (factor, factorUnit) = (given.value, given.unit)
                sources.append(["type": .string(line.type), "source": "report"])
            } else {
                guard let known = dictionaries.energyTypes[line.type]?.factor(at: input.periodStart) else {
                    throw Problem(
                        status: 422, code: "no_emission_factor", title: "No emission factor",
                        detail:
                            "the dictionaries have no emission factor for \(line.type) valid at \(Timestamp.format(millis: input.periodStart)); give emissionFactor and emissionFactorUnit",
                        field: "energy[\(k)].emissionFactor")
                }
                (factor, factorUnit) = (known.value, known.unit)
                sources.append([
                    "type": .string(line.type), "source": .string(known.source), "publisher": .string(known.publisher),
                    "region": .string(known.region),
                ])
            }
            energy.append(
                EnergyConsumption(
                    energyType: line.type, consumption: line.consumption, unit: line.unit, factor: factor, factorUnit: factorUnit))
        }
        return (energy, sources)
    }
}
