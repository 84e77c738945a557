import CTNModel
import CTNSimulation

/// What applying a run sends to the node: for every real lot on every machine that stands for a
/// registered equipment, one Equipment Use (its busy, setup and warm-up minutes, at the time the
/// lot reached the machine) and the calibrated intensity in force while it was there (its share
/// of the machine's energy × the factor ÷ its minutes), so that the node's CO2 of the use equals
/// the simulation's. Only equipment IDs, lot IDs, minutes and intensities leave the owner.
public enum SimulationApplication {
    /// The document to apply, or why it cannot be made.
    public enum Outcome: Sendable {
        case ready(JSONValue)
        case blocked([String])
    }

    /// nil when no lot names a real lot.
    public static func of(_ doc: SimulationDocument, _ r: SimulationResult) -> Outcome? {
        let orders = r.run.orders
        guard orders.contains(where: { $0.lotId != nil }) else { return nil }
        var blocked: [String] = []
        if doc.startTime == nil { blocked.append("startTime: the run needs the time of its minute 0") }
        let model = r.effectiveModel
        for (i, o) in orders.enumerated() where o.lotId != nil {
            if r.schedule.lots[i].end == nil { blocked.append("orders[\(i)]: lot \(o.lotId ?? "") is not finished within the horizon") }
            for s in model.products[o.product].routing where model.machines[s.machine].equipmentId == nil {
                blocked.append("orders[\(i)]: machine \(model.machines[s.machine].id) has no equipmentId")
            }
        }
        guard blocked.isEmpty, let start = doc.startTime else { return .blocked(Array(Set(blocked)).sorted()) }
        let status = SimulationView.status(r)
        var intensities: [JSONValue] = []
        var uses: [(Int64, Int, JSONValue)] = []
        for (m, machine) in model.machines.enumerated() {
            guard let equipment = machine.equipmentId else { continue }
            let source = r.calibration?.covered[m] == true ? "modelled-calibrated" : "modelled"
            // When each lot reached the machine: its first segment there.
            var arrival: [Int32: Int64] = [:]
            for seg in r.schedule.machines[m] where seg.order >= 0 && arrival[seg.order] == nil {
                arrival[seg.order] = r.schedule.calendar.nextOn(seg.start)
            }
            var last: Double? = nil
            for (lot, at) in arrival.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
                guard let lotId = orders[Int(lot)].lotId,
                    let share = r.account.lots[Int(lot)].first(where: { $0.machine == m })
                else { continue }
                var co2 = 0.0
                for (c, type) in r.account.energyTypes.enumerated() { co2 += share.kWh[c].reduce(0, +) * (r.run.factors[type] ?? 0) }
                let minutes = Ticks.minutes(share.workTicks)
                let intensity = co2 / minutes
                if intensity > SimulationLimits.maxIntensity {
                    return .blocked([
                        "machine \(machine.id): an intensity of \(CanonicalJSON.number(intensity)) kg-CO2e/min is beyond what the node takes"
                    ])
                }
                let time = Timestamp.format(millis: start + at)
                if last?.bitPattern != intensity.bitPattern {
                    intensities.append([
                        "equipmentId": .string(equipment), "intensity": .number(intensity), "unit": .string("kg-CO2e/min"),
                        "validFrom": .string(time),
                    ])
                    last = intensity
                }
                uses.append(
                    (
                        at, Int(lot),
                        [
                            "lotId": .string(lotId), "equipmentId": .string(equipment), "activity": .number(minutes),
                            "unit": .string("min"),
                            "time": .string(time), "activitySource": .string(source),
                        ]
                    ))
            }
        }
        guard uses.count <= SimulationLimits.maxApplyUses else {
            return .blocked(["\(uses.count) uses; the node takes \(SimulationLimits.maxApplyUses) at a time: apply a shorter period"])
        }
        let document: JSONValue = [
            "periodStart": .string(Timestamp.format(millis: start)), "periodEnd": .string(Timestamp.format(millis: start + r.run.horizon)),
            "calibration": .string(status), "intensities": .array(intensities),
            "uses": .array(uses.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)),
        ]
        let bytes = CanonicalJSON.encode(document).utf8.count
        guard bytes <= SimulationLimits.maxApplyBytes else {
            return .blocked(["the apply document is \(bytes) bytes; the node takes 4 MiB at a time: apply a shorter period"])
        }
        return .ready(document)
    }
}
