/// Agreement Grant: an owner opens enquiries about its lots to another business.
public struct AgreementGrantInput: ContractInput {
    public static let contract = ContractID.agreementGrant
    public static let bodyFields = ["grantee", "contracts", "scope", "lotId", "purpose", "expiresAt", "transitive"]
    public var grantee: BusinessRef
    /// The contracts opened, sorted and without repeats.
    public var contracts: [String]
    public var scope: AgreementScope
    public var lotId: String?
    public var purpose: String
    public var expiresAt: Int64?
    public var transitive: Bool

    public init(_ request: ValidatedRequest) throws(Problem) {
        grantee = try request.business("grantee")
        contracts = Array(Set(try request.strings("contracts"))).sorted()
        let scopeText = try request.string("scope")
        guard let scope = AgreementScope(rawValue: scopeText) else {
            throw Problem.invalidValue("scope", "must be one of 'lot', 'shipped', 'all'")
        }
        self.scope = scope
        lotId = try request.optionalString("lotId")
        purpose = try request.string("purpose")
        expiresAt = try request.optionalTimestamp("expiresAt")
        transitive = try request.optionalBool("transitive") ?? false
        if scope == .lot, lotId == nil { throw Problem.missingField("lotId") }
        if scope != .lot, lotId != nil { throw Problem.invalidValue("lotId", "goes with scope 'lot' only") }
    }
}
