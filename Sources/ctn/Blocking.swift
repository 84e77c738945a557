import Dispatch
import Synchronization

/// Waits for async store work from a synchronous command (the federation demo drives a run loop,
/// so it cannot be an async command). The work runs on the global executor, not on this thread.
func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = BlockingOutcome<T>()
    Task {
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        outcome.value.withLock { $0 = result }
        outcome.done.signal()
    }
    outcome.done.wait()
    guard let result = outcome.value.withLock({ $0 }) else { fail("the store did not answer") }
    return try result.get()
}

/// The result of work `blocking` waits for, and the signal that it is there.
final class BlockingOutcome<T: Sendable>: Sendable {
    let value = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
}
