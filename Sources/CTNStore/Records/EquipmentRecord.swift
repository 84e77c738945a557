/// A tenant's piece of equipment, measured in its activity unit.
public struct EquipmentRecord: Sendable, Equatable {
    public var equipmentId: String
    public var tenantId: String
    public var activityUnit: String
    public var createdAt: Int64
    public init(equipmentId: String, tenantId: String, activityUnit: String, createdAt: Int64) {
        self.equipmentId = equipmentId
        self.tenantId = tenantId
        self.activityUnit = activityUnit
        self.createdAt = createdAt
    }
}
