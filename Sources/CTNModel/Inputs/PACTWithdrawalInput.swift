/// PACT Withdrawal: a published footprint taken back.
public struct PACTWithdrawalInput: ContractInput {
    public static let contract = ContractID.pactWithdrawal
    public static let pathFields = ["footprintId"]
    public var footprintId: String

    public init(_ request: ValidatedRequest) throws(Problem) {
        footprintId = try request.pathValue("footprintId").lowercased()
        guard PACTUUID.isUUID(footprintId) else { throw Problem.invalidValue("footprintId", "must be a UUID") }
    }
}
