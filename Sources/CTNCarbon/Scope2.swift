/// Dual Scope 2 for bought electricity, heat or steam: the location-based value (energy × the
/// grid's average factor) and the market-based value (energy covered by contractual instruments at
/// their factors, the rest at the residual mix), in tonnes with energy in MWh and factors in t/MWh.
public enum Scope2 {
    /// A contractual instrument: energy it covers and its factor (0 for a renewable certificate).
    public struct Instrument: Sendable, Equatable {
        public var energy: Measured
        public var factor: Measured
        public init(energy: Measured, factor: Measured) {
            self.energy = energy
            self.factor = factor
        }
    }

    /// Both values; `headline` is the one the boundary asks for.
    public struct Result: Sendable, Equatable {
        public var locationBased: Measured
        public var marketBased: Measured
    }

    /// Why the market-based value cannot be formed.
    public struct Invalid: Error, Sendable, Equatable {
        public var reason: String
    }

    public static func emissions(
        energy: Measured, locationFactor: Measured, instruments: [Instrument], residualMix: Measured?
    )
        throws(Invalid) -> Result
    {
        let covered = instruments.reduce(0) { $0 + $1.energy.value }
        guard covered <= energy.value * (1 + 1e-12) else {
            throw Invalid(reason: "instruments cover \(covered) MWh, more than the \(energy.value) MWh consumed")
        }
        let rest = energy.value - covered
        guard rest <= 0 || residualMix != nil else {
            throw Invalid(reason: "\(rest) MWh are not covered by instruments and no residual mix factor is given")
        }
        var terms = instruments.map { GUM.product([$0.energy, $0.factor]) }
        if let residualMix, rest > 0 { terms.append(GUM.product([Measured(rest, u: energy.u), residualMix])) }
        return Result(locationBased: GUM.product([energy, locationFactor]), marketBased: GUM.sum(terms))
    }
}
