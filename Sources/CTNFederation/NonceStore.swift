import Foundation

/// The nonces of accepted signatures, kept as long as a signature's date is acceptable: in
/// buckets of one minute, so that forgetting old nonces drops whole buckets instead of scanning
/// entries, and with a hard cap, so that a flood of signed requests cannot grow it without bound.
struct NonceStore {
    /// How long a nonce is remembered (twice the allowed clock skew).
    let window: TimeInterval
    /// The most nonces kept; past it, new requests are refused until old buckets expire.
    let capacity: Int
    private var buckets: [Int64: Set<String>] = [:]
    private(set) var count = 0

    init(window: TimeInterval, capacity: Int = 1_000_000) {
        self.window = window
        self.capacity = capacity
    }

    /// What `insert` found.
    enum Outcome: Equatable {
        case fresh
        case replayed
        case full
    }

    /// Records `nonce` seen at `now`, unless it was seen within the window or the store is full.
    mutating func insert(_ nonce: String, now: Date) -> Outcome {
        let minute = Int64((now.timeIntervalSince1970 / 60).rounded(.down))
        let oldest = minute - Int64((window / 60).rounded(.up)) - 1
        for key in buckets.keys where key < oldest {
            count -= buckets[key]?.count ?? 0
            buckets[key] = nil
        }
        if buckets.values.contains(where: { $0.contains(nonce) }) { return .replayed }
        guard count < capacity else { return .full }
        buckets[minute, default: []].insert(nonce)
        count += 1
        return .fresh
    }
}
