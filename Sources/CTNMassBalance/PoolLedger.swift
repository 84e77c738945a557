/// A pool replayed from its movements in source-time order. Credits are layers; a debit takes
/// from the layers that expire first (those without an expiry last, oldest first among equals)
/// and never from an expired one. A debit that the unexpired layers cannot cover, at its own time,
/// is a shortfall: the movements are refused as a whole.
public enum PoolLedger {
    /// What is left of one credit.
    public struct Layer: Sendable, Equatable {
        public var grams: Int64
        public var time: Int64
        public var expiresAt: Int64?
    }

    /// A debit that the pool could not cover when it happened.
    public struct Shortfall: Error, Sendable, Equatable {
        public var time: Int64
        public var needed: Int64
        public var available: Int64
        public init(time: Int64, needed: Int64, available: Int64) {
            self.time = time
            self.needed = needed
            self.available = available
        }
    }

    /// The pool at a cut-off.
    public struct State: Sendable, Equatable {
        /// Every movement up to the cut-off, summed.
        public var booked: Int64
        /// What may still be claimed: the unexpired layers.
        public var claimable: Int64
        /// What expired unclaimed by the cut-off (written off: `booked` = `claimable` + `expired`).
        public var expired: Int64
        /// The unexpired layers, earliest expiry first.
        public var layers: [Layer]
        /// For each debit (by seq and index): the earliest expiry among the layers it took from.
        public var debitExpiry: [Key: Int64]
        /// The most the pool ever held (`Int64.max` if a sum overflowed): above `Grams.poolLimit`, refused.
        public var peak: Int64
    }

    /// A movement's place in the ledger.
    public struct Key: Hashable, Sendable {
        public var seq: Int64
        public var index: Int
        public init(seq: Int64, index: Int) {
            self.seq = seq
            self.index = index
        }
    }

    /// Replays `movements` up to `cutOff` (all of them when nil).
    public static func replay(_ movements: [PoolMovement], until cutOff: Int64? = nil) throws(Shortfall) -> State {
        var layers: [Layer] = []
        var booked: Int64 = 0
        var expiry: [Key: Int64] = [:]
        var peak: Int64 = 0
        for m in movements.sorted(by: PoolMovement.before) {
            if let cutOff, m.time > cutOff { break }
            let (sum, overflow) = booked.addingReportingOverflow(m.grams)
            guard !overflow else {
                peak = Int64.max
                break
            }
            booked = sum
            peak = max(peak, booked)
            if m.grams >= 0 {
                if m.grams > 0 { layers.append(Layer(grams: m.grams, time: m.time, expiresAt: m.expiresAt)) }
                continue
            }
            var needed = -m.grams
            let available = layers.filter { !expired($0, at: m.time) }.reduce(Int64(0)) { $0 &+ $1.grams }
            guard available >= needed else { throw Shortfall(time: m.time, needed: needed, available: available) }
            for i in order(layers) where needed > 0 && !expired(layers[i], at: m.time) {
                let take = min(needed, layers[i].grams)
                layers[i].grams -= take
                needed -= take
                if let e = layers[i].expiresAt {
                    let key = Key(seq: m.seq, index: m.index)
                    expiry[key] = min(expiry[key] ?? e, e)
                }
            }
            layers.removeAll { $0.grams == 0 }
        }
        let at = cutOff ?? Int64.max
        let live = order(layers).map { layers[$0] }.filter { !expired($0, at: at) }
        let claimable = live.reduce(Int64(0)) { $0 &+ $1.grams }
        return State(
            booked: booked, claimable: claimable, expired: booked &- claimable, layers: live, debitExpiry: expiry, peak: peak)
    }

    static func expired(_ l: Layer, at time: Int64) -> Bool { l.expiresAt.map { $0 <= time } ?? false }

    /// Layer indices in the order debits take from them.
    static func order(_ layers: [Layer]) -> [Int] {
        layers.indices.sorted { a, b in
            let (x, y) = (layers[a], layers[b])
            switch (x.expiresAt, y.expiresAt) {
            case (let p?, let q?) where p != q: return p < q
            case (.some, .none): return true
            case (.none, .some): return false
            default: return (x.time, a) < (y.time, b)
            }
        }
    }
}
