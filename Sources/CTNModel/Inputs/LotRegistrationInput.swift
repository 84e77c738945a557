/// Lot Registration: a new lot and the unit its CFP is declared per.
public struct LotRegistrationInput: ContractInput {
    public static let contract = ContractID.lotRegistration
    public static let bodyFields = ["declaredUnit"]
    public var declaredUnit: String

    public init(_ request: ValidatedRequest) throws(Problem) {
        declaredUnit = try request.string("declaredUnit")
    }
}
