import Synchronization

/// An answer within a time limit, for calls that do not end when cancelled (a query waiting for a
/// connection from a pool whose server is down waits out the pool's own retries).
enum Deadline {
    /// Who resumes first: the work or the timer.
    final class Once: Sendable {
        private let done = Mutex(false)
        /// True for the first caller only.
        func take() -> Bool {
            done.withLock { was in
                defer { was = true }
                return !was
            }
        }
    }

    /// `work`'s answer, or a `PostgresPool.Failure` when it has none within `within`; the work
    /// goes on in the background and its late answer is dropped.
    static func answer<T: Sendable>(
        within: Duration, what: String, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
            let once = Once()
            let task = Task {
                do {
                    let value = try await work()
                    if once.take() { c.resume(returning: value) }
                } catch {
                    if once.take() { c.resume(throwing: error) }
                }
            }
            Task {
                try? await Task.sleep(for: within)
                if once.take() {
                    task.cancel()
                    c.resume(throwing: PostgresPool.Failure(description: "\(what) did not answer within \(within)"))
                }
            }
        }
    }
}
