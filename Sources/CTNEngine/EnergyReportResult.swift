import CTNModel

/// What an energy report gives: emissions per energy type and the equipment's intensities.
public struct EnergyReportResult: Sendable, Equatable {
    public var emissions: [EnergyEmission]
    public var equipment: [EquipmentIntensityResult]
}
