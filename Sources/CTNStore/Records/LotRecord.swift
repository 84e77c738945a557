import CTNModel

/// A production lot and its running CO2 figures.
public struct LotRecord: Sendable, Equatable {
    public var lotId: String
    public var tenantId: String
    public var declaredUnit: String
    public var status: LotStatus
    public var createdAt: Int64
    /// Running sums in ledger order, kg-CO2e.
    public var materialCO2: Double
    public var processCO2: Double
    public var completed: Double?
    public var defects: Double?
    public var totalCO2: Double?
    public var co2PerUnit: Double?
    public var completedAt: Int64?
    /// Ledger sequence and hash of the event that completed the lot.
    public var completedSeq: Int64?
    public var completedHash: String?
    /// Declared units shipped to consignees.
    public var shipped: Double
    /// Version of the lot's stated CFP: 0 while open, 1 at completion, one more per correction.
    public var version: Int64
    /// The signed statement of this version (JWS), made when the figures were fixed.
    public var statement: String?
    /// Of the material part, the CO2 from secondary data (category intensities), kg-CO2e.
    public var secondaryCO2: Double
    /// Certificates attached (kept in `certificates`); 0 spares readers the lookup.
    public var certificateCount: Int64
    /// Relative standard uncertainty (k = 1) of the lot's CO2, from the parts that state one; the
    /// share of the CO2 that states none; the evidence tiers' shares (canonical JSON). Set when
    /// the figures are fixed.
    public var uncertainty: Double?
    public var unquantifiedShare: Double?
    public var evidence: String?
    /// What dispatches of the lot declared certified (mass balance): canonical JSON of the masses,
    /// the share, the schemes and the declarations; nil when none did.
    public var certified: String?
    /// The leaf of the node's log that holds `statement` (statements signed since the log held
    /// them; older ones are verified by their signature alone).
    public var logLeaf: Int64?

    public init(
        lotId: String, tenantId: String, declaredUnit: String, status: LotStatus, createdAt: Int64,
        materialCO2: Double = 0, processCO2: Double = 0, completed: Double? = nil, defects: Double? = nil,
        totalCO2: Double? = nil, co2PerUnit: Double? = nil, completedAt: Int64? = nil, completedSeq: Int64? = nil,
        completedHash: String? = nil,
        shipped: Double = 0, version: Int64 = 0, statement: String? = nil, secondaryCO2: Double = 0, certificateCount: Int64 = 0
    ) {
        self.lotId = lotId
        self.tenantId = tenantId
        self.declaredUnit = declaredUnit
        self.status = status
        self.createdAt = createdAt
        self.materialCO2 = materialCO2
        self.processCO2 = processCO2
        self.completed = completed
        self.defects = defects
        self.totalCO2 = totalCO2
        self.co2PerUnit = co2PerUnit
        self.completedAt = completedAt
        self.completedSeq = completedSeq
        self.completedHash = completedHash
        self.shipped = shipped
        self.version = version
        self.statement = statement
        self.secondaryCO2 = secondaryCO2
        self.certificateCount = certificateCount
    }

    /// The share of the lot's CO2 that comes from primary data (its own equipment and supplier
    /// lots), or nil while it has none.
    public var primaryDataShare: Double? {
        let total = materialCO2 + processCO2
        return total > 0 ? (total - secondaryCO2) / total : nil
    }

    public var goodUnits: Double? { completed.flatMap { c in defects.map { c - $0 } } }
}
