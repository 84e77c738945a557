/// CBAM Imports Enquiry: the importer's view of one year.
public struct CBAMImportsInput: ContractInput {
    public static let contract = ContractID.cbamImports
    public static let queryFields = ["year"]
    public var year: Int?

    public init(_ request: ValidatedRequest) throws(Problem) {
        year = try request.path["year"].map { y throws(Problem) in
            guard let d = Double(y), let i = Int(exactly: d), (2023...2100).contains(i) else {
                throw Problem.invalidValue("year", "must be a year from 2023 to 2100")
            }
            return i
        }
    }
}
