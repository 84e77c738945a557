import CTNLedger

/// The mass-balance events of a tenant grouped into time slices by the time the node received
/// them (an hour each), every slice hashed over its events' ledger hashes and the previous
/// slice's hash: a slice changed, dropped or reordered after it was sealed breaks every hash after it.
public enum SliceChain {
    /// One hour, in milliseconds.
    public static let length: Int64 = 3_600_000
    public static let genesis = LedgerHashing.genesis

    /// A sealed slice.
    public struct Head: Sendable, Equatable {
        public var start: Int64
        public var end: Int64
        /// The ledger hashes of its events, in ledger order.
        public var events: [String]
        public var prevHash: String
        public var hash: String

        public init(start: Int64, end: Int64, events: [String], prevHash: String, hash: String) {
            self.start = start
            self.end = end
            self.events = events
            self.prevHash = prevHash
            self.hash = hash
        }
    }

    /// The start of the slice `time` falls in.
    public static func start(of time: Int64) -> Int64 {
        let r = time % length
        return time - (r < 0 ? r + length : r)
    }

    /// The hash of a slice: versioned, every field on its own line.
    public static func hash(tenant: String, start: Int64, end: Int64, events: [String], prevHash: String) -> String {
        LedgerHashing.sha256Hex(
            (["ctn-mb-slice-v1", tenant, String(start), String(end), prevHash, String(events.count)] + events).joined(separator: "\n"))
    }

    public static func seal(tenant: String, start: Int64, events: [String], after prev: Head?) -> Head {
        let prevHash = prev?.hash ?? genesis
        let end = start + length
        return Head(
            start: start, end: end, events: events, prevHash: prevHash,
            hash: hash(tenant: tenant, start: start, end: end, events: events, prevHash: prevHash))
    }

    /// What is wrong with a chain of sealed slices (empty: it verifies): each hash recomputed,
    /// each slice linked to the one before, in time order and without overlaps.
    public static func verify(tenant: String, _ heads: [Head]) -> [String] {
        var problems: [String] = []
        var prev: Head?
        for (i, h) in heads.enumerated() {
            if h.prevHash != (prev?.hash ?? genesis) { problems.append("slice \(i) (\(h.start)): does not link to the slice before it") }
            if let p = prev, h.start < p.end { problems.append("slice \(i) (\(h.start)): overlaps the slice before it") }
            if h.end != h.start + length || start(of: h.start) != h.start {
                problems.append("slice \(i) (\(h.start)): not an hour's slice")
            }
            if hash(tenant: tenant, start: h.start, end: h.end, events: h.events, prevHash: h.prevHash) != h.hash {
                problems.append("slice \(i) (\(h.start)): its hash does not match its events")
            }
            prev = h
        }
        return problems
    }
}
