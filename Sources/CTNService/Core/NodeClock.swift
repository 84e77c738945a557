import CTNModel

/// The time the service reads, injected so that tests can fix it.
public struct NodeClock: Sendable {
    /// Milliseconds since 1970.
    public let nowMillis: @Sendable () -> Int64

    public init(nowMillis: @escaping @Sendable () -> Int64) { self.nowMillis = nowMillis }

    /// The system's clock.
    public static let system = NodeClock { Timestamp.nowMillis() }

    /// A clock that always answers `millis`.
    public static func fixed(_ millis: Int64) -> NodeClock { NodeClock { millis } }
}
