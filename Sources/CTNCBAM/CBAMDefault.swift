/// A default value of a CN code for a country of origin (or the fallback for countries without
/// one), with its legal source and validity, and the mark-ups by year.
public struct CBAMDefault: Sendable, Equatable {
    public var see: CBAMSEE
    public var source: String
    /// Whether this is the fallback, not a value for the country asked.
    public var fallback: Bool

    public init(see: CBAMSEE, source: String, fallback: Bool) {
        self.see = see
        self.source = source
        self.fallback = fallback
    }
}
