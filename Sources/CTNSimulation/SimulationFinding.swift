/// Something a run's reader should know: a poor calibration fit, a machine no meter covers, a lot
/// not finished within the horizon.
public struct SimulationFinding: Sendable, Equatable {
    public var code: String
    public var message: String
    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }
}
