/// Mass Balance Dispatch: a mass to a consignee, part of it claimed as certified on named batches.
public struct MassBalanceDispatchInput: ContractInput {
    public static let contract = ContractID.massBalanceDispatch
    public static let bodyFields = [
        "material", "mass", "certifiedMass", "batchIds", "consignee", "scheme", "claim", "lotId", "site", "time",
    ]
    public var material: String
    public var mass: StatedQuantity
    public var certifiedMass: StatedQuantity
    public var batchIds: [String]
    public var consignee: BusinessRef
    public var scheme: String?
    public var claim: String?
    public var lotId: String?
    public var site: String
    public var time: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        material = try MaterialCode.check(try request.string("material"), field: "material")
        mass = try StatedQuantity(request, "mass")
        certifiedMass = try StatedQuantity(request, "certifiedMass")
        let ids = try request.optionalStrings("batchIds") ?? []
        if let i = ids.indices.first(where: { ids[..<$0].contains(ids[$0]) }) {
            throw Problem.invalidValue("batchIds[\(i)]", "names a batch twice")
        }
        batchIds = ids
        consignee = try request.business("consignee")
        let (s, c) = try PoolLine.scheme(request, certified: true, required: false)
        scheme = s.isEmpty ? nil : s
        claim = request.has("claim") ? c : nil
        lotId = try request.optionalString("lotId")
        site = try request.optionalString("site") ?? ""
        time = try request.optionalTimestamp("time")
        if certifiedMass.value > 0, batchIds.isEmpty {
            throw Problem.invalidValue("batchIds", "a certified claim rests on the batches that made it: name them")
        }
    }
}
