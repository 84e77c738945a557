/// Certification: a certifier asks its node to replay a lot's disclosed breakdown and sign it.
public struct CertificationInput: ContractInput {
    public static let contract = ContractID.certification
    public static let bodyFields = ["lotId", "node"]
    public var lotId: String
    /// The node holding the lot; nil for this node.
    public var node: String?

    public init(_ request: ValidatedRequest) throws(Problem) {
        lotId = try request.string("lotId")
        node = try request.optionalString("node")
    }
}
