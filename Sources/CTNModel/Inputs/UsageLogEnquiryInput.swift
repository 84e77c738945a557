/// Usage Log Enquiry: who read the owner's protected enquiries (no parameters).
public struct UsageLogEnquiryInput: ContractInput {
    public static let contract = ContractID.usageLogEnquiry
    public init(_ request: ValidatedRequest) throws(Problem) {}
}
