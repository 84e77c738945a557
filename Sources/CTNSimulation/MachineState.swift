/// What a machine is doing: the states its energy is counted in.
public enum MachineState: Int, Sendable, CaseIterable, Comparable {
    case busy = 0
    case setup
    /// Switching back on after the switch-off policy turned it off (at the warm-up power).
    case warmUp
    case idle
    case off

    public var name: String {
        switch self {
        case .busy: "busy"
        case .setup: "setup"
        case .warmUp: "warmUp"
        case .idle: "idle"
        case .off: "off"
        }
    }

    /// Whether the lot that caused the state owns its energy (busy, setup, warm-up); idle and off are the machine's overhead.
    public var isAttributed: Bool { self == .busy || self == .setup || self == .warmUp }

    public static func < (a: MachineState, b: MachineState) -> Bool { a.rawValue < b.rawValue }
}
