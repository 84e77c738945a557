/// Equipment Intensity Registration: a new version of an equipment's emission intensity.
public struct IntensityRegistrationInput: ContractInput {
    public static let contract = ContractID.equipmentIntensityRegistration
    public static let pathFields = ["equipmentId"]
    public static let bodyFields = ["intensity", "unit", "validFrom"]
    public var equipmentId: String
    public var intensity: Double
    public var unit: String
    public var validFrom: Int64?

    public init(_ request: ValidatedRequest) throws(Problem) {
        equipmentId = try request.pathValue("equipmentId")
        intensity = try request.number("intensity")
        unit = try request.string("unit")
        validFrom = try request.optionalTimestamp("validFrom")
    }
}
