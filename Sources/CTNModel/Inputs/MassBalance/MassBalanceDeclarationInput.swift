/// Mass Balance Declaration Booking: a supplier's signed declaration, booked under the consignee's own material code.
public struct MassBalanceDeclarationInput: ContractInput {
    public static let contract = ContractID.massBalanceDeclaration
    public static let bodyFields = ["declaration", "material", "site", "time"]
    public var declaration: String
    /// The consignee's own code; nil: the supplier's, as the declaration names it.
    public var material: String?
    public var site: String
    public var time: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        declaration = try request.string("declaration")
        material = try request.optionalString("material").map { m throws(Problem) in try MaterialCode.check(m, field: "material") }
        site = try request.optionalString("site") ?? ""
        time = try request.optionalTimestamp("time")
    }
}
