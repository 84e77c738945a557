/// One version of an equipment's emission intensity.
public struct IntensityRecord: Sendable, Equatable {
    public var equipmentId: String
    public var version: Int64
    /// As registered (for example 0.251 in kg-CO2e/min).
    public var value: Double
    public var unit: String
    /// kg-CO2e per the equipment's activity unit: what uses multiply by.
    public var perActivity: Double
    public var validFrom: Int64
    public var registeredAt: Int64
    public var reportId: String?
    /// Relative standard uncertainty (k = 1) of the intensity, when stated or derived.
    public var u: Double?
    /// Evidence tier the intensity rests on (`continuous` … `substituted`), and the shares of each
    /// (canonical JSON), when known.
    public var tier: String?
    public var evidence: String?
    /// The locked site period the intensity was allocated from.
    public var snapshotId: String?
    public init(
        equipmentId: String, version: Int64, value: Double, unit: String, perActivity: Double, validFrom: Int64,
        registeredAt: Int64, reportId: String?, u: Double? = nil, tier: String? = nil, evidence: String? = nil, snapshotId: String? = nil
    ) {
        self.u = u
        self.tier = tier
        self.evidence = evidence
        self.snapshotId = snapshotId
        self.equipmentId = equipmentId
        self.version = version
        self.value = value
        self.unit = unit
        self.perActivity = perActivity
        self.validFrom = validFrom
        self.registeredAt = registeredAt
        self.reportId = reportId
    }
}
