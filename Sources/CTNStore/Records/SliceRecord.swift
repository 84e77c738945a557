/// A sealed time slice of a tenant's mass-balance events: their ledger hashes in order, the
/// previous slice's hash and its own. Never changed or removed.
public struct SliceRecord: Sendable, Equatable {
    public var tenantId: String
    public var start: Int64
    public var end: Int64
    /// The ledger hashes of its events, joined by newlines.
    public var events: String
    public var prevHash: String
    public var hash: String
    public var seq: Int64

    public init(tenantId: String, start: Int64, end: Int64, events: String, prevHash: String, hash: String, seq: Int64) {
        self.tenantId = tenantId
        self.start = start
        self.end = end
        self.events = events
        self.prevHash = prevHash
        self.hash = hash
        self.seq = seq
    }
}
