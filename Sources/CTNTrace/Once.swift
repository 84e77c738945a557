import CTNModel
import Synchronization

/// Resumes a continuation once: the first of an answer and the deadline wins.
final class Once: Sendable {
    private let continuation = Mutex<CheckedContinuation<[JSONValue], Error>?>(nil)

    func set(_ c: CheckedContinuation<[JSONValue], Error>) { continuation.withLock { $0 = c } }

    func resume(_ r: Result<[JSONValue], Error>) {
        let c = continuation.withLock { current -> CheckedContinuation<[JSONValue], Error>? in
            defer { current = nil }
            return current
        }
        c?.resume(with: r)
    }
}
