/// What a run gives: the schedule, the calibration (nil without meters), the energy account at the
/// calibrated powers, every lot's figures and the economic figures of the period.
public struct SimulationResult: Sendable {
    public var run: SimulationRun
    public var schedule: Schedule
    public var calibration: Calibration?
    public var account: EnergyAccount
    public var lots: [LotResult]
    /// Last completion − first release of the completed lots.
    public var makespan: Int64?
    /// Time-average number of lots released and not yet done, over the horizon.
    public var wipAverage: Double
    /// Pieces completed per hour of the horizon.
    public var throughputPerHour: Double
    /// Per machine, working (busy, setup, warm-up) ÷ on time.
    public var utilisation: [Double?]
    public var findings: [SimulationFinding]

    /// The model whose powers the energies were counted at.
    public var effectiveModel: ProductionModel { calibration?.model ?? run.model }

    /// Whether every machine some lot used is covered by a meter.
    public var calibrated: Bool {
        guard let c = calibration else { return false }
        return account.machines.indices.allSatisfy { m in c.covered[m] || account.machines[m].ticks[MachineState.busy.rawValue] == 0 }
    }

    public var totalCO2: Double { lots.reduce(0) { $0 + $1.co2 } }
    public var totalKWh: Double { account.machines.reduce(0) { $0 + $1.kWh.reduce(0) { $0 + $1.reduce(0, +) } } }
    public var totalCost: Double? {
        let costs = lots.compactMap(\.cost)
        return costs.isEmpty ? nil : costs.reduce(0, +)
    }
}
