/// CBAM Carbon Price Paid: the carbon price effectively paid for a report's period, with its evidence.
public struct CBAMCarbonPriceInput: ContractInput {
    public static let contract = ContractID.cbamCarbonPrice
    public static let pathFields = ["reportId"]
    public static let bodyFields = ["instrument", "legalBasis", "price", "refund", "rebatedShare", "evidence", "certifiedBy"]
    public var reportId: String
    public var instrument: String
    public var legalBasis: String
    public var price: Double
    public var currency: String
    public var refund: Double
    public var rebatedShare: Double
    public var evidence: String
    public var certifiedBy: String

    public init(_ request: ValidatedRequest) throws(Problem) {
        reportId = try request.pathValue("reportId")
        instrument = try request.string("instrument")
        legalBasis = try request.string("legalBasis")
        let p = try request.object("price")
        price = try p.number("value")
        currency = try p.string("currency")
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw Problem.invalidValue("price.currency", "must be an ISO 4217 code (three capital letters)")
        }
        refund = try request.optionalNumber("refund") ?? 0
        guard refund <= price else { throw Problem.invalidValue("refund", "is more than the price paid") }
        rebatedShare = try request.optionalNumber("rebatedShare") ?? 0
        evidence = try request.string("evidence")
        certifiedBy = try request.string("certifiedBy")
    }
}
