/// Mass Balance Batch Reconciliation: a batch's inputs, outputs, losses, factor and tolerance.
public struct MassBalanceBatchInput: ContractInput {
    public static let contract = ContractID.massBalanceBatch
    public static let bodyFields = ["inputs", "outputs", "losses", "conversionFactor", "tolerance", "window", "site", "time"]
    public var inputs: [PoolLine]
    public var outputs: [MaterialMass]
    public var losses: StatedQuantity?
    public var conversionFactor: Double
    public var tolerance: Double
    public var window: TimeWindow?
    public var site: String
    public var time: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        inputs = try PoolLine.lines(request, "inputs")
        outputs = try MaterialMass.list(request, "outputs")
        guard !inputs.isEmpty else { throw Problem.invalidValue("inputs", "a batch takes at least one input") }
        guard !outputs.isEmpty else { throw Problem.invalidValue("outputs", "a batch makes at least one output") }
        losses = try StatedQuantity.optional(request, "losses")
        conversionFactor = try request.number("conversionFactor")
        tolerance = try request.number("tolerance")
        window = try TimeWindow.optional(request, "window")
        site = try request.optionalString("site") ?? ""
        time = try request.optionalTimestamp("time")
    }
}
