import Foundation

/// Limits of one trace walk: depth, deadline, batch size and answer size.
public struct TraceOptions: Sendable {
    /// Levels below the traced lot that are followed; deeper lots are reported as cut.
    public var maxDepth = 50
    /// The whole walk ends by then, with what it has.
    public var timeout: TimeInterval = 10
    /// Lots asked of one node in one request.
    public var batch = 256
    /// Lot objects written into one answer; further repetitions of shared lots are cut.
    public var maxOutputLots = 100_000
    public init() {}
    public static let maxDepthLimit = 50
}
