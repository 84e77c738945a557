/// Mass Balance Declaration Booking: a supplier's signed declaration, booked under the consignee's own material code.
public struct MassBalanceDeclarationInput: ContractInput {
    public static let contract = ContractID.massBalanceDeclaration
    public static let bodyFields = ["declaration", "material", "site", "time"]
    public var declaration: String
    public var material: String
    public var site: String
    public var time: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        declaration = try request.string("declaration")
        material = try MaterialCode.check(try request.string("material"), field: "material")
        site = try request.optionalString("site") ?? ""
        time = try request.optionalTimestamp("time")
    }
}
