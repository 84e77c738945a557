/// One lot's figures: lead time, energy per energy type, process CO2, material CO2 from its bill of
/// materials (when every material states a factor), cost, and its shares on each machine.
public struct LotResult: Sendable {
    public var order: Int
    public var completed: Bool
    public var leadTicks: Int64?
    public var kWh: [Double]
    public var co2: Double
    public var co2PerPiece: Double
    public var materialCO2PerPiece: Double?
    public var cost: Double?
    public var shares: [EnergyAccount.LotShare]

    public var totalKWh: Double { kWh.reduce(0, +) }
}
