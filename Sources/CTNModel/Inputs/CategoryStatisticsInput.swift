/// Category Statistics: this node's figures of one material category.
public struct CategoryStatisticsInput: ContractInput {
    public static let contract = ContractID.categoryStatistics
    public static let pathFields = ["category"]
    public var category: String

    public init(_ request: ValidatedRequest) throws(Problem) { category = try request.pathValue("category") }
}
