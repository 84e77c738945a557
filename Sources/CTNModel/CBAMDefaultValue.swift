/// A CBAM default value: the specific embedded emissions (t-CO2e per tonne) of goods of a CN code
/// (or a heading: the longest code that matches wins) from a country of origin, or for the
/// countries without one (`country` `*`), with its legal source and validity.
public struct CBAMDefaultValue: Sendable, Equatable {
    public var cn: String
    /// ISO 3166 alpha-2, or `*` for the fallback.
    public var country: String
    public var direct: Double
    /// nil where the table gives none (goods whose indirect emissions do not count).
    public var indirect: Double?
    public var source: String
    public var validFromMillis: Int64
    public var validToMillis: Int64?

    public init(
        cn: String, country: String, direct: Double, indirect: Double?, source: String, validFromMillis: Int64, validToMillis: Int64?
    ) {
        self.cn = cn
        self.country = country
        self.direct = direct
        self.indirect = indirect
        self.source = source
        self.validFromMillis = validFromMillis
        self.validToMillis = validToMillis
    }

    public func valid(at t: Int64) -> Bool { validFromMillis <= t && validToMillis.map { t < $0 } ?? true }
}
