/// Agreement Grant: an owner opens enquiries about its lots to another business.
public struct AgreementGrantInput: ContractInput {
    public static let contract = ContractID.agreementGrant
    public static let bodyFields = ["grantee", "contracts", "scope", "lotId", "purpose", "expiresAt", "transitive", "cnCodes"]
    public var grantee: BusinessRef
    /// The contracts opened, sorted and without repeats.
    public var contracts: [String]
    public var scope: AgreementScope
    public var lotId: String?
    public var purpose: String
    public var expiresAt: Int64?
    public var transitive: Bool
    /// CN codes (or headings, digits only) a CBAM summary grant is limited to; empty: every good.
    public var cnCodes: [String]

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
        var codes: [String] = []
        for (i, c) in (try request.optionalStrings("cnCodes") ?? []).enumerated() {
            guard CBAMCode.valid(c) else { throw Problem.invalidValue("cnCodes[\(i)]", "must be a CN code of 4 to 8 digits") }
            codes.append(c.filter(\.isNumber))
        }
        cnCodes = codes
        if !cnCodes.isEmpty, contracts != [ContractID.cbamSummary.rawValue] {
            throw Problem.invalidValue("cnCodes", "limits a grant of cbam-summary alone")
        }
        if scope == .lot, lotId == nil { throw Problem.missingField("lotId") }
        if scope != .lot, lotId != nil { throw Problem.invalidValue("lotId", "goes with scope 'lot' only") }
    }
}
