/// Site Calculation: one calculation document, read by the site carbon engine's document reader
/// (which names every wrong field by its path).
public struct CalculationInput: ContractInput {
    public static let contract = ContractID.calculation
    public static let bodyFields = ["site", "period", "boundary", "sources", "monteCarlo"]
    /// The document, as validated against the definition.
    public var document: ValidatedRequest

    public init(_ request: ValidatedRequest) throws(Problem) { document = request }
}
