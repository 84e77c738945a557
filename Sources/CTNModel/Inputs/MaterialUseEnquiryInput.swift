/// Material Use Enquiry: a lot's material inputs, for those its owner discloses them to.
public struct MaterialUseEnquiryInput: ContractInput {
    public static let contract = ContractID.materialUseEnquiry
    public static let pathFields = ["lotId"]
    public var lotId: String

    public init(lotId: String) { self.lotId = lotId }
    public init(_ request: ValidatedRequest) throws(Problem) { lotId = try request.pathValue("lotId") }
}
