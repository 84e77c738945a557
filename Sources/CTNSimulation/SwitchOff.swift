/// When a machine is switched off outside the shifts: never (on for the whole horizon), after its
/// last lot of the horizon, or after a stated idle time (then it warms up before the next lot).
public enum SwitchOff: Sendable, Equatable {
    case never
    case afterLastLot
    case whenIdle(after: Int64, warmUp: Int64)

    public var name: String {
        switch self {
        case .never: "never"
        case .afterLastLot: "afterLastLot"
        case .whenIdle: "whenIdle"
        }
    }
}
