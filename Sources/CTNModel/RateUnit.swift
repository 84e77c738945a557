import Foundation

/// A compound unit `numerator/denominator` such as `kg-CO2e/min`, `kW` (kWh/h) or `Nm3/min`.
public struct RateUnit: Sendable, Equatable {
    public var numerator: UnitDef
    public var denominator: UnitDef
    public var symbol: String { "\(numerator.symbol)/\(denominator.symbol)" }
}
