/// Why a batch cannot be relied on: a reason code and what was seen. An open exception blocks
/// every declaration resting on the batch until a correction and a confirming attestation close it.
public struct BatchException: Sendable, Equatable {
    /// The reasons a reconciliation, correction or attestation raises.
    public enum Code: String, Sendable, CaseIterable {
        /// Declared outputs against inputs × conversion factor, or measured against declared, beyond the tolerance.
        case outOfTolerance = "out_of_tolerance"
        /// Inputs against outputs + declared losses, beyond the tolerance.
        case massNotClosed = "mass_not_closed"
        /// A device's calibration does not cover the attested window.
        case calibrationInvalid = "calibration_invalid"
        /// The source's clock is off the node's by more than the allowed drift.
        case timeDrift = "time_drift"
        /// The attested window does not cover the batch's window.
        case windowMismatch = "window_mismatch"
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }
}
