/// CBAM Period Report: an installation's processes in a period, as stated (units converted by the room).
public struct CBAMReportInput: ContractInput {
    public static let contract = ContractID.cbamReport
    public static let bodyFields = ["installation", "period", "processes"]

    /// A precursor as stated: a process of the report, or a purchased good.
    public struct Precursor: Sendable, Equatable {
        public var process: String?
        public var cn: String?
        public var country: String?
        public var see: (direct: Double, indirect: Double)?
        public var mass: StatedQuantity
        public var field: String

        public static func == (a: Precursor, b: Precursor) -> Bool {
            a.process == b.process && a.cn == b.cn && a.country == b.country && a.see?.direct == b.see?.direct
                && a.see?.indirect == b.see?.indirect && a.mass == b.mass && a.field == b.field
        }
    }

    /// A process as stated.
    public struct Process: Sendable, Equatable {
        public var id: String
        public var goods: [String]
        public var activityLevel: StatedQuantity
        public var directEmissions: StatedQuantity?
        public var method: String?
        public var calculationId: String?
        public var electricityConsumed: StatedQuantity
        public var electricityFactor: StatedQuantity
        /// heatImported, heatExported, wasteGasImported, wasteGasExported, electricityExported, as given.
        public var flows: [String: StatedQuantity]
        public var precursors: [Precursor]
        public var field: String
    }

    public static let flowNames = ["heatImported", "heatExported", "wasteGasImported", "wasteGasExported", "electricityExported"]

    public var installation: String
    /// The body as filed: kept with the results, so that a verifier can replay it.
    public var document: JSONObject
    public var periodStart: Int64
    public var periodEnd: Int64
    public var processes: [Process]

    public init(_ request: ValidatedRequest) throws(Problem) {
        installation = try request.string("installation")
        document = request.body
        let period = try request.object("period")
        periodStart = try period.timestamp("start")
        periodEnd = try period.timestamp("end")
        guard periodStart < periodEnd else { throw Problem.invalidValue("period.end", "must be after the period's start") }
        var list: [Process] = []
        for p in try request.objects("processes") {
            let id = try MaterialCode.check(try p.string("id"), field: p.field("id"))
            guard !list.contains(where: { $0.id == id }) else { throw Problem.invalidValue(p.field("id"), "process \(id) appears twice") }
            var goods: [String] = []
            for g in try p.objects("goods") {
                let cn = try g.string("cn")
                guard CBAMCode.valid(cn) else { throw Problem.invalidValue(g.field("cn"), "must be a CN code of 4 to 8 digits") }
                goods.append(cn)
            }
            let direct = try p.optionalObject("directEmissions")
            let calculation = try p.optionalString("calculationId")
            guard (direct == nil) != (calculation == nil) else {
                throw Problem.invalidValue(p.field("directEmissions"), "give either directEmissions or calculationId")
            }
            var flows: [String: StatedQuantity] = [:]
            for name in Self.flowNames { flows[name] = try StatedQuantity.optional(p, name) }
            var precursors: [Precursor] = []
            for q in try p.optionalObjects("precursors") {
                let process = try q.optionalString("process")
                let bought = try q.optionalObject("purchased")
                guard (process == nil) != (bought == nil) else {
                    throw Problem.invalidValue(q.field("process"), "give either process or purchased")
                }
                var pre = Precursor(
                    process: process, cn: nil, country: nil, see: nil, mass: try StatedQuantity(q, "mass"), field: q.field("mass"))
                if let bought {
                    let cn = try bought.string("cn")
                    guard CBAMCode.valid(cn) else { throw Problem.invalidValue(bought.field("cn"), "must be a CN code of 4 to 8 digits") }
                    let country = try bought.string("country")
                    guard CBAMCode.country(country) else {
                        throw Problem.invalidValue(bought.field("country"), "must be an ISO 3166 alpha-2 code (two capital letters)")
                    }
                    pre.cn = cn
                    pre.country = country
                    if let see = try bought.optionalObject("see") {
                        pre.see = (try see.number("direct"), try see.optionalNumber("indirect") ?? 0)
                    }
                }
                precursors.append(pre)
            }
            list.append(
                Process(
                    id: id, goods: goods, activityLevel: try StatedQuantity(p, "activityLevel"),
                    directEmissions: try StatedQuantity.optional(p, "directEmissions"), method: try direct?.optionalString("method"),
                    calculationId: calculation, electricityConsumed: try StatedQuantity(p, "electricityConsumed"),
                    electricityFactor: try StatedQuantity(p, "electricityFactor"), flows: flows, precursors: precursors, field: p.field(""))
            )
        }
        processes = list
    }
}
