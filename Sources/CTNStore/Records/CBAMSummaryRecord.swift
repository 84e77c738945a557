/// A supplier's CBAM summary booked by an importer: the operator node's signed summary as
/// received, whether a verification statement in it verified, and the importer's recorded imports.
public struct CBAMSummaryRecord: Sendable, Equatable {
    public var tenantId: String
    public var node: String
    public var reportId: String
    public var contentHash: String
    public var jws: String
    public var verified: Bool
    public var at: Int64
    public var seq: Int64

    public init(tenantId: String, node: String, reportId: String, contentHash: String, jws: String, verified: Bool, at: Int64, seq: Int64) {
        self.tenantId = tenantId
        self.node = node
        self.reportId = reportId
        self.contentHash = contentHash
        self.jws = jws
        self.verified = verified
        self.at = at
        self.seq = seq
    }
}
