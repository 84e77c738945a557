/// A what-if variant of a run: the same lots with other lot sizes, another dispatch rule (the
/// sequence), another switch-off policy, replaced machines, other emission factors. It runs at the
/// base run's calibrated powers; a replacing machine runs at its own stated powers.
public struct Scenario: Sendable {
    public var id: String
    public var lotSize: Int64?
    public var dispatch: DispatchRule?
    public var switchOff: SwitchOff?
    /// Machine index → the machine that replaces it.
    public var replace: [Int: ProductionModel.Machine]
    public var factors: [String: Double]

    public init(
        id: String, lotSize: Int64? = nil, dispatch: DispatchRule? = nil, switchOff: SwitchOff? = nil,
        replace: [Int: ProductionModel.Machine] = [:], factors: [String: Double] = [:]
    ) {
        self.id = id
        self.lotSize = lotSize
        self.dispatch = dispatch
        self.switchOff = switchOff
        self.replace = replace
        self.factors = factors
    }

    /// The scenario's run from the base run and its result (whose calibrated powers it keeps).
    public func run(from base: SimulationResult) -> SimulationRun {
        var model = base.effectiveModel
        if let dispatch { model.dispatch = dispatch }
        if let switchOff { model.switchOff = switchOff }
        for (m, machine) in replace { model.machines[m] = machine }
        var orders: [Order] = []
        for (i, o) in base.run.orders.enumerated() {
            guard let size = lotSize, size < o.quantity else {
                orders.append(Order(product: o.product, quantity: o.quantity, release: o.release, due: o.due, lotId: nil, origin: i))
                continue
            }
            var left = o.quantity
            while left > 0 {
                let q = min(size, left)
                orders.append(Order(product: o.product, quantity: q, release: o.release, due: o.due, lotId: nil, origin: i))
                left -= q
            }
        }
        var factors = base.run.factors
        for (k, v) in self.factors { factors[k] = v }
        return SimulationRun(model: model, orders: orders, horizon: base.run.horizon, factors: factors, prices: base.run.prices)
    }

    /// Runs the scenario (no meters: its powers are the base's calibrated ones).
    public func evaluate(from base: SimulationResult) -> SimulationResult { Simulation.run(run(from: base)) }
}
