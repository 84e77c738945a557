/// How much of a category's statistics a caller sees: signed peer nodes get the exact figures and
/// the mergeable sketch; everyone else the published figures (`PublishedStatistics`).
public enum StatisticsView: String, Sendable {
    case exact
    case published

    /// Exact for a business of another node (its node signed the request), published otherwise.
    init(_ caller: Caller) { self = caller.remoteBusiness == nil ? .published : .exact }
}
