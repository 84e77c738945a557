/// Mass Balance Receipt: a net mass into a certified or conventional pool.
public struct MassBalanceReceiptInput: ContractInput {
    public static let contract = ContractID.massBalanceReceipt
    public static let bodyFields = [
        "material", "pool", "mass", "scheme", "claim", "supplier", "supplierDeclaration", "expiresAt", "site", "time",
    ]
    public var material: String
    public var pool: String
    public var mass: StatedQuantity
    public var scheme: String
    public var claim: String
    public var supplier: BusinessRef?
    public var supplierDeclaration: String?
    public var expiresAt: Int64?
    public var site: String
    public var time: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        material = try MaterialCode.check(try request.string("material"), field: "material")
        pool = try request.string("pool")
        mass = try StatedQuantity(request, "mass")
        (scheme, claim) = try PoolLine.scheme(request, certified: pool == "certified")
        supplier = request.has("supplier") ? try request.business("supplier") : nil
        supplierDeclaration = try request.optionalString("supplierDeclaration")
        expiresAt = try request.optionalTimestamp("expiresAt")
        site = try request.optionalString("site") ?? ""
        time = try request.optionalTimestamp("time")
        if pool == "certified" {
            guard let sd = supplierDeclaration, !sd.isEmpty else {
                throw Problem.invalidValue("supplierDeclaration", "is required for a certified receipt: the supplier's SD/PoS number")
            }
        } else if expiresAt != nil {
            throw Problem.invalidValue("expiresAt", "applies to certified receipts only")
        }
    }
}
