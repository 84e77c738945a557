/// Mass Balance Correction: why, the explicit pool adjustments, and optionally corrected figures.
public struct MassBalanceCorrectionInput: ContractInput {
    public static let contract = ContractID.massBalanceCorrection
    public static let pathFields = ["batchId"]
    public static let bodyFields = ["reason", "adjustments", "inputs", "outputs", "losses", "time"]
    public var batchId: String
    public var reason: String
    public var adjustments: [PoolLine]
    public var inputs: [PoolLine]?
    public var outputs: [MaterialMass]?
    public var losses: StatedQuantity?
    public var time: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        batchId = try request.pathValue("batchId")
        reason = try request.string("reason")
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw Problem.invalidValue("reason", "must say what was found") }
        adjustments = try PoolLine.lines(request, "adjustments", allowEmpty: true)
        for (i, a) in adjustments.enumerated() where a.mass.value == 0 {
            throw Problem.invalidValue("adjustments[\(i)].mass.value", "an adjustment moves a mass: it cannot be 0")
        }
        inputs = request.has("inputs") ? try PoolLine.lines(request, "inputs") : nil
        outputs = request.has("outputs") ? try MaterialMass.list(request, "outputs") : nil
        for (i, line) in (inputs ?? []).enumerated() where line.mass.value < 0 {
            throw Problem.invalidValue("inputs[\(i)].mass.value", "must not be negative")
        }
        if let inputs, inputs.isEmpty { throw Problem.invalidValue("inputs", "corrected inputs cannot be empty") }
        if let outputs, outputs.isEmpty { throw Problem.invalidValue("outputs", "corrected outputs cannot be empty") }
        losses = try StatedQuantity.optional(request, "losses")
        time = try request.optionalTimestamp("time")
    }
}
