/// CBAM Import Record: tonnes of a CN code imported from a supplier's report.
public struct CBAMImportInput: ContractInput {
    public static let contract = ContractID.cbamImport
    public static let bodyFields = ["node", "reportId", "cn", "mass", "importedAt"]
    public var node: String?
    public var reportId: String
    public var cn: String
    public var mass: StatedQuantity
    public var importedAt: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        node = try request.optionalString("node")
        reportId = try request.string("reportId")
        cn = try request.string("cn")
        guard CBAMCode.valid(cn) else { throw Problem.invalidValue("cn", "must be a CN code of 4 to 8 digits") }
        mass = try StatedQuantity(request, "mass")
        importedAt = try request.optionalTimestamp("importedAt")
    }
}
