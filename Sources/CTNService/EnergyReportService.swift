import CTNEngine
import CTNLedger
import CTNModel
import CTNStore

extension ContractService {
    /// Energy report: one period's consumption per energy type, each equipment's operating time and
    /// energy performance. The engine allocates the emissions (white paper equations 5 to 8) and
    /// each equipment's intensity is registered as an Equipment Intensity Registration linked to
    /// the report, in the same transaction.
    func energyReport(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let b = call.body
        let now = Timestamp.nowMillis()
        let start = Timestamp.parseMillis(b["periodStart"]!.stringValue!)!
        let end = Timestamp.parseMillis(b["periodEnd"]!.stringValue!)!
        guard end > start else { throw Problem.invalidValue("periodEnd", "must be after periodStart") }
        let validFrom = b["validFrom"]?.stringValue.flatMap(Timestamp.parseMillis) ?? now
        let dictionaries = engine.units.dictionaries

        var energy: [EnergyConsumption] = []
        var factorSources: [JSONValue] = []
        for (k, e) in b["energy"]!.arrayValue!.enumerated() {
            let type = e["type"]!.stringValue!
            guard !energy.contains(where: { $0.energyType == type }) else {
                throw Problem.invalidValue("energy[\(k)].type", "appears twice in the report")
            }
            let factor: Double, factorUnit: String
            switch (e["emissionFactor"]?.numberValue, e["emissionFactorUnit"]?.stringValue) {
            case let (v?, u?):
                factor = v; factorUnit = u
                factorSources.append(["type": .string(type), "source": "report"])
            case (nil, nil):
                guard let f = dictionaries.energyTypes[type]?.factor(at: start) else {
                    throw Problem(status: 422, code: "no_emission_factor", title: "No emission factor",
                                  detail: "the dictionaries have no emission factor for \(type) valid at \(Timestamp.format(millis: start)); give emissionFactor and emissionFactorUnit",
                                  field: "energy[\(k)].emissionFactor")
                }
                factor = f.value; factorUnit = f.unit
                factorSources.append(["type": .string(type), "source": .string(f.source), "publisher": .string(f.publisher),
                                      "region": .string(f.region)])
            case (nil, _?): throw Problem.missingField("energy[\(k)].emissionFactor")
            case (_?, nil): throw Problem.missingField("energy[\(k)].emissionFactorUnit")
            }
            energy.append(EnergyConsumption(energyType: type, consumption: e["consumption"]!.numberValue!, unit: e["unit"]!.stringValue!,
                                            factor: factor, factorUnit: factorUnit))
        }
        let items = b["equipment"]!.arrayValue!
        var seen = Set<String>()
        for (i, item) in items.enumerated() where !seen.insert(item["equipmentId"]!.stringValue!).inserted {
            throw Problem.invalidValue("equipment[\(i)].equipmentId", "appears twice in the report")
        }
        let reportId = minter.mint(tenant: t.tenantId, kind: "energy-report").hex
        let engine = self.engine
        let contract = call.contract
        let energyLines = energy, factors = factorSources
        let payload = CanonicalJSON.encode(.object(b))

        let (result, versions) = try await store.write { tx in
            var ops: [EquipmentOperation] = []
            for (i, item) in items.enumerated() {
                let id = item["equipmentId"]!.stringValue!
                let eq = try Self.ownEquipment(tx, id, t, field: "equipment[\(i)].equipmentId")
                guard engine.units.sameDimension(item["unit"]!.stringValue!, "s") else {
                    throw Problem.unknownUnit("equipment[\(i)].unit", item["unit"]!.stringValue!, expected: "time")
                }
                guard engine.units.sameDimension(eq.activityUnit, "s") else {
                    throw Problem.invalidValue("equipment[\(i)].equipmentId", "has activity unit '\(eq.activityUnit)', not a unit of time, so an energy report cannot give its intensity")
                }
                let perf = (item["performance"]?.arrayValue ?? []).map {
                    (energyType: $0["type"]!.stringValue!, value: $0["value"]!.numberValue!, unit: $0["unit"]!.stringValue!)
                }
                ops.append(EquipmentOperation(equipmentId: id, operatingTime: item["operatingTime"]!.numberValue!,
                                              timeUnit: item["unit"]!.stringValue!, activityUnit: eq.activityUnit, performance: perf))
            }
            let result: EnergyReportResult
            do { result = try engine.energyReport(energy: energyLines, equipment: ops) } catch let error as EngineError {
                throw Problem(status: 422, code: error.code, title: "Cannot compute the report", detail: error.message, field: "equipment")
            }
            let reportEvent = try tx.appendLedger(tenantId: t.tenantId, contract: contract.id, event: contract.ledgerEvent!, sourceTime: end,
                                                  payload: ["energyReportId": .string(reportId), "report": .object(b),
                                                            "factors": .array(factors),
                                                            "result": Self.reportResultJSON(result, versions: [:])])
            try tx.insertEnergyReport(EnergyReportRecord(reportId: reportId, tenantId: t.tenantId, periodStart: start, periodEnd: end,
                                                         payload: payload, seq: reportEvent.seq))
            var versions: [String: Int64] = [:]
            for r in result.equipment {
                let eq = ops.first { $0.equipmentId == r.equipmentId }!
                let rec = IntensityRecord(equipmentId: r.equipmentId, version: try tx.latestIntensityVersion(equipmentId: r.equipmentId) + 1,
                                          value: r.intensity, unit: r.unit, perActivity: r.intensity, validFrom: validFrom,
                                          registeredAt: now, reportId: reportId)
                try tx.insertIntensity(rec)
                _ = try tx.appendLedger(tenantId: t.tenantId, contract: "equipment-intensity-registration",
                                        event: "equipment.intensity-registered", sourceTime: now,
                                        payload: Self.intensityJSON(rec, activityUnit: eq.activityUnit))
                versions[r.equipmentId] = rec.version
            }
            return (result, versions)
        }
        var body = JSONObject()
        body["energyReportId"] = .string(reportId)
        body["periodStart"] = .string(Timestamp.format(millis: start))
        body["periodEnd"] = .string(Timestamp.format(millis: end))
        body["validFrom"] = .string(Timestamp.format(millis: validFrom))
        if case .object(let r) = Self.reportResultJSON(result, versions: versions) {
            for (k, v) in r.pairs { body[k] = v }
        }
        return ContractResult(status: 201, body: .object(body))
    }

    static func reportResultJSON(_ r: EnergyReportResult, versions: [String: Int64]) -> JSONValue {
        [
            "emissions": .array(r.emissions.map { ["type": .string($0.energyType), "co2": .number($0.co2), "co2Unit": "kg-CO2e"] }),
            "equipment": .array(r.equipment.map { e in
                var o = JSONObject()
                o["equipmentId"] = .string(e.equipmentId)
                var alloc = JSONObject()
                for (k, v) in e.allocation.sorted(by: { $0.key < $1.key }) { alloc[k] = .number(v) }
                o["allocation"] = .object(alloc)
                o["co2"] = .number(e.co2)
                o["intensity"] = .number(e.intensity)
                o["unit"] = .string(e.unit)
                if let v = versions[e.equipmentId] { o["version"] = .number(Double(v)) }
                return .object(o)
            }),
        ]
    }
}
