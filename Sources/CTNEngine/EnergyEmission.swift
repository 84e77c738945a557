import CTNModel

/// The CO2 of one energy type's consumption in a report's period.
public struct EnergyEmission: Sendable, Equatable {
    public var energyType: String
    /// kg-CO2e over the period.
    public var co2: Double
}
