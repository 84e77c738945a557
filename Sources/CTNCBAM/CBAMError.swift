/// Why embedded emissions cannot be computed: a code and a message naming the process or precursor.
public struct CBAMError: Error, Sendable, Equatable {
    /// The problem codes a report answers them with.
    public enum Code: String, Sendable {
        case cycle = "precursor_cycle"
        case unknownProcess = "unknown_process"
        case noActivity = "missing_activity_level"
        case noDefault = "no_default_value"
        case notCovered = "not_a_cbam_good"
    }

    public var code: Code
    public var message: String
    /// The process (and precursor index) it is about: `processes[i]` / `processes[i].precursors[j]`.
    public var process: Int
    public var precursor: Int?

    public init(_ code: Code, _ message: String, process: Int, precursor: Int? = nil) {
        self.code = code
        self.message = message
        self.process = process
        self.precursor = precursor
    }
}
