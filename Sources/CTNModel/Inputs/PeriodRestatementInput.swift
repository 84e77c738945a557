/// Period Restatement: a corrected calculation document for a locked snapshot's period, why, and
/// (optionally) a new allocation and an override.
public struct PeriodRestatementInput: ContractInput {
    public static let contract = ContractID.periodRestatement
    public static let pathFields = ["snapshotId"]
    public static let bodyFields = ["calculation", "reason", "allocation", "override"]
    public var snapshotId: String
    public var calculation: ValidatedRequest
    public var reason: String
    public var allocation: PeriodAllocation?
    public var override: ReadinessOverride?

    public init(_ request: ValidatedRequest) throws(Problem) {
        snapshotId = try request.pathValue("snapshotId")
        calculation = try request.object("calculation")
        reason = try request.string("reason")
        allocation = try PeriodAllocation(request)
        override = try ReadinessOverride(request)
    }
}
