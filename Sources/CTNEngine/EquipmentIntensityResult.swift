import CTNModel

/// One equipment's share of a report's emissions and the intensity that follows from it.
public struct EquipmentIntensityResult: Sendable, Equatable {
    public var equipmentId: String
    /// Allocation factor per energy type, in the report's energy order (white paper Table 5).
    public var allocation: [String: Double]
    /// kg-CO2e allocated to the equipment over the period (Table 6, total emissions).
    public var co2: Double
    /// kg-CO2e per activity unit (Table 6, emissions intensity by facility).
    public var intensity: Double
    public var unit: String
}
