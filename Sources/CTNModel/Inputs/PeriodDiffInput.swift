/// Period Diff: a snapshot against its parent.
public struct PeriodDiffInput: ContractInput {
    public static let contract = ContractID.periodDiff
    public static let pathFields = ["snapshotId"]
    public var snapshotId: String

    public init(_ request: ValidatedRequest) throws(Problem) { snapshotId = try request.pathValue("snapshotId") }
}
