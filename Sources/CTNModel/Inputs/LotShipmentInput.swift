/// Lot Shipment: units of a completed lot sent to a consignee, here or on another node.
public struct LotShipmentInput: ContractInput {
    public static let contract = ContractID.lotShipment
    public static let pathFields = ["lotId"]
    public static let bodyFields = ["consignee", "quantity", "time"]
    public var lotId: String
    public var consignee: BusinessRef
    public var quantity: Double
    public var time: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        lotId = try request.pathValue("lotId")
        consignee = try request.business("consignee")
        quantity = try request.number("quantity")
        time = try request.optionalTimestamp("time")
    }
}
