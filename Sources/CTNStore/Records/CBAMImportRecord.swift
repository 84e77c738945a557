/// An import recorded by an importer: tonnes of a CN code from a supplier's report it booked.
public struct CBAMImportRecord: Sendable, Equatable {
    public var importId: String
    public var tenantId: String
    public var node: String
    public var reportId: String
    public var cn: String
    public var tonnes: Double
    public var importedAt: Int64
    public var seq: Int64

    public init(
        importId: String, tenantId: String, node: String, reportId: String, cn: String, tonnes: Double, importedAt: Int64, seq: Int64
    ) {
        self.importId = importId
        self.tenantId = tenantId
        self.node = node
        self.reportId = reportId
        self.cn = cn
        self.tonnes = tonnes
        self.importedAt = importedAt
        self.seq = seq
    }
}
