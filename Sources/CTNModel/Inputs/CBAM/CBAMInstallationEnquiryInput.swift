/// CBAM Installation Enquiry: the caller's installations.
public struct CBAMInstallationEnquiryInput: ContractInput {
    public static let contract = ContractID.cbamInstallationEnquiry
    public init(_ request: ValidatedRequest) throws(Problem) {}
}
