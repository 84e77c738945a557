/// A filed CBAM period report: the document as filed and its results (canonical JSON) under a
/// content hash the ledger keeps. Never changed or removed.
public struct CBAMReportRecord: Sendable, Equatable {
    public var reportId: String
    public var tenantId: String
    public var installationId: String
    public var periodStart: Int64
    public var periodEnd: Int64
    public var contentHash: String
    public var payload: String
    public var seq: Int64
    public var createdAt: Int64

    public init(
        reportId: String, tenantId: String, installationId: String, periodStart: Int64, periodEnd: Int64, contentHash: String,
        payload: String, seq: Int64, createdAt: Int64
    ) {
        self.reportId = reportId
        self.tenantId = tenantId
        self.installationId = installationId
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.contentHash = contentHash
        self.payload = payload
        self.seq = seq
        self.createdAt = createdAt
    }
}
