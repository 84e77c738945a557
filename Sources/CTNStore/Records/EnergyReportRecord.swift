/// A tenant's energy report for a period, kept as submitted.
public struct EnergyReportRecord: Sendable, Equatable {
    public var reportId: String
    public var tenantId: String
    public var periodStart: Int64
    public var periodEnd: Int64
    public var payload: String
    public var seq: Int64
    public init(reportId: String, tenantId: String, periodStart: Int64, periodEnd: Int64, payload: String, seq: Int64) {
        self.reportId = reportId
        self.tenantId = tenantId
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.payload = payload
        self.seq = seq
    }
}
