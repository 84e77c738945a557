import CTNCarbon
import CTNEngine
import CTNModel
import CTNStore

/// A locked period's total, shared among the site's equipment and registered as intensity
/// versions that carry the total's uncertainty and evidence.
struct PeriodAllocator {
    let units: UnitConverter
    let tenant: TenantRecord
    let snapshotId: String
    let validFrom: Int64
    let now: Int64

    func intensities(
        _ tx: any StoreWriting, _ allocation: PeriodAllocation, total: Measured, shares evidence: [String: Double], field: String
    ) throws -> [(record: IntensityRecord, activityUnit: String)] {
        var equipment: [EquipmentRecord] = []
        var converted: [Double] = []
        for (i, item) in allocation.items.enumerated() {
            let e = try ContractService.ownEquipment(tx, item.equipmentId, tenant, field: "\(field)[\(i)].equipmentId")
            let activity = try ContractService.computing(field: "\(field)[\(i)].unit") {
                try units.convert(item.activity, from: item.unit, to: e.activityUnit)
            }
            guard activity > 0, activity.isFinite else {
                throw Problem.invalidValue("\(field)[\(i)].activity", "is 0 in \(e.activityUnit)")
            }
            equipment.append(e)
            converted.append(activity)
        }
        let shares = allocation.shares(converted: converted)
        let evidenceText = evidence.isEmpty ? nil : Uncertainty.text(shares: evidence)
        var out: [(IntensityRecord, String)] = []
        for (i, e) in equipment.enumerated() {
            // t-CO2e of the period to kg-CO2e per activity unit.
            let perActivity = total.value * 1000 * shares[i] / converted[i]
            guard perActivity.isFinite else {
                throw Problem(
                    status: 422, code: "out_of_range", title: "Out of range", detail: "the intensity is beyond the finite numbers",
                    field: "\(field)[\(i)].activity")
            }
            let record = IntensityRecord(
                equipmentId: e.equipmentId, version: try tx.latestIntensityVersion(equipmentId: e.equipmentId) + 1, value: perActivity,
                unit: "\(UnitConverter.co2Base)/\(e.activityUnit)", perActivity: perActivity, validFrom: validFrom, registeredAt: now,
                reportId: nil, u: total.u, tier: Uncertainty.dominant(evidence), evidence: evidenceText, snapshotId: snapshotId)
            try tx.insertIntensity(record)
            out.append((record, e.activityUnit))
        }
        return out
    }
}
