/// One movement of a pool: grams in (positive) or out (negative) at a source time, in the order
/// the ledger accepted it (`seq`, then `index` within one event). A credit may expire: from then
/// on what is left of it can no longer be claimed.
public struct PoolMovement: Sendable, Equatable {
    public var grams: Int64
    public var time: Int64
    public var seq: Int64
    public var index: Int
    public var expiresAt: Int64?

    public init(grams: Int64, time: Int64, seq: Int64, index: Int = 0, expiresAt: Int64? = nil) {
        self.grams = grams
        self.time = time
        self.seq = seq
        self.index = index
        self.expiresAt = expiresAt
    }

    /// Source time first, then the ledger's order.
    static func before(_ a: PoolMovement, _ b: PoolMovement) -> Bool { (a.time, a.seq, a.index) < (b.time, b.seq, b.index) }
}
