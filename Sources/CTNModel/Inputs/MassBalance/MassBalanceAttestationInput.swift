/// Mass Balance Attestation: what SCADA or the edge measured in a batch's window, with the devices' calibration.
public struct MassBalanceAttestationInput: ContractInput {
    public static let contract = ContractID.massBalanceAttestation
    public static let pathFields = ["batchId"]
    public static let bodyFields = ["level", "window", "sourceTime", "measured", "devices", "proof"]
    public var batchId: String
    public var level: String
    public var window: TimeWindow
    public var sourceTime: Int64
    public var measured: [MaterialMass]
    public var devices: [DeviceCalibration]
    public var proof: String?

    public init(_ request: ValidatedRequest) throws(Problem) {
        batchId = try request.pathValue("batchId")
        level = try request.string("level")
        window = try TimeWindow.required(request, "window")
        sourceTime = try request.timestamp("sourceTime")
        measured = request.has("measured") ? try MaterialMass.list(request, "measured") : []
        devices = try DeviceCalibration.list(request, "devices")
        proof = try request.optionalString("proof")
    }
}
