import CTNModel

public struct TenantRecord: Sendable, Equatable {
    public var tenantId: String
    public var businessId: String
    public var createdAt: Int64
    public init(tenantId: String, businessId: String, createdAt: Int64) {
        self.tenantId = tenantId; self.businessId = businessId; self.createdAt = createdAt
    }
}

public struct TokenRecord: Sendable, Equatable {
    public var tokenId: String
    public var tenantId: String
    public var createdAt: Int64
    public var revokedAt: Int64?
}

public struct EquipmentRecord: Sendable, Equatable {
    public var equipmentId: String
    public var tenantId: String
    public var activityUnit: String
    public var createdAt: Int64
    public init(equipmentId: String, tenantId: String, activityUnit: String, createdAt: Int64) {
        self.equipmentId = equipmentId; self.tenantId = tenantId; self.activityUnit = activityUnit; self.createdAt = createdAt
    }
}

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
    public init(equipmentId: String, version: Int64, value: Double, unit: String, perActivity: Double, validFrom: Int64,
                registeredAt: Int64, reportId: String?) {
        self.equipmentId = equipmentId; self.version = version; self.value = value; self.unit = unit
        self.perActivity = perActivity; self.validFrom = validFrom; self.registeredAt = registeredAt; self.reportId = reportId
    }
}

public struct LotRecord: Sendable, Equatable {
    public var lotId: String
    public var tenantId: String
    public var declaredUnit: String
    public var status: String  // "open" | "completed"
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

