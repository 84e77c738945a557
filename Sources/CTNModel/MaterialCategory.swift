import Foundation

/// A material category of a dictionary, with its default intensity and the source of it.
public struct MaterialCategory: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The default intensity, in `unit`; nil for a vocabulary that names the category only.
    public var intensity: Double?
    /// The unit of the intensity (`kg-CO2e/kg`): its denominator is the category's unit.
    public var unit: String
    public var source: String
    /// The dictionary that defines the term.
    public var dictionary: String
}
