import CTNEngine
import CTNLedger
import CTNModel
import Foundation

/// The certifier's replay of a lot's disclosed breakdown with this node's engine. Pure: the
/// HTTP layer fetches the lot's statement, its Material Use and Facility Usage enquiries and the
/// statements of its material lots, and passes a way to verify statements with directory keys.
public struct CertificationReplay: Sendable {
    /// One check of the replay: what was compared, whether it held, and the figures.
    public struct Check: Sendable {
        public var name: String
        public var ok: Bool
        public var detail: String
        public var json: JSONValue { ["check": .string(name), "ok": .bool(ok), "detail": .string(detail)] }
    }

    public let engine: Engine
    public init(engine: Engine) { self.engine = engine }

    /// `materialStatements`: for material lots of the lot's own node, their current statements (JWS).
    /// `verify`: verifies a statement of `lot` on `node` with that node's key.
    public func replay(
        lot: StatementClaims, materials: JSONValue, facility: JSONValue, materialStatements: [String: String],
        verify: (String, String, String) throws -> StatementClaims
    ) -> [Check] {
        var checks: [Check] = []
        func check(_ name: String, _ ok: Bool, _ detail: String) { checks.append(Check(name: name, ok: ok, detail: detail)) }
        func n(_ d: Double?) -> String { d.map(CanonicalJSON.number) ?? "-" }
        check(
            "statement", lot.status == "completed" && lot.co2PerUnit != nil && lot.totalCO2 != nil,
            "lot \(lot.lotId) on \(lot.nodeId), version \(lot.version), signature verified")

        // Material part, in ledger order.
        var material = 0.0
        let uses = (materials["materialUses"]?.arrayValue ?? []).sorted {
            ($0["ledgerSeq"]?.numberValue ?? 0) < ($1["ledgerSeq"]?.numberValue ?? 0)
        }
        for u in uses {
            let seq = n(u["ledgerSeq"]?.numberValue)
            guard let q = u["quantity"]?.numberValue, let unit = u["unit"]?.stringValue, let perUnit = u["co2PerUnit"]?.numberValue,
                let perUnitOf = u["co2PerUnitOf"]?.stringValue, let co2 = u["co2"]?.numberValue
            else {
                check("material use \(seq)", false, "incomplete material use")
                continue
            }
            if let m = u["materialLotId"]?.stringValue {
                let remote = u["node"]?.stringValue
                let jws = remote != nil ? u["statement"]?.stringValue : materialStatements[m]
                do {
                    guard let jws else { throw LotStatement.Invalid(description: "no statement disclosed") }
                    let c = try verify(jws, remote ?? lot.nodeId, m)
                    let versionOK = remote == nil || u["statementVersion"]?.numberValue.flatMap { Int64(exactly: $0) } == c.version
                    check(
                        "material lot \(m)", versionOK && c.co2PerUnit == perUnit,
                        "statement of \(remote ?? lot.nodeId) v\(c.version) states \(n(c.co2PerUnit)) kg-CO2e/\(c.declaredUnit); the use took \(n(perUnit))"
                    )
                } catch {
                    check("material lot \(m)", false, "\(error)")
                }
            } else if let category = u["category"]?.stringValue {
                let source = u["intensitySource"]?.stringValue ?? "dictionary"
                if source.hasPrefix("network") {
                    check("category \(category)", true, "network-derived intensity \(n(perUnit)) taken as declared (\(source))")
                } else if let c = engine.units.dictionaries.categories[category], let d = try? engine.categoryIntensity(c) {
                    check(
                        "category \(category)", d.perUnit == perUnit && d.unit == perUnitOf,
                        "dictionary intensity \(n(d.perUnit)) kg-CO2e/\(d.unit); the use took \(n(perUnit)) per \(perUnitOf)")
                } else {
                    check("category \(category)", false, "not a category of this node's dictionaries")
                }
            }
            if let again = try? engine.materialUseCO2(quantity: q, unit: unit, perUnit: perUnit, perUnitOf: perUnitOf) {
                check("material use \(seq)", again == co2, "\(n(q)) \(unit) × \(n(perUnit)) = \(n(again)) kg-CO2e; recorded \(n(co2))")
                material = Engine.accumulate(material, again)
            } else {
                check("material use \(seq)", false, "\(unit) does not convert to \(perUnitOf)")
            }
        }
        let statedMaterial = materials["materialCO2"]?.numberValue
        check("material part", statedMaterial == material, "sum \(n(material)) kg-CO2e; stated \(n(statedMaterial))")

        // Intensities, replayed from their energy reports.
        var intensity: [String: JSONObject] = [:]
        for i in facility["intensities"]?.arrayValue ?? [] {
            if let o = i.objectValue, let e = o["equipmentId"]?.stringValue,
                let v = o["version"]?.numberValue.flatMap({ Int64(exactly: $0) })
            {
                intensity["\(e)/\(v)"] = o
            }
        }
        var reports: [String: JSONValue] = [:]
        for r in facility["energyReports"]?.arrayValue ?? [] { if let id = r["energyReportId"]?.stringValue { reports[id] = r } }
        for (key, i) in intensity.sorted(by: { $0.key < $1.key }) {
            guard let rid = i["energyReportId"]?.stringValue else {
                check(
                    "intensity \(key)", true,
                    "registered directly at \(n(i["intensity"]?.numberValue)) \(i["unit"]?.stringValue ?? ""), no energy report behind it")
                continue
            }
            guard let report = reports[rid], let replayed = replayReport(report, equipmentId: i["equipmentId"]?.stringValue ?? "") else {
                check("intensity \(key)", false, "energy report \(rid) not disclosed or not replayable")
                continue
            }
            check(
                "intensity \(key)", replayed == i["intensity"]?.numberValue,
                "energy report \(rid) gives \(n(replayed)); registered \(n(i["intensity"]?.numberValue))")
        }

        // Process part, in ledger order.
        var process = 0.0
        let eqUses = (facility["equipmentUses"]?.arrayValue ?? []).sorted {
            ($0["ledgerSeq"]?.numberValue ?? 0) < ($1["ledgerSeq"]?.numberValue ?? 0)
        }
        for u in eqUses {
            let seq = n(u["ledgerSeq"]?.numberValue)
            guard let e = u["equipmentId"]?.stringValue, let v = u["intensityVersion"]?.numberValue.flatMap({ Int64(exactly: $0) }),
                let a = u["activity"]?.numberValue,
                let unit = u["unit"]?.stringValue, let used = u["intensity"]?.numberValue, let co2 = u["co2"]?.numberValue,
                let activityUnit = u["intensityUnit"]?.stringValue.flatMap({ $0.split(separator: "/").last.map(String.init) })
            else {
                check("equipment use \(seq)", false, "incomplete equipment use")
                continue
            }
            let registered = intensity["\(e)/\(v)"]?["perActivityUnit"]?.numberValue
            check(
                "equipment use \(seq) intensity", registered == used,
                "version \(v) registered \(n(registered)); the use took \(n(used))")
            if let again = try? engine.equipmentUseCO2(activity: a, unit: unit, intensity: used, activityUnit: activityUnit) {
                check("equipment use \(seq)", again == co2, "\(n(a)) \(unit) × \(n(used)) = \(n(again)) kg-CO2e; recorded \(n(co2))")
                process = Engine.accumulate(process, again)
            } else {
                check("equipment use \(seq)", false, "\(unit) does not convert to \(activityUnit)")
            }
        }
        let statedProcess = facility["processCO2"]?.numberValue
        check("process part", statedProcess == process, "sum \(n(process)) kg-CO2e; stated \(n(statedProcess))")

        // The CFP.
        if let completed = materials["completed"]?.numberValue, let defects = materials["defects"]?.numberValue,
            let r = try? Engine.completeLot(materialCO2: material, processCO2: process, completed: completed, defects: defects)
        {
            check("total", r.total == lot.totalCO2, "\(n(material)) + \(n(process)) = \(n(r.total)) kg-CO2e; statement \(n(lot.totalCO2))")
            check(
                "CFP per unit", r.perGoodUnit == lot.co2PerUnit,
                "\(n(r.total)) / \(n(r.good)) good units = \(n(r.perGoodUnit)); statement \(n(lot.co2PerUnit))")
        } else {
            check("CFP per unit", false, "completed and defective units not disclosed or not usable")
        }
        return checks
    }

