/// Mass Balance Batch Enquiry: one batch and its history.
public struct MassBalanceBatchEnquiryInput: ContractInput {
    public static let contract = ContractID.massBalanceBatchEnquiry
    public static let pathFields = ["batchId"]
    public var batchId: String

    public init(_ request: ValidatedRequest) throws(Problem) { batchId = try request.pathValue("batchId") }
}
