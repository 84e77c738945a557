import CTNModel

/// One energy type's consumption over a report's period (white paper, equation 5).
public struct EnergyConsumption: Sendable, Equatable {
    public var energyType: String
    public var consumption: Double
    public var unit: String
    /// Emission factor, in `factorUnit` (for example 0.452 kg-CO2e/kWh).
    public var factor: Double
    public var factorUnit: String

    public init(energyType: String, consumption: Double, unit: String, factor: Double, factorUnit: String) {
        self.energyType = energyType
        self.consumption = consumption
        self.unit = unit
        self.factor = factor
        self.factorUnit = factorUnit
    }
}
