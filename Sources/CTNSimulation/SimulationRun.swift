/// One run: the model, a period's lots, the horizon, the meters, the emission factor of each energy
/// type (kg-CO2e per kWh) and, where given, its price per kWh.
public struct SimulationRun: Sendable {
    public var model: ProductionModel
    public var orders: [Order]
    public var horizon: Int64
    public var meters: [Meter]
    public var factors: [String: Double]
    public var prices: [String: Double]

    public init(
        model: ProductionModel, orders: [Order], horizon: Int64, meters: [Meter] = [], factors: [String: Double],
        prices: [String: Double] = [:]
    ) {
        self.model = model
        self.orders = orders
        self.horizon = horizon
        self.meters = meters
        self.factors = factors
        self.prices = prices
    }
}
