import Foundation

/// One unit of measure: `value_in_base = value × factor`, where the dimension's base unit has factor 1.
public struct UnitDef: Sendable, Equatable {
    public var symbol: String
    public var dimension: String
    public var factor: Double
}
