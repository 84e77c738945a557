/// PACT Profile: the company name and company IDs a tenant publishes for its PACT host.
public struct PACTProfileInput: ContractInput {
    public static let contract = ContractID.pactProfile
    public static let bodyFields = ["companyName", "companyIds"]
    public var companyName: String
    public var companyIds: [String]

    public init(_ request: ValidatedRequest) throws(Problem) {
        companyName = try request.string("companyName")
        guard !companyName.isEmpty else { throw Problem.invalidValue("companyName", "must not be empty") }
        companyIds = try request.strings("companyIds")
        for (i, id) in companyIds.enumerated() where !PACTURN.isURN(id) {
            throw Problem.invalidValue("companyIds[\(i)]", "must be a URN (urn:…)")
        }
        guard Set(companyIds).count == companyIds.count else { throw Problem.invalidValue("companyIds", "holds an ID twice") }
    }
}
