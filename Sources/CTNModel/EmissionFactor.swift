import Foundation

/// An emission factor with its publisher, region, source and the period it is valid in.
public struct EmissionFactor: Sendable, Equatable {
    public var value: Double
    public var unit: String
    public var publisher: String
    public var region: String
    public var validFromMillis: Int64
    public var validToMillis: Int64?
    public var source: String
}
