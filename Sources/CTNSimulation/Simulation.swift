/// A run end to end: simulate the lots, calibrate the powers to the meters, count the energy at the
/// calibrated powers, and work out each lot's CO2 and cost and the period's economic figures.
public enum Simulation {
    public static func run(_ run: SimulationRun) -> SimulationResult {
        let schedule = JobShop.simulate(run.model, orders: run.orders, horizon: run.horizon)
        let calibration = run.meters.isEmpty ? nil : Calibration.fit(schedule: schedule, model: run.model, meters: run.meters)
        return evaluate(run, schedule: schedule, calibration: calibration, model: calibration?.model ?? run.model)
    }

    /// The figures of a schedule at a model's powers.
    static func evaluate(_ run: SimulationRun, schedule: Schedule, calibration: Calibration?, model: ProductionModel) -> SimulationResult {
        let account = EnergyAccount(schedule: schedule, model: model, lotCount: run.orders.count)
        var findings = calibration?.findings ?? []
        var lots: [LotResult] = []
        for (i, o) in run.orders.enumerated() {
            let times = schedule.lots[i]
            var kWh = [Double](repeating: 0, count: account.energyTypes.count)
            var cost: Double? = nil
            for share in account.lots[i] {
                for c in kWh.indices { kWh[c] += share.kWh[c].reduce(0, +) }
                if let rate = model.machines[share.machine].costPerHour {
                    cost = (cost ?? 0) + rate * Ticks.hours(share.workTicks)
                }
            }
            var co2 = 0.0
            for (c, type) in account.energyTypes.enumerated() {
                co2 += kWh[c] * (run.factors[type] ?? 0)
                if let price = run.prices[type] { cost = (cost ?? 0) + kWh[c] * price }
            }
            let materials = model.products[o.product].materials
            let material: Double? =
                materials.isEmpty || materials.contains { $0.co2PerUnit == nil }
                ? nil : materials.reduce(0) { $0 + $1.perPiece * ($1.co2PerUnit ?? 0) }
            lots.append(
                LotResult(
                    order: i, completed: times.end != nil, leadTicks: times.end.map { $0 - o.release }, kWh: kWh, co2: co2,
                    co2PerPiece: co2 / Double(o.quantity), materialCO2PerPiece: material, cost: cost, shares: account.lots[i]))
            if !times.released {
                findings.append(.init("lot_not_released", "lot \(i) is released after the horizon"))
            } else if times.end == nil {
                findings.append(.init("lot_not_finished", "lot \(i) is not finished within the horizon"))
            }
        }
        let done = run.orders.indices.filter { schedule.lots[$0].end != nil }
        let makespan: Int64? =
            done.isEmpty
            ? nil : (done.compactMap { schedule.lots[$0].end }.max() ?? 0) - (done.map { run.orders[$0].release }.min() ?? 0)
        var inSystem: Int64 = 0
        for (i, o) in run.orders.enumerated() where schedule.lots[i].released {
            inSystem += min(schedule.lots[i].end ?? run.horizon, run.horizon) - o.release
        }
        let horizon = max(run.horizon, 1)
        let pieces = done.reduce(Int64(0)) { $0 + run.orders[$1].quantity }
        let utilisation: [Double?] = account.machines.map { m in
            let on = run.horizon - m.ticks[MachineState.off.rawValue]
            let work = m.ticks[MachineState.busy.rawValue] + m.ticks[MachineState.setup.rawValue] + m.ticks[MachineState.warmUp.rawValue]
            return on > 0 ? Double(work) / Double(on) : nil
        }
        if let calibration {
            for (m, machine) in run.model.machines.enumerated() where !calibration.covered[m] && account.machines[m].ticks[0] > 0 {
                findings.append(.init("machine_not_metered", "machine \(machine.id): no meter covers it; its powers are as modelled"))
            }
        }
        return SimulationResult(
            run: run, schedule: schedule, calibration: calibration, account: account, lots: lots, makespan: makespan,
            wipAverage: Double(inSystem) / Double(horizon), throughputPerHour: Double(pieces) / Ticks.hours(horizon),
            utilisation: utilisation, findings: findings)
    }
}
