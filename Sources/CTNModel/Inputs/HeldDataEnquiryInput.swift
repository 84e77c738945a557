/// Held Data Enquiry: what a business holds of other owners' lots (no parameters).
public struct HeldDataEnquiryInput: ContractInput {
    public static let contract = ContractID.heldDataEnquiry
    public init(_ request: ValidatedRequest) throws(Problem) {}
}
