/// Certificate Attachment: an owner attaches a certificate of one of its lots.
public struct CertificateAttachmentInput: ContractInput {
    public static let contract = ContractID.certificateAttachment
    public static let pathFields = ["lotId"]
    public static let bodyFields = ["certificate"]
    public var lotId: String
    /// The certificate as a compact JWS.
    public var certificate: String

    public init(_ request: ValidatedRequest) throws(Problem) {
        lotId = try request.pathValue("lotId")
        certificate = try request.string("certificate")
    }
}
