/// How a machine's idle and off energy is shared among the lots it processed: in proportion to their
/// busy minutes on it (the default), equally per lot, or not at all (left as the machine's overhead).
public enum IdleAllocation: String, Sendable, CaseIterable {
    case busyMinutes
    case perLot
    case none
}
