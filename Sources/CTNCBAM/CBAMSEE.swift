/// Specific embedded emissions of a good, direct and indirect, in t-CO2e per tonne.
public struct CBAMSEE: Sendable, Equatable {
    public var direct: Double
    public var indirect: Double

    public init(direct: Double, indirect: Double) {
        self.direct = direct
        self.indirect = indirect
    }

    public static let zero = CBAMSEE(direct: 0, indirect: 0)

    /// The figure the CBAM total of a good uses: direct, plus indirect where its category counts it.
    public func counted(indirect counts: Bool) -> Double { direct + (counts ? indirect : 0) }
}
