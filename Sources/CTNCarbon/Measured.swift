import Foundation

/// A measured or declared quantity: its value and its relative standard uncertainty at k = 1
/// (inputs stated at another coverage factor are converted when made, `u / k`).
public struct Measured: Sendable, Equatable {
    public var value: Double
    /// Relative standard uncertainty (k = 1): 0.02 is 2 %.
    public var u: Double

    /// `u` as stated at coverage factor `k` (a lab certificate's 6 % at k = 2 is 3 % at k = 1).
    public init(_ value: Double, u: Double = 0, k: Double = 1) {
        self.value = value
        self.u = k > 0 ? u / k : u
    }

    /// The absolute standard uncertainty (k = 1).
    public var absolute: Double { abs(value) * u }

    /// The relative uncertainty expanded to coverage factor `k`.
    public func expanded(_ k: Double) -> Double { u * k }
}
