/// Category Contribution: an owner lets a completed lot's CFP into a category's statistics.
public struct CategoryContributionInput: ContractInput {
    public static let contract = ContractID.categoryContribution
    public static let pathFields = ["lotId"]
    public static let bodyFields = ["category"]
    public var lotId: String
    public var category: String

    public init(_ request: ValidatedRequest) throws(Problem) {
        lotId = try request.pathValue("lotId")
        category = try request.string("category")
    }
}
