/// Mass Balance Utility Attestation: a time slice's consumption of one utility, shared among batches.
public struct MassBalanceUtilityInput: ContractInput {
    public static let contract = ContractID.massBalanceUtility
    public static let bodyFields = ["energyType", "quantity", "window", "batchIds", "method", "sourceTime"]
    public var energyType: String
    public var value: Double
    public var unit: String
    public var window: TimeWindow
    public var batchIds: [String]
    public var method: String
    public var sourceTime: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        energyType = try request.string("energyType")
        let q = try request.object("quantity")
        value = try q.number("value")
        unit = try q.string("unit")
        window = try TimeWindow.required(request, "window")
        let ids = try request.optionalStrings("batchIds") ?? []
        if let i = ids.indices.first(where: { ids[..<$0].contains(ids[$0]) }) {
            throw Problem.invalidValue("batchIds[\(i)]", "names a batch twice")
        }
        batchIds = ids
        method = try request.optionalString("method") ?? "output-mass"
        sourceTime = try request.optionalTimestamp("sourceTime")
    }
}
