/// Period Snapshot Enquiry: one locked snapshot of a site period.
public struct PeriodSnapshotEnquiryInput: ContractInput {
    public static let contract = ContractID.periodSnapshotEnquiry
    public static let pathFields = ["snapshotId"]
    public var snapshotId: String

    public init(_ request: ValidatedRequest) throws(Problem) { snapshotId = try request.pathValue("snapshotId") }
}
