import CTNCarbon
import CTNModel

/// A site calculation document (`POST /v1/calculations`, `ctn engine calculate FILE`) read into
/// the engine's document: its subject, boundary, sources with the data of each method, Scope 2
/// sources and Monte Carlo settings. Every field that is wrong is named in the problem.
public struct CalculationDocument: Sendable {
    public var site: String
    public var periodStart: Int64
    public var periodEnd: Int64
    public var engine: Calculation.Document
    /// Where the document sits in its request (`calculation.` inside a lock), for problems' fields.
    public var prefix: String

    public init(_ json: JSONValue) throws(Problem) {
        guard let root = json.objectValue else { throw Problem.wrongType("body", expected: "object", got: json.typeName) }
        try self.init(ValidatedRequest(body: root))
    }

    /// Reads the document from a request (or a member of one: fields are named with its prefix).
    public init(_ r: ValidatedRequest) throws(Problem) {
        prefix = r.fieldPrefix
        let site = try r.string("site")
        guard ID128(site) != nil else { throw Problem.invalidValue("site", "must be a 128-bit ID (32 lowercase hex digits)") }
        self.site = site
        let period = try r.object("period")
        let start = try period.timestamp("start")
        let end = try period.timestamp("end")
        guard end > start else { throw Problem.invalidValue(period.field("end"), "must be after \(period.field("start"))") }
        periodStart = start
        periodEnd = end
        let b = try r.object("boundary")
        guard let kind = Boundary.Kind(rawValue: try b.string("kind")) else {
            throw Problem.invalidValue(b.field("kind"), "one of \(Boundary.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let method = try b.optionalString("scope2Method") ?? Boundary.Scope2Method.marketBased.rawValue
        guard let scope2 = Boundary.Scope2Method(rawValue: method) else {
            throw Problem.invalidValue(b.field("scope2Method"), "LOCATION_BASED or MARKET_BASED")
        }
        var sources: [EmissionSource] = []
        var electricity: [ElectricitySource] = []
        var ids: Set<String> = []
        let items = try r.objects("sources")
        guard !items.isEmpty else { throw Problem.missingField(r.field("sources")) }
        for s in items {
            let id = try s.string("id")
            guard !id.isEmpty, id.utf8.count <= 64 else {
                throw Problem.invalidValue(s.field("id"), "a source ID of 1 to 64 bytes")
            }
            guard ids.insert(id).inserted else { throw Problem.invalidValue(s.field("id"), "appears twice") }
            let scope = try s.number("scope")
            guard scope == 1 || scope == 2 || scope == 3 else {
                throw Problem.invalidValue(s.field("scope"), "1, 2 or 3")
            }
            if let energy = try s.quantity("electricity", .energy) {
                electricity.append(
                    ElectricitySource(
                        id: id, energy: energy, locationFactor: try s.requiredQuantity("locationFactor", .electricityFactor),
                        instruments: try s.optionalObjects("instruments").map { i throws(Problem) in
                            Scope2.Instrument(
                                energy: try i.requiredQuantity("energy", .energy),
                                factor: try i.requiredQuantity("factor", .electricityFactor))
                        },
                        residualMix: try s.quantity("residualMixFactor", .electricityFactor)))
                continue
            }
            sources.append(try Self.source(s, id: id, scope: Int(scope), periodEnd: end))
        }
        let mc = try r.optionalObject("monteCarlo")
        let samples = try mc?.optionalNumber("samples") ?? 20_000
        guard samples >= 100, samples <= 200_000, samples == samples.rounded() else {
            throw Problem.invalidValue(r.field("monteCarlo.samples"), "a whole number from 100 to 200000")
        }
        let seed = try mc?.optionalNumber("seed") ?? 1
        guard seed >= 0, seed <= 9_007_199_254_740_991, seed == seed.rounded() else {
            throw Problem.invalidValue(r.field("monteCarlo.seed"), "a whole number from 0 to 2^53 - 1")
        }
        engine = Calculation.Document(
            boundary: Boundary(kind: kind, scope2Method: scope2), sources: sources, electricity: electricity, samples: Int(samples),
            seed: UInt64(seed))
    }

    /// A device is calibrated for the period when it is not marked otherwise and its calibration
    /// does not fall due before the period ends.
    static func calibrated(_ o: ValidatedRequest, periodEnd: Int64) throws(Problem) -> Bool {
        let flag = try o.optionalBool("calibrated") ?? true
        guard let due = try o.optionalTimestamp("calibrationDueAt") else { return flag }
        return flag && due >= periodEnd
    }

    static func source(_ s: ValidatedRequest, id: String, scope: Int, periodEnd: Int64) throws(Problem) -> EmissionSource {
        guard let preferred = EmissionSource.Method(rawValue: try s.string("preferredMethod")) else {
            throw Problem.invalidValue(
                s.field("preferredMethod"), "one of \(EmissionSource.Method.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var source = EmissionSource(id: id, scope: scope, preferred: preferred)
        if let c = try s.optionalObject("cems") {
            let samples = try c.optionalObjects("samples").map { x throws(Problem) in
                let hours = try x.bounded("hours")
                guard hours > 0 else { throw Problem.invalidValue(x.field("hours"), "must be above 0") }
                return CEMS.Sample(
                    hours: hours, flow: try x.requiredQuantity("flow", .flow),
                    concentration: try x.requiredQuantity("concentration", .concentration))
            }
            let expected = try c.bounded("expectedHours")
            guard expected > 0 else {
                throw Problem.invalidValue(c.field("expectedHours"), "must be above 0")
            }
            let threshold = try c.optionalNumber("coverageThreshold") ?? 0.9
            guard (0...1).contains(threshold) else { throw Problem.invalidValue(c.field("coverageThreshold"), "a fraction from 0 to 1") }
            source.cems = .init(
                samples: samples, expectedHours: expected, coverageThreshold: threshold,
                calibrated: try Self.calibrated(c, periodEnd: periodEnd))
        }
        if let f = try s.optionalObject("fuel") {
            let tier = try f.optionalString("tier").map { name throws(Problem) in
                guard let t = EvidenceTier(rawValue: name) else {
                    throw Problem.invalidValue(f.field("tier"), "periodic, declared or default")
                }
                return t
            }
            source.fuel = .init(
                activity: try f.requiredQuantity("activity", .mass), ncv: try f.quantity("ncv", .ncv),
                ef: try f.quantity("ef", .fuelFactor),
                oxidation: try f.quantity("oxidation", .dimensionless) ?? Measured(1), tier: tier ?? .periodic,
                meterCalibrated: try Self.calibrated(f, periodEnd: periodEnd))
        }
        if let m = try s.optionalObject("massBalance") {
            func streams(_ name: String) throws(Problem) -> [MassBalance.Stream] {
                try m.optionalObjects(name).map { x throws(Problem) in
                    MassBalance.Stream(
                        try x.optionalString("stream") ?? name, mass: try x.requiredQuantity("mass", .mass),
                        carbonFraction: try x.requiredQuantity("carbonFraction", .fraction),
                        leavesBoundary: try x.optionalBool("leavesBoundary") ?? false,
                        permanent: try x.optionalBool("permanent") ?? false)
                }
            }
            source.massBalance = MassBalance.Input(
                inputs: try streams("inputs"), outputs: try streams("outputs"), stockChange: try streams("stockChange"),
                captured: try streams("captured"))
        }
        // Method 4: activity in any unit, with the factor in t-CO2e per that unit.
        source.activity = try s.plain("activity")
        source.defaultFactor = try s.plain("defaultFactor")
        return source
    }
}
