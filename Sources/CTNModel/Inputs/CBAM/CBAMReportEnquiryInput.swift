/// CBAM Report Enquiry: one filed report.
public struct CBAMReportEnquiryInput: ContractInput {
    public static let contract = ContractID.cbamReportEnquiry
    public static let pathFields = ["reportId"]
    public var reportId: String
    public init(_ request: ValidatedRequest) throws(Problem) { reportId = try request.pathValue("reportId") }
    public init(reportId: String) { self.reportId = reportId }
}
