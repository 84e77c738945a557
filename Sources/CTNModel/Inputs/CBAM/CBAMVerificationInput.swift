/// CBAM Verification: the report a verifier replays, and the node that holds it.
public struct CBAMVerificationInput: ContractInput {
    public static let contract = ContractID.cbamVerification
    public static let bodyFields = ["reportId", "node"]
    public var reportId: String
    /// nil: this node.
    public var node: String?

    public init(_ request: ValidatedRequest) throws(Problem) {
        reportId = try request.string("reportId")
        node = try request.optionalString("node")
    }
}
