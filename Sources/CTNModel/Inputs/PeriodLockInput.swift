/// Period Lock: a site period's calculation document, the allocation of its total to the site's
/// equipment, and an optional override of CRITICAL readiness findings.
public struct PeriodLockInput: ContractInput {
    public static let contract = ContractID.periodLock
    public static let bodyFields = ["calculation", "allocation", "validFrom", "override"]
    public var calculation: ValidatedRequest
    public var allocation: PeriodAllocation
    public var validFrom: Int64?
    public var override: ReadinessOverride?

    public init(_ request: ValidatedRequest) throws(Problem) {
        calculation = try request.object("calculation")
        guard let allocation = try PeriodAllocation(request) else { throw Problem.missingField("allocation") }
        self.allocation = allocation
        validFrom = try request.optionalTimestamp("validFrom")
        override = try ReadinessOverride(request)
    }
}
