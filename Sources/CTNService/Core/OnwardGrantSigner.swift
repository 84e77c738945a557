import CTNLedger
import Foundation
import Synchronization

/// Onward grants, signed once and handed out again while they have more than half their
/// lifetime left: repeated traces cost no signatures.
final class OnwardGrantSigner: Sendable {
    private let keys: NodeKeys
    private let cache = Mutex<[String: (jws: String, expires: Int64)]>([:])

    init(keys: NodeKeys) { self.keys = keys }

    func grant(holder: String, to: String, lot: String, node: String, via: String) throws -> String {
        let now = Int64(Date().timeIntervalSince1970)
        let key = [holder, to, lot, node, via].joined(separator: "|")
        if let hit = cache.withLock({ $0[key] }), hit.expires - now > OnwardGrant.lifetimeSeconds / 2 { return hit.jws }
        let jws = try OnwardGrant.sign(holder: holder, to: to, lot: lot, node: node, via: via, keys: keys, now: now)
        cache.withLock { cache in
            if cache.count >= 100_000 { cache.removeAll(keepingCapacity: true) }
            cache[key] = (jws, now + OnwardGrant.lifetimeSeconds)
        }
        return jws
    }
}
