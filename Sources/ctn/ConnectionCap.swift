import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// Bounds the open connections of a server: past `limit`, a new connection is closed at once
/// (before any TLS handshake), so that idle or half-open clients cannot exhaust the node.
struct ConnectionCap<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    /// The count shared by every connection of one server.
    final class Count: Sendable {
        let open = Atomic<Int>(0)
    }

    /// Why a connection was turned away.
    struct Full: Error {}

    let base: Base
    let limit: Int
    let count: Count

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let now = count.open.wrappingAdd(1, ordering: .relaxed).newValue
        guard now <= limit else {
            count.open.wrappingSubtract(1, ordering: .relaxed)
            logger.warning("connection refused: \(limit) connections are open")
            return channel.close().flatMapThrowing { throw Full() }
        }
        return base.setup(channel: channel, logger: logger).flatMapErrorThrowing { error in
            count.open.wrappingSubtract(1, ordering: .relaxed)
            throw error
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
        count.open.wrappingSubtract(1, ordering: .relaxed)
    }
}
