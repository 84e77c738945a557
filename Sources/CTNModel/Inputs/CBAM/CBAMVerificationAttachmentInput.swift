/// CBAM Verification Attachment: a verifier's statement for one of the operator's reports.
public struct CBAMVerificationAttachmentInput: ContractInput {
    public static let contract = ContractID.cbamVerificationAttachment
    public static let pathFields = ["reportId"]
    public static let bodyFields = ["verification"]
    public var reportId: String
    public var verification: String

    public init(_ request: ValidatedRequest) throws(Problem) {
        reportId = try request.pathValue("reportId")
        verification = try request.string("verification")
    }
}
