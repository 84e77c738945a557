/// PACT Publication: a completed lot published as a product footprint, with the product's name,
/// description, IDs and UN CPC category.
public struct PACTPublicationInput: ContractInput {
    public static let contract = ContractID.pactPublication
    public static let bodyFields = ["lotId", "productName", "productDescription", "productIds", "productCategoryCpc"]
    public var lotId: String
    public var productName: String
    public var productDescription: String
    public var productIds: [String]
    public var productCategoryCpc: String

    public init(_ request: ValidatedRequest) throws(Problem) {
        lotId = try request.string("lotId")
        productName = try request.string("productName")
        guard !productName.isEmpty else { throw Problem.invalidValue("productName", "must not be empty") }
        productDescription = try request.optionalString("productDescription") ?? ""
        productIds = try request.optionalStrings("productIds") ?? []
        for (i, id) in productIds.enumerated() where !PACTURN.isURN(id) {
            throw Problem.invalidValue("productIds[\(i)]", "must be a URN (urn:…)")
        }
        guard Set(productIds).count == productIds.count else { throw Problem.invalidValue("productIds", "holds an ID twice") }
        productCategoryCpc = try request.string("productCategoryCpc")
        guard !productCategoryCpc.isEmpty, productCategoryCpc.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            throw Problem.invalidValue("productCategoryCpc", "must be a UN CPC code (digits)")
        }
    }
}
