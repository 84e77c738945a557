/// Mass Balance Audit Pack: a period's events, exceptions, declarations, balances and slices.
public struct MassBalanceAuditInput: ContractInput {
    public static let contract = ContractID.massBalanceAudit
    public static let queryFields = ["from", "to"]
    public var from: Int64?
    public var to: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        func time(_ name: String) throws(Problem) -> Int64? {
            guard let t = request.path[name] else { return nil }
            guard let millis = Timestamp.parseMillis(t) else { throw Problem.invalidValue(name, "must be an RFC 3339 timestamp") }
            return millis
        }
        from = try time("from")
        to = try time("to")
        if let from, let to, to < from { throw Problem.invalidValue("to", "the period ends before it starts") }
    }
}
