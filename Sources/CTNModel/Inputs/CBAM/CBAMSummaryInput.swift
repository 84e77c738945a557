/// CBAM Summary Enquiry: one report's summary.
public struct CBAMSummaryInput: ContractInput {
    public static let contract = ContractID.cbamSummary
    public static let pathFields = ["reportId"]
    public var reportId: String
    public init(_ request: ValidatedRequest) throws(Problem) { reportId = try request.pathValue("reportId") }
    public init(reportId: String) { self.reportId = reportId }
}
