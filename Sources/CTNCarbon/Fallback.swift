/// Why a source's preferred method could not be used for the period; recorded with the component.
public struct Fallback: Error, Sendable, Equatable {
    /// `coverage_below_threshold`, `uncalibrated_device`, `missing_lab_value`, `missing_data`.
    public var code: String
    public var reason: String

    public init(_ code: String, _ reason: String) {
        self.code = code
        self.reason = reason
    }
}
