/// CBAM Summary Booking: a supplier's summary to pull (node and report) or as received.
public struct CBAMSummaryBookingInput: ContractInput {
    public static let contract = ContractID.cbamSummaryBooking
    public static let bodyFields = ["node", "reportId", "summary"]
    public var node: String?
    public var reportId: String?
    public var summary: String?

    public init(_ request: ValidatedRequest) throws(Problem) {
        node = try request.optionalString("node")
        reportId = try request.optionalString("reportId")
        summary = try request.optionalString("summary")
        guard (reportId == nil) != (summary == nil) else { throw Problem.invalidValue("reportId", "give either reportId or summary") }
    }
}
