/// A lot published as a PACT product footprint: the names and product IDs its owner chose to
/// publish (kept nowhere else on the node), the lot version its figures come from, and its place
/// in the footprint's history (a correction deprecates it and publishes a successor).
public struct PACTFootprintRecord: Sendable, Equatable {
    public var footprintId: String
    public var tenantId: String
    public var lotId: String
    public var lotVersion: Int64
    public var productName: String
    public var productDescription: String
    /// URNs, as published (the hashed lot ID's URN is added when the footprint is served).
    public var productIds: [String]
    public var productCategoryCpc: String
    public var createdAt: Int64
    /// `Active`, or `Deprecated` once a correction published its successor.
    public var status: String
    public var precedingIds: [String]
    /// The lot's figures when this footprint was published (a successor keeps its own): declared
    /// unit, kg-CO2e per unit, share of primary data, and the period of its uses.
    public var declaredUnit: String
    public var co2PerUnit: Double
    public var primaryDataShare: Double?
    public var periodStart: Int64
    public var periodEnd: Int64

    public init(
        footprintId: String, tenantId: String, lotId: String, lotVersion: Int64, productName: String, productDescription: String,
        productIds: [String], productCategoryCpc: String, createdAt: Int64, status: String = "Active", precedingIds: [String] = [],
        declaredUnit: String, co2PerUnit: Double, primaryDataShare: Double?, periodStart: Int64, periodEnd: Int64
    ) {
        self.declaredUnit = declaredUnit
        self.co2PerUnit = co2PerUnit
        self.primaryDataShare = primaryDataShare
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.footprintId = footprintId
        self.tenantId = tenantId
        self.lotId = lotId
        self.lotVersion = lotVersion
        self.productName = productName
        self.productDescription = productDescription
        self.productIds = productIds
        self.productCategoryCpc = productCategoryCpc
        self.createdAt = createdAt
        self.status = status
        self.precedingIds = precedingIds
    }
}
