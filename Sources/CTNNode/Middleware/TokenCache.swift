import CTNStore
import Dispatch
import Synchronization

/// Bearer tokens resolved to tenants, cached briefly so that a burst of calls costs one lookup.
/// A token revoked from the CLI stops working within `ttl`.
final class TokenCache: Sendable {
    private let entries = Mutex<[String: (tenant: TenantRecord, at: UInt64)]>([:])
    let ttlNanos: UInt64

    init(ttlSeconds: Double = 2) { ttlNanos = UInt64(ttlSeconds * 1e9) }

    func get(_ hash: String) -> TenantRecord? {
        let now = DispatchTime.now().uptimeNanoseconds
        return entries.withLock { entries in
            guard let entry = entries[hash], now &- entry.at < ttlNanos else { return nil }
            return entry.tenant
        }
    }

    func put(_ hash: String, _ tenant: TenantRecord) {
        let now = DispatchTime.now().uptimeNanoseconds
        entries.withLock { entries in
            if entries.count > 100_000 { entries.removeAll() }
            entries[hash] = (tenant, now)
        }
    }
}
