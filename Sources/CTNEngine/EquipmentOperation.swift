import CTNModel

/// One piece of equipment in a report: its operating time over the period and its energy
/// performance per energy type (the bill of energy consumption, white paper Table 4).
public struct EquipmentOperation: Sendable, Equatable {
    public var equipmentId: String
    public var operatingTime: Double
    public var timeUnit: String
    /// The equipment's activity unit: the intensity comes out per this unit.
    public var activityUnit: String
    public var performance: [(energyType: String, value: Double, unit: String)]

    public init(
        equipmentId: String, operatingTime: Double, timeUnit: String, activityUnit: String,
        performance: [(energyType: String, value: Double, unit: String)]
    ) {
        self.equipmentId = equipmentId
        self.operatingTime = operatingTime
        self.timeUnit = timeUnit
        self.activityUnit = activityUnit
        self.performance = performance
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.equipmentId == b.equipmentId && a.operatingTime == b.operatingTime && a.timeUnit == b.timeUnit
            && a.activityUnit == b.activityUnit && a.performance.elementsEqual(b.performance) { $0 == $1 }
    }
}
