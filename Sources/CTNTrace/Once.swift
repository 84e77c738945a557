import CTNModel
import Synchronization

/// Resumes a continuation once: the first of an answer and the deadline wins.
final class Once: Sendable {
    private let continuation = Mutex<CheckedContinuation<TraceBatch, Error>?>(nil)

    func set(_ c: CheckedContinuation<TraceBatch, Error>) { continuation.withLock { $0 = c } }

    func resume(_ r: Result<TraceBatch, Error>) {
        let c = continuation.withLock { current -> CheckedContinuation<TraceBatch, Error>? in
            defer { current = nil }
            return current
        }
        c?.resume(with: r)
    }
}
