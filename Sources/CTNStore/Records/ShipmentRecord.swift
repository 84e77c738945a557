/// Declared units of a lot shipped to a consignee.
public struct ShipmentRecord: Sendable, Equatable {
    public var shipmentId: String
    public var lotId: String
    public var consignee: String
    public var quantity: Double
    public var sourceTime: Int64
    public var seq: Int64
    public init(shipmentId: String, lotId: String, consignee: String, quantity: Double, sourceTime: Int64, seq: Int64) {
        self.shipmentId = shipmentId
        self.lotId = lotId
        self.consignee = consignee
        self.quantity = quantity
        self.sourceTime = sourceTime
        self.seq = seq
    }
}
