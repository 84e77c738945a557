/// Energy from a schedule: each machine's minutes in each state times its power in that state, per
/// energy type (E = Σ P_s × T_s). Busy, setup and warm-up energy belong to the lot that caused them;
/// idle and off energy is the machine's overhead, shared among the lots it processed by the model's
/// rule, or left unallocated (also when the machine processed none).
public struct EnergyAccount: Sendable {
    /// kWh indexed [energy type][state].
    public typealias Table = [[Double]]

    /// One machine: ticks per state, kWh per energy type and state, and the kWh no lot carries.
    public struct MachineEnergy: Sendable {
        public var ticks: [Int64]
        public var kWh: Table
        public var unallocated: [Double]
    }

    /// One lot on one machine: its attributed ticks per state and its kWh per energy type and state (with its share of the overhead).
    public struct LotShare: Sendable {
        public var machine: Int
        public var ticks: [Int64]
        public var kWh: Table
        public var workTicks: Int64 {
            ticks[MachineState.busy.rawValue] + ticks[MachineState.setup.rawValue] + ticks[MachineState.warmUp.rawValue]
        }
    }

    public var energyTypes: [String]
    public var machines: [MachineEnergy]
    /// Per lot, its shares on each machine it visited, in machine order.
    public var lots: [[LotShare]]

    public init(schedule: Schedule, model: ProductionModel, lotCount: Int) {
        var types: [String] = []
        for m in model.machines { for p in m.power where !types.contains(p.energyType) { types.append(p.energyType) } }
        energyTypes = types
        let states = MachineState.allCases
        let empty = Table(repeating: [Double](repeating: 0, count: states.count), count: types.count)
        var lots = [[LotShare]](repeating: [], count: lotCount)
        var machines: [MachineEnergy] = []
        for (mi, machine) in model.machines.enumerated() {
            let ticks = schedule.ticks(machine: mi)
            var kWh = empty
            for p in machine.power {
                let c = types.firstIndex(of: p.energyType) ?? 0
                for s in states { kWh[c][s.rawValue] += p[s] * Ticks.hours(ticks[s.rawValue]) }
            }
            let perLot = schedule.lotTicks(machine: mi).sorted { $0.key < $1.key }
            let weights: [Double] = perLot.map { entry in
                switch model.allocation {
                case .busyMinutes: Double(entry.value[MachineState.busy.rawValue])
                case .perLot: 1
                case .none: 0
                }
            }
            let totalWeight = weights.reduce(0, +)
            var unallocated = [Double](repeating: 0, count: types.count)
            for c in types.indices {
                unallocated[c] = kWh[c][MachineState.idle.rawValue] + kWh[c][MachineState.off.rawValue]
            }
            for (k, entry) in perLot.enumerated() {
                var share = LotShare(machine: mi, ticks: entry.value, kWh: empty)
                for p in machine.power {
                    let c = types.firstIndex(of: p.energyType) ?? 0
                    for s in states where s.isAttributed { share.kWh[c][s.rawValue] += p[s] * Ticks.hours(entry.value[s.rawValue]) }
                }
                if totalWeight > 0 {
                    let w = weights[k] / totalWeight
                    for c in types.indices {
                        for s in [MachineState.idle, .off] { share.kWh[c][s.rawValue] = kWh[c][s.rawValue] * w }
                    }
                }
                lots[Int(entry.key)].append(share)
            }
            if totalWeight > 0 { unallocated = [Double](repeating: 0, count: types.count) }
            machines.append(MachineEnergy(ticks: ticks, kWh: kWh, unallocated: unallocated))
        }
        self.machines = machines
        self.lots = lots
    }
}
