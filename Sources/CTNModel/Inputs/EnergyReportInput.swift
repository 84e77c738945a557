/// Energy Report: one period's energy consumption and each equipment's operating time, from which
/// the engine derives the equipment's intensities.
public struct EnergyReportInput: ContractInput {
    public static let contract = ContractID.energyReport
    public static let bodyFields = ["periodStart", "periodEnd", "validFrom", "energy", "equipment"]
    /// The fields of each item of `energy` and of `equipment`.
    public static let energyFields = ["type", "consumption", "unit", "emissionFactor", "emissionFactorUnit"]
    public static let equipmentFields = ["equipmentId", "operatingTime", "unit", "performance"]
    public static let performanceFields = ["type", "value", "unit"]

    /// One energy type consumed in the period, with the emission factor the report gives (if any).
    public struct Energy: Sendable, Equatable {
        public var type: String
        public var consumption: Double
        public var unit: String
        /// Both or neither: a factor and its unit given in the report.
        public var emissionFactor: (value: Double, unit: String)?

        public static func == (a: Energy, b: Energy) -> Bool {
            a.type == b.type && a.consumption == b.consumption && a.unit == b.unit
                && a.emissionFactor?.value == b.emissionFactor?.value && a.emissionFactor?.unit == b.emissionFactor?.unit
        }
    }

    /// One equipment's operating time in the period and its energy performance per energy type.
    public struct Equipment: Sendable, Equatable {
        public var equipmentId: String
        public var operatingTime: Double
        public var unit: String
        public var performance: [Performance]
    }

    /// Energy drawn per unit of operating time, for one energy type.
    public struct Performance: Sendable, Equatable {
        public var type: String
        public var value: Double
        public var unit: String
    }

    public var periodStart: Int64
    public var periodEnd: Int64
    public var validFrom: Int64?
    public var energy: [Energy]
    public var equipment: [Equipment]
    /// The body as received: the report the ledger keeps.
    public var body: JSONObject

    public init(_ request: ValidatedRequest) throws(Problem) {
        body = request.body
        periodStart = try request.timestamp("periodStart")
        periodEnd = try request.timestamp("periodEnd")
        validFrom = try request.optionalTimestamp("validFrom")
        guard periodEnd > periodStart else { throw Problem.invalidValue("periodEnd", "must be after periodStart") }
        energy = []
        for item in try request.objects("energy") {
            let type = try item.string("type")
            guard !energy.contains(where: { $0.type == type }) else {
                throw Problem.invalidValue(item.field("type"), "appears twice in the report")
            }
            let factor = try item.optionalNumber("emissionFactor")
            let factorUnit = try item.optionalString("emissionFactorUnit")
            let given: (Double, String)?
            switch (factor, factorUnit) {
            case let (value?, unit?): given = (value, unit)
            case (nil, nil): given = nil
            case (nil, _?): throw Problem.missingField(item.field("emissionFactor"))
            case (_?, nil): throw Problem.missingField(item.field("emissionFactorUnit"))
            }
            energy.append(
                Energy(
                    type: type,
                    consumption: try item.number("consumption"),
                    unit: try item.string("unit"),
                    emissionFactor: given))
        }
        equipment = []
        for item in try request.objects("equipment") {
            let id = try item.string("equipmentId")
            guard !equipment.contains(where: { $0.equipmentId == id }) else {
                throw Problem.invalidValue(item.field("equipmentId"), "appears twice in the report")
            }
            var performance: [Performance] = []
            if item.has("performance") {
                for line in try item.objects("performance") {
                    performance.append(
                        Performance(
                            type: try line.string("type"),
                            value: try line.number("value"),
                            unit: try line.string("unit")))
                }
            }
            equipment.append(
                Equipment(
                    equipmentId: id,
                    operatingTime: try item.number("operatingTime"),
                    unit: try item.string("unit"),
                    performance: performance))
        }
    }
}
