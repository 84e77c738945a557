/// Simulation Apply: a simulated period's intensity versions and Equipment Uses of real lots.
public struct SimulationApplyInput: ContractInput {
    public static let contract = ContractID.simulationApply
    public static let bodyFields = ["periodStart", "periodEnd", "calibration", "intensities", "uses"]

    /// An intensity version of the period.
    public struct Intensity: Sendable, Equatable {
        public var equipmentId: String
        public var intensity: Double
        public var unit: String
        public var validFrom: Int64
        public var field: String
    }

    /// An Equipment Use of a real lot.
    public struct Use: Sendable, Equatable {
        public var lotId: String
        public var equipmentId: String
        public var activity: Double
        public var unit: String
        public var time: Int64
        public var activitySource: String
        public var field: String
    }

    public var periodStart: Int64
    public var periodEnd: Int64
    public var calibration: String
    public var intensities: [Intensity]
    public var uses: [Use]

    public init(_ request: ValidatedRequest) throws(Problem) {
        periodStart = try request.timestamp("periodStart")
        periodEnd = try request.timestamp("periodEnd")
        guard periodEnd > periodStart else { throw Problem.invalidValue("periodEnd", "must be after periodStart") }
        calibration = try request.string("calibration")
        let start = periodStart
        let end = periodEnd
        func inPeriod(_ t: Int64, _ field: String) throws(Problem) {
            guard t >= start, t <= end else { throw Problem.invalidValue(field, "must lie within the period") }
        }
        var last: [String: Int64] = [:]
        intensities = []
        for i in try request.objects("intensities") {
            let x = Intensity(
                equipmentId: try i.string("equipmentId"), intensity: try i.number("intensity"), unit: try i.string("unit"),
                validFrom: try i.timestamp("validFrom"), field: i.field("validFrom"))
            try inPeriod(x.validFrom, x.field)
            if let before = last[x.equipmentId], before >= x.validFrom {
                throw Problem.invalidValue(x.field, "intensities of equipment \(x.equipmentId) must be in time order")
            }
            last[x.equipmentId] = x.validFrom
            intensities.append(x)
        }
        uses = []
        for u in try request.objects("uses") {
            let x = Use(
                lotId: try u.string("lotId"), equipmentId: try u.string("equipmentId"), activity: try u.number("activity"),
                unit: try u.string("unit"), time: try u.timestamp("time"), activitySource: try u.string("activitySource"),
                field: u.field("time"))
            try inPeriod(x.time, x.field)
            uses.append(x)
        }
        guard !uses.isEmpty else { throw Problem.invalidValue("uses", "must hold at least one use") }
    }
}
