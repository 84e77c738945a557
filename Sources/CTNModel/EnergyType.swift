import Foundation

/// An energy type of the dictionaries, with its emission factors over time.
public struct EnergyType: Sendable, Equatable {
    public var id: String
    public var unit: String
    public var emissionFactors: [EmissionFactor]

    /// The factor in force at `millis`: the latest one whose validity covers it.
    public func factor(at millis: Int64) -> EmissionFactor? {
        emissionFactors
            .filter { $0.validFromMillis <= millis && ($0.validToMillis.map { millis < $0 } ?? true) }
            .max { $0.validFromMillis < $1.validFromMillis }
    }
}
