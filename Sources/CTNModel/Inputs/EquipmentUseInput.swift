/// Equipment Use: activity of a piece of equipment spent on a lot.
public struct EquipmentUseInput: ContractInput {
    public static let contract = ContractID.equipmentUse
    public static let pathFields = ["lotId"]
    public static let bodyFields = ["equipmentId", "activity", "unit", "time", "activitySource"]
    public var lotId: String
    public var equipmentId: String
    public var activity: Double
    public var unit: String
    public var time: Int64?
    /// `measured`, `modelled-calibrated` or `modelled` (the definition's enumeration).
    public var activitySource: String

    public init(_ request: ValidatedRequest) throws(Problem) {
        lotId = try request.pathValue("lotId")
        equipmentId = try request.string("equipmentId")
        activity = try request.number("activity")
        unit = try request.string("unit")
        time = try request.optionalTimestamp("time")
        activitySource = try request.optionalString("activitySource") ?? "measured"
    }
}
