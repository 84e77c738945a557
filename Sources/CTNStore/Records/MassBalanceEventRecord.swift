/// One accepted mass-balance event (receipt, batch, correction, attestation, utility
/// attestation, dispatch, booked declaration): what was accepted and what it caused, as canonical
/// JSON, with the ledger event that records it. Kept as written: never changed or removed.
public struct MassBalanceEventRecord: Sendable, Equatable {
    public var eventId: String
    public var tenantId: String
    /// `receipt`, `batch`, `correction`, `attestation`, `utility`, `dispatch`, `booking`.
    public var kind: String
    /// The batch it belongs to (a batch's own event, its corrections and attestations).
    public var batchId: String?
    public var sourceTime: Int64
    /// When the node took it (its clock): the time slices group by.
    public var receivedAt: Int64
    public var seq: Int64
    /// The hash of its ledger event.
    public var ledgerHash: String
    public var payload: String

    public init(
        eventId: String, tenantId: String, kind: String, batchId: String?, sourceTime: Int64, receivedAt: Int64, seq: Int64,
        ledgerHash: String, payload: String
    ) {
        self.eventId = eventId
        self.tenantId = tenantId
        self.kind = kind
        self.batchId = batchId
        self.sourceTime = sourceTime
        self.receivedAt = receivedAt
        self.seq = seq
        self.ledgerHash = ledgerHash
        self.payload = payload
    }
}
