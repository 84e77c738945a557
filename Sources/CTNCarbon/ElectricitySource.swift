/// Bought electricity, heat or steam (Scope 2): energy in MWh, the grid's location factor, the
/// contractual instruments and the residual mix, factors in t-CO2e/MWh.
public struct ElectricitySource: Sendable, Equatable {
    public var id: String
    public var energy: Measured
    public var locationFactor: Measured
    public var instruments: [Scope2.Instrument]
    public var residualMix: Measured?

    public init(id: String, energy: Measured, locationFactor: Measured, instruments: [Scope2.Instrument] = [], residualMix: Measured? = nil)
    {
        self.id = id
        self.energy = energy
        self.locationFactor = locationFactor
        self.instruments = instruments
        self.residualMix = residualMix
    }
}
