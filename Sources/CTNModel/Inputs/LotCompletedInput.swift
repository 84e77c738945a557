/// Lot Completed: the units produced and rejected, which fix the lot's CFP.
public struct LotCompletedInput: ContractInput {
    public static let contract = ContractID.lotCompleted
    public static let pathFields = ["lotId"]
    public static let bodyFields = ["completed", "defects", "time"]
    public var lotId: String
    public var completed: Double
    public var defects: Double
    public var time: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        lotId = try request.pathValue("lotId")
        completed = try request.number("completed")
        defects = try request.optionalNumber("defects") ?? 0
        time = try request.optionalTimestamp("time")
    }
}
