import CTNStore
import Dispatch
import Synchronization

/// Per-tenant fairness state: a token bucket of requests and a count of heavy calls running.
/// A tenant's own limits (from its record) override the node's defaults field by field; a rate
/// or bound of 0 means none.
final class TenantQuotas: Sendable {
    struct Bucket {
        var tokens: Double
        var at: UInt64
    }

    /// A refusal: which limit, and when to come back.
    struct Refusal: Error {
        var kind: String
        var retryAfter: Int
        var detail: String
    }

    let defaults: TenantLimits
    /// How long a refusal of rate is held before it is answered, and how many of one tenant at most.
    let refusalPause: Duration
    static let maxHeld = 64
    private let buckets = Mutex<[String: Bucket]>([:])
    private let heavy = TenantCounts()
    private let held = TenantCounts()

    init(defaults: TenantLimits, refusalPause: Duration = .seconds(1)) {
        self.defaults = defaults
        self.refusalPause = refusalPause
    }

    /// Whether another refusal of the tenant may be held (then `release` it after the pause).
    func hold(_ tenant: TenantRecord) -> Bool { held.enter(tenant.tenantId, bound: Self.maxHeld).entered }

    func release(_ tenant: TenantRecord) { held.leave(tenant.tenantId) }

    func limits(_ tenant: TenantRecord) -> (rate: Double, burst: Int, heavy: Int) {
        let rate = tenant.limits.ratePerSecond ?? defaults.ratePerSecond ?? 0
        let burst = tenant.limits.burst ?? defaults.burst ?? Int(max(1, rate * 2))
        return (rate, max(1, burst), tenant.limits.heavy ?? defaults.heavy ?? 0)
    }

    /// Takes one request from the tenant's bucket, or says how long until one is there.
    func admit(_ tenant: TenantRecord, now: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Refusal? {
        let (rate, burst, _) = limits(tenant)
        guard rate > 0 else { return nil }
        return buckets.withLock { buckets -> Refusal? in
            var b = buckets[tenant.tenantId] ?? Bucket(tokens: Double(burst), at: now)
            // Clocks read on several threads may arrive out of order: time never runs back here.
            let elapsed = now > b.at ? now - b.at : 0
            b.tokens = min(Double(burst), b.tokens + Double(elapsed) / 1e9 * rate)
            b.at = max(b.at, now)
            defer { buckets[tenant.tenantId] = b }
            if b.tokens >= 1 {
                b.tokens -= 1
                return nil
            }
            let wait = (1 - b.tokens) / rate
            return Refusal(
                kind: "rate", retryAfter: Int(min(max(1, wait.rounded(.up)), 3600)),
                detail: "this business may make \(Self.format(rate)) requests a second (bursts of \(burst)); it made more")
        }
    }

    /// Starts a heavy call of the tenant, or refuses it when as many are running as it may run.
    func startHeavy(_ tenant: TenantRecord) -> Refusal? {
        let bound = limits(tenant).heavy
        guard bound > 0 else { return nil }
        let (entered, running) = heavy.enter(tenant.tenantId, bound: bound)
        guard !entered else { return nil }
        return Refusal(
            kind: "concurrency", retryAfter: 1,
            detail: "this business may run \(bound) traces, certifications, statistics or simulations at once; \(running) are running")
    }

    func endHeavy(_ tenant: TenantRecord) { heavy.leave(tenant.tenantId) }

    static func format(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
}
