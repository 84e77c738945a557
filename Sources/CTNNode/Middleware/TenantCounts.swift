import Synchronization

/// How many of something each tenant has going at once (heavy calls, refusals held), kept under
/// a bound: a tenant's entry leaves the map when its count is back to zero.
final class TenantCounts: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    /// Counts one more for `tenantId` unless `bound` are counted already; says whether it did,
    /// and how many were counted before.
    func enter(_ tenantId: String, bound: Int) -> (entered: Bool, before: Int) {
        counts.withLock { counts in
            let n = counts[tenantId, default: 0]
            guard n < bound else { return (false, n) }
            counts[tenantId] = n + 1
            return (true, n)
        }
    }

    /// One fewer for `tenantId` (nothing when none is counted).
    func leave(_ tenantId: String) {
        counts.withLock { counts in
            let n = counts[tenantId, default: 1] - 1
            counts[tenantId] = n > 0 ? n : nil
        }
    }
}
