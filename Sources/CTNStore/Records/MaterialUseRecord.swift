/// A material used by a lot: a supplier lot (here or on another node) or a category.
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
    public init(
        useId: String, lotId: String, materialLotId: String?, category: String?, quantity: Double, unit: String,
        perUnit: Double, perUnitOf: String, baseQuantity: Double, co2: Double, sourceTime: Int64, seq: Int64,
        materialNode: String? = nil, statementVersion: Int64? = nil, intensitySource: String? = nil
    ) {
        self.useId = useId
        self.lotId = lotId
        self.materialLotId = materialLotId
        self.category = category
        self.materialNode = materialNode
        self.statementVersion = statementVersion
        self.intensitySource = intensitySource
        self.quantity = quantity
        self.unit = unit
        self.perUnit = perUnit
        self.perUnitOf = perUnitOf
        self.baseQuantity = baseQuantity
        self.co2 = co2
        self.sourceTime = sourceTime
        self.seq = seq
    }
}
