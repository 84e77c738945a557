/// Facility Usage Enquiry: a lot's equipment uses with the intensities and reports behind them.
public struct FacilityUsageEnquiryInput: ContractInput {
    public static let contract = ContractID.facilityUsageEnquiry
    public static let pathFields = ["lotId"]
    public var lotId: String

    public init(lotId: String) { self.lotId = lotId }
    public init(_ request: ValidatedRequest) throws(Problem) { lotId = try request.pathValue("lotId") }
}
