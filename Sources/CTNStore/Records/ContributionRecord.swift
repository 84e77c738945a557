/// A completed lot whose CFP its owner lets into a category's statistics. `factor` converts one
/// declared unit of the lot into the category's unit, so the lot's current CFP (after
/// corrections too) divided by it is its contribution in kg-CO2e per category unit.
public struct ContributionRecord: Sendable, Equatable {
    public var lotId: String
    public var tenantId: String
    public var category: String
    public var factor: Double
    public var contributedAt: Int64
    public var seq: Int64
    public init(lotId: String, tenantId: String, category: String, factor: Double, contributedAt: Int64, seq: Int64) {
        self.lotId = lotId
        self.tenantId = tenantId
        self.category = category
        self.factor = factor
        self.contributedAt = contributedAt
        self.seq = seq
    }
}
