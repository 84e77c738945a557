/// Deletion Request: an owner asks another node to delete what it holds of the owner's lots.
public struct DeletionRequestInput: ContractInput {
    public static let contract = ContractID.deletionRequest
    public static let bodyFields = ["node", "lotIds"]
    public var node: String
    /// The lots; nil for all of the owner's lots.
    public var lotIds: [String]?

    public init(_ request: ValidatedRequest) throws(Problem) {
        node = try request.string("node")
        lotIds = try request.optionalStrings("lotIds")
    }
}
