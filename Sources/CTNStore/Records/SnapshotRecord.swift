/// A locked site period: the calculation, its result, findings, override and allocation as they
/// were locked (canonical JSON), under a content hash that the ledger keeps. A restatement is a
/// new snapshot of the same period, one version up, pointing at its parent.
public struct SnapshotRecord: Sendable, Equatable {
    public var snapshotId: String
    public var tenantId: String
    public var site: String
    public var periodStart: Int64
    public var periodEnd: Int64
    public var version: Int64
    public var parentId: String?
    /// SHA-256 (hex) of `payload`.
    public var contentHash: String
    public var payload: String
    public var seq: Int64
    public var lockedAt: Int64

    public init(
        snapshotId: String, tenantId: String, site: String, periodStart: Int64, periodEnd: Int64, version: Int64, parentId: String?,
        contentHash: String, payload: String, seq: Int64, lockedAt: Int64
    ) {
        self.snapshotId = snapshotId
        self.tenantId = tenantId
        self.site = site
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.version = version
        self.parentId = parentId
        self.contentHash = contentHash
        self.payload = payload
        self.seq = seq
        self.lockedAt = lockedAt
    }
}
