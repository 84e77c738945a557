import CTNEngine
import CTNModel
import CTNStore

extension Views {
    /// One version of an equipment's intensity.
    static func intensity(_ record: IntensityRecord, activityUnit: String) -> JSONValue {
        var o = JSONObject()
        o["equipmentId"] = .string(record.equipmentId)
        o["version"] = .number(Double(record.version))
        o["intensity"] = .number(record.value)
        o["unit"] = .string(record.unit)
        o["perActivityUnit"] = .number(record.perActivity)
        o["perActivityUnitOf"] = .string("\(UnitConverter.co2Base)/\(activityUnit)")
        o["validFrom"] = .string(Timestamp.format(millis: record.validFrom))
        o["registeredAt"] = .string(Timestamp.format(millis: record.registeredAt))
        o["energyReportId"] = .optional(record.reportId)
        if let u = record.u {
            o["uncertainty"] = Uncertainty.json(u: u, value: record.perActivity)
        }
        o["tier"] = .optional(record.tier)
        if let evidence = record.evidence.flatMap(Uncertainty.shares) { o["evidenceBreakdown"] = Uncertainty.json(shares: evidence) }
        o["snapshotId"] = .optional(record.snapshotId)
        return .object(o)
    }

    /// An equipment and the intensity in force, if it has one.
    static func equipment(_ equipment: EquipmentRecord, intensity: IntensityRecord?) -> JSONValue {
        var o = JSONObject()
        o["equipmentId"] = .string(equipment.equipmentId)
        o["activityUnit"] = .string(equipment.activityUnit)
        if let intensity {
            o["intensity"] = .number(intensity.value)
            o["unit"] = .string(intensity.unit)
            o["version"] = .number(Double(intensity.version))
            o["validFrom"] = .string(Timestamp.format(millis: intensity.validFrom))
            o["energyReportId"] = .optional(intensity.reportId)
        } else {
            o["intensity"] = .null
            o["unit"] = .null
        }
        return .object(o)
    }

    /// What an energy report allocated: emissions per energy type, and per equipment its
    /// allocation, CO2 and intensity (with the intensity version registered, when known).
    static func reportResult(_ result: EnergyReportResult, versions: [String: Int64]) -> JSONObject {
        var o = JSONObject()
        o["emissions"] = .array(
            result.emissions.map { ["type": .string($0.energyType), "co2": .number($0.co2), "co2Unit": "kg-CO2e"] })
        o["equipment"] = .array(
            result.equipment.map { line in
                var e = JSONObject()
                e["equipmentId"] = .string(line.equipmentId)
                var allocation = JSONObject()
                for (type, share) in line.allocation.sorted(by: { $0.key < $1.key }) { allocation[type] = .number(share) }
                e["allocation"] = .object(allocation)
                e["co2"] = .number(line.co2)
                e["intensity"] = .number(line.intensity)
                e["unit"] = .string(line.unit)
                if let version = versions[line.equipmentId] { e["version"] = .number(Double(version)) }
                return .object(e)
            })
        return o
    }
}
