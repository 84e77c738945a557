/// Lot Enquiry: a lot's public view, more for its owner and consignees.
public struct LotEnquiryInput: ContractInput {
    public static let contract = ContractID.lotEnquiry
    public static let pathFields = ["lotId"]
    public var lotId: String

    public init(lotId: String) { self.lotId = lotId }
    public init(_ request: ValidatedRequest) throws(Problem) { lotId = try request.pathValue("lotId") }
}
