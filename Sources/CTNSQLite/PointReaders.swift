import GRDB
import Synchronization

/// Read-only connections for one-row reads answered on the caller's own thread. A lot that is not
/// in the lot cache is one indexed lookup of a few microseconds; handed to a reader of the pool,
/// it costs two thread switches and a transaction besides (the pool's asynchronous read), which
/// is what made a node of 1 M lots answer Lot Enquiry at half the rate of a node whose lots all
/// sit in the cache. A single SELECT needs no transaction: SQLite runs it on one snapshot of the
/// WAL. At most `count` such reads run at once; a caller that finds none free returns nil and
/// takes the pool's read, so nobody ever waits here.
final class PointReaders: Sendable {
    private let free: Mutex<[DatabaseQueue]>

    init(path: String, count: Int) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        free = Mutex(try (0..<count).map { _ in try DatabaseQueue(path: path, configuration: config) })
    }

    /// `body`'s result, read now on this thread; nil when every connection is in use.
    func read<T>(_ body: (Database) throws -> T) throws -> T? {
        guard let connection = free.withLock({ $0.popLast() }) else { return nil }
        defer { free.withLock { $0.append(connection) } }
        return try connection.inDatabase(body)
    }

    func close() throws {
        for connection in free.withLock({ $0 }) { try connection.close() }
    }
}
