/// Deletion Receipt Enquiry: the receipts other nodes signed for the owner (no parameters).
public struct DeletionReceiptEnquiryInput: ContractInput {
    public static let contract = ContractID.deletionReceiptEnquiry
    public init(_ request: ValidatedRequest) throws(Problem) {}
}
