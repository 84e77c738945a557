import Synchronization

/// Who settles a call that must start within a time limit: the work, once it has begun (then it
/// runs to its end, however long), or the timer, if the work has not begun by then.
final class LeaseGate: Sendable {
    private enum State { case waiting, began, timedOut, finished }
    private let state = Mutex(State.waiting)

    /// The work may begin: false once the timer has settled the call.
    func begin() -> Bool {
        state.withLock { s in
            guard s == .waiting else { return false }
            s = .began
            return true
        }
    }

    /// The timer settles the call: true only if the work had not begun (nor ended).
    func timeout() -> Bool {
        state.withLock { s in
            guard s == .waiting else { return false }
            s = .timedOut
            return true
        }
    }

    /// The work settles the call: false if the timer already did.
    func finish() -> Bool {
        state.withLock { s in
            guard s != .timedOut else { return false }
            s = .finished
            return true
        }
    }

    /// `body`'s answer, or a `PostgresPool.Failure` if it has not begun (called `begin`) within
    /// `within`: a pool whose server is down waits out its reconnects, and a caller must not.
    /// A body that never calls `begin` must answer within the limit as a whole.
    static func started<T: Sendable>(
        within: Duration, what: String, _ body: @escaping @Sendable (_ begin: @escaping @Sendable () -> Bool) async throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
            let gate = LeaseGate()
            let work = Mutex<Task<Void, Never>?>(nil)
            let timer = Task {
                try? await Task.sleep(for: within)
                if gate.timeout() {
                    work.withLock { $0?.cancel() }
                    c.resume(throwing: PostgresPool.Failure(description: "\(what): none within \(within)"))
                }
            }
            // Once the work has begun, the timer has nothing left to do: its sleep is cancelled
            // (a busy node would otherwise hold one pending timer per call for `within`).
            let begin: @Sendable () -> Bool = {
                guard gate.begin() else { return false }
                timer.cancel()
                return true
            }
            work.withLock { w in
                w = Task {
                    let result: Result<T, any Error>
                    do { result = .success(try await body(begin)) } catch { result = .failure(error) }
                    if gate.finish() {
                        timer.cancel()
                        c.resume(with: result)
                    }
                }
            }
        }
    }
}