    public init(lotId: String, tenantId: String, declaredUnit: String, status: String, createdAt: Int64,
                materialCO2: Double = 0, processCO2: Double = 0, completed: Double? = nil, defects: Double? = nil,
                totalCO2: Double? = nil, co2PerUnit: Double? = nil, completedAt: Int64? = nil, completedSeq: Int64? = nil, completedHash: String? = nil,
                shipped: Double = 0, version: Int64 = 0, statement: String? = nil, secondaryCO2: Double = 0, certificateCount: Int64 = 0) {
        self.lotId = lotId; self.tenantId = tenantId; self.declaredUnit = declaredUnit; self.status = status
        self.createdAt = createdAt; self.materialCO2 = materialCO2; self.processCO2 = processCO2; self.completed = completed
        self.defects = defects; self.totalCO2 = totalCO2; self.co2PerUnit = co2PerUnit; self.completedAt = completedAt
        self.completedSeq = completedSeq; self.completedHash = completedHash; self.shipped = shipped; self.version = version
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

public struct MaterialUseRecord: Sendable, Equatable {
    public var useId: String
    public var lotId: String
    public var materialLotId: String?
    /// The node holding `materialLotId` when it is not this one, and the version of its signed
    /// statement that the CO2 rests on (kept in `remote_statements`).
    public var materialNode: String?
    public var statementVersion: Int64?
    public var category: String?
    /// For a category: where its intensity came from (the dictionary, or the network's statistics).
    public var intensitySource: String?
    public var quantity: Double
    public var unit: String
    /// kg-CO2e per `perUnitOf` of the material at the time of use.
    public var perUnit: Double
    public var perUnitOf: String
    /// `quantity` converted to `perUnitOf`.
    public var baseQuantity: Double
    public var co2: Double
    public var sourceTime: Int64
    public var seq: Int64
    public init(useId: String, lotId: String, materialLotId: String?, category: String?, quantity: Double, unit: String,
                perUnit: Double, perUnitOf: String, baseQuantity: Double, co2: Double, sourceTime: Int64, seq: Int64,
                materialNode: String? = nil, statementVersion: Int64? = nil, intensitySource: String? = nil) {
        self.useId = useId; self.lotId = lotId; self.materialLotId = materialLotId; self.category = category
        self.materialNode = materialNode; self.statementVersion = statementVersion; self.intensitySource = intensitySource
        self.quantity = quantity; self.unit = unit; self.perUnit = perUnit; self.perUnitOf = perUnitOf
        self.baseQuantity = baseQuantity; self.co2 = co2
        self.sourceTime = sourceTime; self.seq = seq
    }
}

public struct EquipmentUseRecord: Sendable, Equatable {
    public var useId: String
    public var lotId: String
    public var equipmentId: String
    public var activity: Double
    public var unit: String
    /// kg-CO2e per the equipment's activity unit, and the intensity version it came from.
    public var intensity: Double
    public var intensityVersion: Int64
    public var co2: Double
    public var sourceTime: Int64
    public var seq: Int64
    public init(useId: String, lotId: String, equipmentId: String, activity: Double, unit: String, intensity: Double,
                intensityVersion: Int64, co2: Double, sourceTime: Int64, seq: Int64) {
        self.useId = useId; self.lotId = lotId; self.equipmentId = equipmentId; self.activity = activity; self.unit = unit
        self.intensity = intensity; self.intensityVersion = intensityVersion; self.co2 = co2; self.sourceTime = sourceTime; self.seq = seq
    }
}

public struct ShipmentRecord: Sendable, Equatable {
    public var shipmentId: String
    public var lotId: String
    public var consignee: String
    public var quantity: Double
    public var sourceTime: Int64
    public var seq: Int64
    public init(shipmentId: String, lotId: String, consignee: String, quantity: Double, sourceTime: Int64, seq: Int64) {
        self.shipmentId = shipmentId; self.lotId = lotId; self.consignee = consignee; self.quantity = quantity
        self.sourceTime = sourceTime; self.seq = seq
    }
}

public struct EnergyReportRecord: Sendable, Equatable {
    public var reportId: String
    public var tenantId: String
    public var periodStart: Int64
    public var periodEnd: Int64
    public var payload: String
    public var seq: Int64
    public init(reportId: String, tenantId: String, periodStart: Int64, periodEnd: Int64, payload: String, seq: Int64) {
        self.reportId = reportId; self.tenantId = tenantId; self.periodStart = periodStart; self.periodEnd = periodEnd
        self.payload = payload; self.seq = seq
    }
}

/// A lot statement signed by another node, verified when it was pulled: the evidence behind the
/// CO2 of a material use, kept so that the calculation can be replayed without the network.
public struct RemoteStatementRecord: Sendable, Equatable {
    public var nodeId: String
    public var lotId: String
    public var version: Int64
    public var jws: String
    public var co2PerUnit: Double
    public var declaredUnit: String
    public var fetchedAt: Int64
    public init(nodeId: String, lotId: String, version: Int64, jws: String, co2PerUnit: Double, declaredUnit: String, fetchedAt: Int64) {
        self.nodeId = nodeId; self.lotId = lotId; self.version = version; self.jws = jws; self.co2PerUnit = co2PerUnit
        self.declaredUnit = declaredUnit; self.fetchedAt = fetchedAt
    }
}

/// An owner's grant to another business to read some of its lots' breakdowns.
public struct AgreementRecord: Sendable, Equatable {
    public var agreementId: String
    /// The owner, a tenant of this node.
    public var tenantId: String
    /// `<businessId>` for a business on this node, `<businessId>@<nodeId>` for one elsewhere.
    public var grantee: String
    /// `lot` (only `lotId`), `shipped` (lots shipped to the grantee) or `all` (every lot of the owner).
    public var scope: String
    public var lotId: String?
    /// The enquiry contracts it opens.
    public var contracts: [String]
    public var purpose: String
    public var expiresAt: Int64?
    public var createdAt: Int64
    public var revokedAt: Int64?
    public var seq: Int64
    /// Whether the grantee's own customers may read it too, when they reach the lot through one
    /// of the grantee's lots (on the grantee's node's signed word: an onward grant).
    public var transitive: Bool
    public init(agreementId: String, tenantId: String, grantee: String, scope: String, lotId: String?, contracts: [String], purpose: String,
                expiresAt: Int64?, createdAt: Int64, revokedAt: Int64?, seq: Int64, transitive: Bool = false) {
        self.agreementId = agreementId; self.tenantId = tenantId; self.grantee = grantee; self.scope = scope; self.lotId = lotId
        self.contracts = contracts; self.purpose = purpose; self.expiresAt = expiresAt; self.createdAt = createdAt
        self.revokedAt = revokedAt; self.seq = seq; self.transitive = transitive
    }

    public func inForce(at t: Int64) -> Bool { revokedAt == nil && (expiresAt.map { t < $0 } ?? true) }
}

/// One read of a protected enquiry by a business other than the owner.
public struct UsageRecord: Sendable, Equatable {
    public var ownerTenant: String
    /// The reading business: `<businessId>` here, `<businessId>@<nodeId>` elsewhere.
    public var reader: String
    public var contract: String
    public var lotId: String
    /// What let it through: `consignee` or `agreement:<id>`.
    public var basis: String
    public var at: Int64
    public init(ownerTenant: String, reader: String, contract: String, lotId: String, basis: String, at: Int64) {
        self.ownerTenant = ownerTenant; self.reader = reader; self.contract = contract; self.lotId = lotId; self.basis = basis; self.at = at
    }
}

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
        self.lotId = lotId; self.tenantId = tenantId; self.category = category; self.factor = factor
        self.contributedAt = contributedAt; self.seq = seq
    }
}

/// One contributed value, as statistics need it.
public struct ContributedValue: Sendable, Equatable {
    public var tenantId: String
    public var value: Double
    public var completedAt: Int64
    public init(tenantId: String, value: Double, completedAt: Int64) { self.tenantId = tenantId; self.value = value; self.completedAt = completedAt }
}

/// Data of another node's lot that a business of this node obtained under an agreement and keeps
/// (a certifier's evidence): what a deletion request can ask to remove.
public struct HeldRecord: Sendable, Equatable {
    public var tenantId: String
    public var node: String
    public var lotId: String
    public var kind: String
    public var content: String
    public var obtainedAt: Int64
    public init(tenantId: String, node: String, lotId: String, kind: String, content: String, obtainedAt: Int64) {
        self.tenantId = tenantId; self.node = node; self.lotId = lotId; self.kind = kind; self.content = content; self.obtainedAt = obtainedAt
    }
}
