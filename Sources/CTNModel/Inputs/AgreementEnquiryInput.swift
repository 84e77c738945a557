/// Agreement Enquiry: the agreements a business granted and received (no parameters).
public struct AgreementEnquiryInput: ContractInput {
    public static let contract = ContractID.agreementEnquiry
    public init(_ request: ValidatedRequest) throws(Problem) {}
}
