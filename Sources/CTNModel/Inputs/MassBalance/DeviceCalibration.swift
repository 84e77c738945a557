/// A device an attestation read, and the window its calibration is valid in.
public struct DeviceCalibration: Sendable, Equatable {
    public var device: String
    public var calibratedAt: Int64?
    public var validUntil: Int64

    public init(device: String, calibratedAt: Int64?, validUntil: Int64) {
        self.device = device
        self.calibratedAt = calibratedAt
        self.validUntil = validUntil
    }

    public static func list(_ request: ValidatedRequest, _ name: String) throws(Problem) -> [DeviceCalibration] {
        var out: [DeviceCalibration] = []
        for item in try request.optionalObjects(name) {
            let device = try item.string("device")
            guard !out.contains(where: { $0.device == device }) else { throw Problem.invalidValue(item.field("device"), "appears twice") }
            out.append(
                DeviceCalibration(
                    device: device, calibratedAt: try item.optionalTimestamp("calibratedAt"),
                    validUntil: try item.timestamp("calibrationValidUntil")))
        }
        return out
    }
}
