/// Which waiting lot a free machine takes: first come first served (FIFO), shortest processing
/// time on that machine (SPT), or earliest due date (EDD; lots without one last). Ties go FIFO.
public enum DispatchRule: String, Sendable, CaseIterable {
    case fifo = "FIFO"
    case spt = "SPT"
    case edd = "EDD"
}