    /// The intensity an energy report gives one machine, recomputed with this node's engine and
    /// dictionaries (emission factors valid at the period start, or those given in the report).
    func replayReport(_ r: JSONValue, equipmentId: String) -> Double? {
        guard let report = r["report"], let start = report["periodStart"]?.stringValue.flatMap(Timestamp.parseMillis) else { return nil }
        var energy: [EnergyConsumption] = []
        for e in report["energy"]?.arrayValue ?? [] {
            guard let type = e["type"]?.stringValue, let c = e["consumption"]?.numberValue, let unit = e["unit"]?.stringValue else {
                return nil
            }
            let factor: Double
            let factorUnit: String
            if let v = e["emissionFactor"]?.numberValue, let u = e["emissionFactorUnit"]?.stringValue {
                (factor, factorUnit) = (v, u)
            } else if let f = engine.units.dictionaries.energyTypes[type]?.factor(at: start) {
                (factor, factorUnit) = (f.value, f.unit)
            } else {
                return nil
            }
            energy.append(EnergyConsumption(energyType: type, consumption: c, unit: unit, factor: factor, factorUnit: factorUnit))
        }
        var ops: [EquipmentOperation] = []
        for item in report["equipment"]?.arrayValue ?? [] {
            guard let id = item["equipmentId"]?.stringValue, let t = item["operatingTime"]?.numberValue,
                let unit = item["unit"]?.stringValue,
                let activity = r["activityUnits"]?[id]?.stringValue
            else { return nil }
            let perf = (item["performance"]?.arrayValue ?? []).compactMap { p -> (energyType: String, value: Double, unit: String)? in
                guard let type = p["type"]?.stringValue, let v = p["value"]?.numberValue, let u = p["unit"]?.stringValue else { return nil }
                return (type, v, u)
            }
            ops.append(EquipmentOperation(equipmentId: id, operatingTime: t, timeUnit: unit, activityUnit: activity, performance: perf))
        }
        return (try? engine.energyReport(energy: energy, equipment: ops))?.equipment.first { $0.equipmentId == equipmentId }?.intensity
    }
}
