/// Equipment Registration: a new piece of equipment and the unit its activity is measured in.
public struct EquipmentRegistrationInput: ContractInput {
    public static let contract = ContractID.equipmentRegistration
    public static let bodyFields = ["activityUnit"]
    public var activityUnit: String

    public init(_ request: ValidatedRequest) throws(Problem) {
        activityUnit = try request.string("activityUnit")
    }
}
