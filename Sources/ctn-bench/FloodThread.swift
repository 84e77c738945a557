import Foundation
import Synchronization

/// A's flood in `ctn-bench fair`, on a thread of its own so that B's load runs beside it.
final class FloodThread: Sendable {
    let port: UInt16
    let seconds: Double
    let request: [UInt8]
    private let outcome = Mutex<(result: LoadResult?, failure: String?, done: Bool)>((nil, nil, false))

    init(port: UInt16, seconds: Double, request: [UInt8]) {
        self.port = port
        self.seconds = seconds
        self.request = request
    }

    var result: LoadResult? { outcome.withLock { $0.result } }
    var failure: String? { outcome.withLock { $0.failure } }
    var done: Bool { outcome.withLock { $0.done } }

    func start() {
        Thread.detachNewThread { [self] in
            let r = request
            do {
                let result = try runEpollLoad(port: port, clients: 64, seconds: seconds, make: { _, _ in r }, expect: 200)
                outcome.withLock { $0 = (result, nil, true) }
            } catch {
                outcome.withLock { $0 = (nil, "\(error)", true) }
            }
        }
    }
}
