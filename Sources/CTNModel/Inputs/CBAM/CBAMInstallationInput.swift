/// CBAM Installation Registration: what importers and the registry need to know of an installation.
public struct CBAMInstallationInput: ContractInput {
    public static let contract = ContractID.cbamInstallation
    public static let bodyFields = ["name", "address", "country", "unlocode", "latitude", "longitude", "registryId"]
    public var name: String
    public var address: String
    public var country: String
    public var unlocode: String
    public var latitude: Double
    public var longitude: Double
    public var registryId: String?

    public init(_ request: ValidatedRequest) throws(Problem) {
        name = try request.string("name").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw Problem.invalidValue("name", "must not be empty") }
        address = try request.string("address")
        country = try request.string("country")
        guard CBAMCode.country(country) else {
            throw Problem.invalidValue("country", "must be an ISO 3166 alpha-2 code (two capital letters)")
        }
        unlocode = try request.string("unlocode")
        guard CBAMCode.unlocode(unlocode, country: country) else {
            throw Problem.invalidValue(
                "unlocode", "must be a UN/LOCODE of \(country): five capital letters or digits 2-9, starting with \(country)")
        }
        latitude = try request.number("latitude")
        longitude = try request.number("longitude")
        registryId = try request.optionalString("registryId")
    }
}
