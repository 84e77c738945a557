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
    public init(
        equipmentId: String, version: Int64, value: Double, unit: String, perActivity: Double, validFrom: Int64,
        registeredAt: Int64, reportId: String?
    ) {
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
