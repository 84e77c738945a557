import CTNModel
import CTNSimulation

/// A run's answer: per machine its minutes in each state and energy, per lot its lead time, energy
/// and CO2 per piece, per product its CFP, the calibration and its fit, the economic figures,
/// findings, the what-if table and, when the lots name real lots, the document to apply.
public enum SimulationView {
    static let states: [MachineState] = [.busy, .setup, .warmUp, .idle, .off]

    public static func json(_ doc: SimulationDocument, _ r: SimulationResult, scenarios: [JSONValue]) -> JSONValue {
        let model = r.effectiveModel
        var o = JSONObject()
        o["calibration"] = calibration(r)
        o["machines"] = .array(model.machines.indices.map { machine(r, $0) })
        o["orders"] = .array(r.lots.map { lot(r, $0) })
        o["products"] = .array(ProductFigures.of(r).map { product(r, $0) })
        o["makespanMinutes"] = .optional(r.makespan.map(Ticks.minutes))
        o["wipAverage"] = .number(r.wipAverage)
        o["throughputPerHour"] = .number(r.throughputPerHour)
        o["energyKWh"] = .number(r.totalKWh)
        o["co2"] = .number(r.totalCO2)
        o["co2Unit"] = .string("kg-CO2e")
        o["cost"] = .optional(r.totalCost)
        o["currency"] = .optional(doc.currency)
        o["events"] = .number(Double(r.schedule.events))
        o["findings"] = .array(r.findings.map { ["code": .string($0.code), "message": .string($0.message)] })
        if !scenarios.isEmpty {
            o["scenarios"] = .array([scenario("base", r, base: r)] + scenarios)
        }
        switch SimulationApplication.of(doc, r) {
        case .none: break
        case .some(.ready(let apply)): o["apply"] = apply
        case .some(.blocked(let blocked)): o["applyBlocked"] = .array(blocked.map { .string($0) })
        }
        return .object(o)
    }

    static func status(_ r: SimulationResult) -> String {
        guard let c = r.calibration else { return "uncalibrated" }
        return r.calibrated ? "calibrated" : c.covered.contains(true) ? "partial" : "uncalibrated"
    }

    static func calibration(_ r: SimulationResult) -> JSONValue {
        var o = JSONObject()
        o["status"] = .string(status(r))
        o["factor"] = .optional(r.calibration?.factor)
        o["meters"] = .array(
            (r.calibration?.fits ?? []).map { f in
                [
                    "meter": .number(Double(f.meter)), "level": .string(f.level.rawValue), "readings": .number(Double(f.readings)),
                    "parameters": .number(Double(f.parameters)), "factor": .number(f.factor), "modelledKWh": .number(f.modelledKWh),
                    "calibratedKWh": .number(f.calibratedKWh), "nmbe": .number(f.nmbe), "cvRMSE": .optional(f.cvRMSE),
                    "poor": .bool(f.poor),
                ]
            })
        return .object(o)
    }

    static func minutes(_ ticks: [Int64], _ states: [MachineState]) -> JSONValue {
        var o = JSONObject()
        for s in states { o[s.name] = .number(Ticks.minutes(ticks[s.rawValue])) }
        return .object(o)
    }

    static func machine(_ r: SimulationResult, _ m: Int) -> JSONValue {
        let machine = r.effectiveModel.machines[m]
        let e = r.account.machines[m]
        var o = JSONObject()
        o["machine"] = .string(machine.id)
        o["equipmentId"] = .optional(machine.equipmentId)
        o["minutes"] = minutes(e.ticks, states)
        o["energyKWh"] = .number(e.kWh.reduce(0) { $0 + $1.reduce(0, +) })
        o["energy"] = .array(
            machine.power.map { p in
                let c = r.account.energyTypes.firstIndex(of: p.energyType) ?? 0
                var byState = JSONObject()
                for s in states { byState[s.name] = .number(e.kWh[c][s.rawValue]) }
                var powers = JSONObject()
                for s in states { powers[s.name] = .number(p[s]) }
                return [
                    "energyType": .string(p.energyType), "kWh": .number(e.kWh[c].reduce(0, +)), "byState": .object(byState),
                    "powerKW": .object(powers), "unallocatedKWh": .number(e.unallocated[c]),
                ]
            })
        o["utilisation"] = .optional(r.utilisation[m])
        o["calibrated"] = .bool(r.calibration?.covered[m] ?? false)
        return .object(o)
    }

    static func lot(_ r: SimulationResult, _ l: LotResult) -> JSONValue {
        let order = r.run.orders[l.order]
        let times = r.schedule.lots[l.order]
        var o = JSONObject()
        o["product"] = .string(r.effectiveModel.products[order.product].id)
        o["quantity"] = .number(Double(order.quantity))
        o["lotId"] = .optional(order.lotId)
        o["releaseMinute"] = .number(Ticks.minutes(order.release))
        o["startMinute"] = .optional(times.start.map(Ticks.minutes))
        o["doneMinute"] = .optional(times.end.map(Ticks.minutes))
        o["completed"] = .bool(l.completed)
        o["leadTimeMinutes"] = .optional(l.leadTicks.map(Ticks.minutes))
        o["energyKWh"] = .number(l.totalKWh)
        var byType = JSONObject()
        for (c, type) in r.account.energyTypes.enumerated() { byType[type] = .number(l.kWh[c]) }
        o["energyByType"] = .object(byType)
        o["co2"] = .number(l.co2)
        o["co2PerPiece"] = .number(l.co2PerPiece)
        o["materialCO2PerPiece"] = .optional(l.materialCO2PerPiece)
        o["cost"] = .optional(l.cost)
        o["machines"] = .array(
            l.shares.map { share in
                var kWh = JSONObject()
                for s in states { kWh[s.name] = .number(share.kWh.reduce(0) { $0 + $1[s.rawValue] }) }
                return [
                    "machine": .string(r.effectiveModel.machines[share.machine].id),
                    "minutes": minutes(share.ticks, [.busy, .setup, .warmUp]), "energyKWh": .object(kWh),
                ]
            })
        return .object(o)
    }

    static func product(_ r: SimulationResult, _ p: ProductFigures) -> JSONValue {
        [
            "product": .string(r.effectiveModel.products[p.product].id), "pieces": .number(Double(p.pieces)),
            "co2PerPiece": .number(p.co2PerPiece), "materialCO2PerPiece": .optional(p.materialCO2PerPiece),
            "kWhPerPiece": .number(p.kWhPerPiece), "meanLeadTimeMinutes": .optional(p.meanLeadTicks.map { $0 / Double(Ticks.perMinute) }),
        ]
    }

    static func scenario(_ id: String, _ s: SimulationResult, base: SimulationResult) -> JSONValue {
        let leads = s.lots.compactMap(\.leadTicks)
        return [
            "id": .string(id), "energyKWh": .number(s.totalKWh), "co2": .number(s.totalCO2),
            "co2Change": .number(s.totalCO2 - base.totalCO2), "energyChangeKWh": .number(s.totalKWh - base.totalKWh),
            "makespanMinutes": .optional(s.makespan.map(Ticks.minutes)), "wipAverage": .number(s.wipAverage),
            "meanLeadTimeMinutes": leads.isEmpty
                ? .null : .number(Double(leads.reduce(0, +)) / Double(leads.count) / Double(Ticks.perMinute)),
            "throughputPerHour": .number(s.throughputPerHour), "cost": .optional(s.totalCost),
            "unfinishedLots": .number(Double(s.lots.filter { !$0.completed }.count)),
            "products": .array(ProductFigures.of(s).map { product(s, $0) }),
        ]
    }
}
