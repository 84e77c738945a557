/// A readiness finding of a calculation: INFO, WARNING or CRITICAL, with a code and what it is about.
public struct Finding: Sendable, Equatable {
    /// How much a finding weighs: only CRITICAL blocks a lock.
    public enum Severity: String, Sendable, Comparable, CaseIterable {
        case info = "INFO"
        case warning = "WARNING"
        case critical = "CRITICAL"

        var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    public var code: String
    public var message: String
    public var source: String?
    /// Whether an override can let a lock pass it: not when there is no figure to lock.
    public var overridable: Bool

    public init(_ severity: Severity, _ code: String, _ message: String, source: String? = nil, overridable: Bool = true) {
        self.overridable = overridable
        self.severity = severity
        self.code = code
        self.message = message
        self.source = source
    }
}
