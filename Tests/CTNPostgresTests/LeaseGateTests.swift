import Foundation
import Testing

@testable import CTNPostgres

@Suite("A call that must start within a time limit")
struct LeaseGateTests {
    @Test("Work that has not begun by the limit fails then; work that began runs to its end past the limit")
    func started() async throws {
        let clock = ContinuousClock()
        let t0 = clock.now
        await #expect(throws: PostgresPool.Failure.self) {
            try await LeaseGate.started(within: .milliseconds(100), what: "a lease") { begin -> Int in
                try await Task.sleep(for: .seconds(3))  // waiting for a connection that never comes
                return begin() ? 1 : 0
            }
        }
        #expect(clock.now - t0 < .seconds(1), "failed at the limit, not when the work gave up")
        let value = try await LeaseGate.started(within: .milliseconds(100), what: "a lease") { begin -> Int in
            guard begin() else { return -1 }
            try await Task.sleep(for: .milliseconds(300))  // a query that takes longer than the limit
            return 42
        }
        #expect(value == 42)
        await #expect(throws: CancellationError.self) {
            try await LeaseGate.started(within: .seconds(5), what: "a lease") { _ -> Int in throw CancellationError() }
        }
    }
}
