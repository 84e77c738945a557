/// The mark-up on CBAM default values for a year of import, for the goods whose CN codes start with
/// one of `cnPrefixes`, with its legal source.
public struct CBAMMarkup: Sendable, Equatable {
    public var year: Int
    /// 0.10 = 10 %.
    public var rate: Double
    public var cnPrefixes: [String]
    public var source: String

    public init(year: Int, rate: Double, cnPrefixes: [String], source: String) {
        self.year = year
        self.rate = rate
        self.cnPrefixes = cnPrefixes
        self.source = source
    }
}
