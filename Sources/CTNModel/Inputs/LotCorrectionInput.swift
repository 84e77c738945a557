/// Lot Correction: restated completed or defective units of a completed lot, and why.
public struct LotCorrectionInput: ContractInput {
    public static let contract = ContractID.lotCorrection
    public static let pathFields = ["lotId"]
    public static let bodyFields = ["reason", "completed", "defects", "time"]
    public var lotId: String
    public var reason: String
    public var completed: Double?
    public var defects: Double?
    public var time: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        lotId = try request.pathValue("lotId")
        reason = try request.string("reason")
        completed = try request.optionalNumber("completed")
        defects = try request.optionalNumber("defects")
        time = try request.optionalTimestamp("time")
        guard completed != nil || defects != nil else {
            throw Problem(
                status: 422, code: "missing_field", title: "Nothing to correct",
                detail: "'completed' or 'defects' must be given", field: "completed")
        }
    }
}
