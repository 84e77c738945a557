/// Mass Balance Balances: the pools at a cut-off (default now).
public struct MassBalanceBalancesInput: ContractInput {
    public static let contract = ContractID.massBalanceBalances
    public static let queryFields = ["at"]
    public var at: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        at = try request.queryTimestamp("at")
    }
}
