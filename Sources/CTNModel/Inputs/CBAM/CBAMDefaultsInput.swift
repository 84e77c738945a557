/// CBAM Default Values: a CN code and a country of origin, at a date.
public struct CBAMDefaultsInput: ContractInput {
    public static let contract = ContractID.cbamDefaults
    public static let queryFields = ["cn", "country", "at"]
    public var cn: String
    public var country: String
    public var at: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        guard let cn = request.path["cn"], CBAMCode.valid(cn) else { throw Problem.invalidValue("cn", "give a CN code of 4 to 8 digits") }
        guard let country = request.path["country"], CBAMCode.country(country) else {
            throw Problem.invalidValue("country", "give an ISO 3166 alpha-2 country code (two capital letters)")
        }
        self.cn = cn
        self.country = country
        at = try request.queryTimestamp("at")
    }
}
