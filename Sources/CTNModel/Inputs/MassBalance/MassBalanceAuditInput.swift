/// Mass Balance Audit Pack: a period's events, exceptions, declarations, balances and slices.
public struct MassBalanceAuditInput: ContractInput {
    public static let contract = ContractID.massBalanceAudit
    public static let queryFields = ["from", "to"]
    public var from: Int64?
    public var to: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        from = try request.queryTimestamp("from")
        to = try request.queryTimestamp("to")
        if let from, let to, to < from { throw Problem.invalidValue("to", "the period ends before it starts") }
    }
}
