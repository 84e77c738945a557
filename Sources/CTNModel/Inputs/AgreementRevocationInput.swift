/// Agreement Revocation: an owner ends one of its agreements.
public struct AgreementRevocationInput: ContractInput {
    public static let contract = ContractID.agreementRevocation
    public static let pathFields = ["agreementId"]
    public var agreementId: String

    public init(_ request: ValidatedRequest) throws(Problem) { agreementId = try request.pathValue("agreementId") }
}
