import CTNModel
import CTNSimulation

/// A run document (`POST /v1/simulation/runs`, `ctn simulate run FILE`) read into the simulation's
/// run: the model, the period's lots, the horizon, the meters, the factors and prices, and the
/// what-if scenarios. Every field that is wrong is named; the owner's keys are only read here.
public struct SimulationDocument: Sendable {
    public var run: SimulationRun
    public var scenarios: [Scenario]
    /// When minute 0 is (needed to apply the run to real lots).
    public var startTime: Int64?
    public var currency: String?

    static let keys: Set<String> = [
        "model", "horizonMinutes", "startTime", "orders", "meters", "electricityFactor", "factors", "prices", "scenarios",
    ]

    public init(_ json: JSONValue) throws(Problem) {
        guard let root = json.objectValue else { throw Problem.wrongType("body", expected: "an object", got: json.typeName) }
        try self.init(ValidatedRequest(body: root))
    }

    public init(_ r: ValidatedRequest) throws(Problem) {
        try r.only(Self.keys)
        let horizon = try r.minutes("horizonMinutes", positive: true)
        startTime = try r.optionalTimestamp("startTime")
        var factors = ["electricity": try r.factor("electricityFactor")]
        for f in try r.optionalObjects("factors") {
            try f.only(["energyType", "value", "unit"])
            let type = try f.key("energyType")
            guard factors[type] == nil else { throw Problem.invalidValue(f.field("energyType"), "\(type) has a factor already") }
            factors[type] = try f.factorValue()
        }
        let model = try Self.model(try r.object("model"), factors: factors)
        var prices: [String: Double] = [:]
        if let p = try r.optionalObject("prices") {
            try p.only(["currency", "energy"])
            currency = try p.optionalString("currency")
            if let c = currency, c.utf8.count != 3 || !c.allSatisfy({ $0.isUppercase && $0.isASCII }) {
                throw Problem.invalidValue(p.field("currency"), "an ISO 4217 code (three capital letters)")
            }
            for e in try p.optionalObjects("energy") {
                try e.only(["energyType", "perKWh"])
                let type = try e.key("energyType")
                guard factors[type] != nil else {
                    throw Problem.invalidValue(e.field("energyType"), "\(type) is not an energy type of the run (it has no factor)")
                }
                guard prices[type] == nil else { throw Problem.invalidValue(e.field("energyType"), "\(type) has a price already") }
                prices[type] = try e.number("perKWh", from: 0, to: 1e6)
            }
        }
        let orders = try Self.orders(r, model: model, horizon: horizon)
        let meters = try Self.meters(r, model: model, horizon: horizon)
        run = SimulationRun(model: model, orders: orders, horizon: horizon, meters: meters, factors: factors, prices: prices)
        scenarios = try Self.scenarios(r, model: model, factors: factors)
        try Self.checkWork(run, scenarios, field: r.field("scenarios"))
    }

    static func orders(_ r: ValidatedRequest, model: ProductionModel, horizon: Int64) throws(Problem) -> [Order] {
        let items = try r.objects("orders")
        guard !items.isEmpty, items.count <= SimulationLimits.maxOrders else {
            throw Problem.invalidValue(r.field("orders"), "1 to \(SimulationLimits.maxOrders) lots")
        }
        var orders: [Order] = []
        var lots: Set<String> = []
        for (i, o) in items.enumerated() {
            try o.only(["product", "quantity", "releaseMinute", "dueMinute", "lotId"])
            let key = try o.key("product")
            guard let product = model.products.firstIndex(where: { $0.id == key }) else {
                throw Problem.invalidValue(o.field("product"), "no product \(key) in the model")
            }
            let lotId = try o.optionalString("lotId")
            if let lotId {
                guard ID128(lotId) != nil else {
                    throw Problem.invalidValue(o.field("lotId"), "must be a 128-bit ID (32 lowercase hex digits)")
                }
                guard lots.insert(lotId).inserted else { throw Problem.invalidValue(o.field("lotId"), "lot \(lotId) appears twice") }
            }
            orders.append(
                Order(
                    product: product, quantity: Int64(try o.number("quantity", from: 1, to: SimulationLimits.maxQuantity, whole: true)),
                    release: try o.minutes("releaseMinute"), due: try o.optionalMinutes("dueMinute"), lotId: lotId, origin: i))
        }
        return orders
    }

    static func meters(_ r: ValidatedRequest, model: ProductionModel, horizon: Int64) throws(Problem) -> [Meter] {
        let items = try r.optionalObjects("meters")
        guard items.count <= SimulationLimits.maxMeters else {
            throw Problem.invalidValue(r.field("meters"), "at most \(SimulationLimits.maxMeters) meters")
        }
        var meters: [Meter] = []
        var covered: [String: Int] = [:]
        for (k, m) in items.enumerated() {
            try m.only(["machines", "energy", "readings", "energyType", "baseLoad"])
            let type = try m.optionalString("energyType") ?? "electricity"
            let keys = try m.strings("machines")
            guard !keys.isEmpty, keys.count <= SimulationLimits.maxMeterMachines else {
                throw Problem.invalidValue(m.field("machines"), "1 to \(SimulationLimits.maxMeterMachines) machines")
            }
            var machines: [Int] = []
            for (i, key) in keys.enumerated() {
                guard let j = model.machines.firstIndex(where: { $0.id == key }) else {
                    throw Problem.invalidValue(m.field("machines[\(i)]"), "no machine \(key) in the model")
                }
                guard model.machines[j].power.contains(where: { $0.energyType == type }) else {
                    throw Problem.invalidValue(m.field("machines[\(i)]"), "machine \(key) draws no \(type)")
                }
                if let other = covered["\(type)|\(key)"] {
                    throw Problem.invalidValue(m.field("machines[\(i)]"), "machine \(key) is covered by meter \(other) already")
                }
                covered["\(type)|\(key)"] = k
                machines.append(j)
            }
            guard m.has("energy") != m.has("readings") else {
                throw Problem.invalidValue(m.field("energy"), "give either energy or readings")
            }
            var readings: [Meter.Reading] = []
            if m.has("energy") {
                readings = [Meter.Reading(from: 0, to: horizon, kWh: try m.kWh("energy"))]
            } else {
                let list = try m.objects("readings")
                guard !list.isEmpty, list.count <= SimulationLimits.maxReadings else {
                    throw Problem.invalidValue(m.field("readings"), "1 to \(SimulationLimits.maxReadings) readings")
                }
                for x in list {
                    try x.only(["fromMinute", "toMinute", "energy"])
                    let from = try x.minutes("fromMinute")
                    let to = try x.minutes("toMinute")
                    guard to > from, to <= horizon else {
                        throw Problem.invalidValue(x.field("toMinute"), "must be after fromMinute and within the horizon")
                    }
                    // A meter's readings are intervals of its register: in time order, not overlapping.
                    guard from >= readings.last?.to ?? 0 else {
                        throw Problem.invalidValue(x.field("fromMinute"), "readings must be in time order and must not overlap")
                    }
                    readings.append(Meter.Reading(from: from, to: to, kWh: try x.kWh("energy")))
                }
            }
            var base = 0.0
            if let b = try m.optionalObject("baseLoad") {
                try b.only(["value", "unit"])
                base = try Self.power(b, "value", unit: try b.string("unit"), unitField: b.field("unit"))
            }
            meters.append(Meter(machines: machines, energyType: type, readings: readings, baseLoad: base))
        }
        return meters
    }

    /// A power stated in `unit`, in kW.
    static func power(_ r: ValidatedRequest, _ name: String, unit: String, unitField: String) throws(Problem) -> Double {
        guard let f = SimulationLimits.powerUnits[unit] else {
            throw Problem(
                status: 422, code: "unknown_unit", title: "Unknown unit",
                detail: "'\(unitField)': \(unit) is not a unit of power (W, kW, MW)",
                field: unitField)
        }
        return try r.number(name, from: 0, to: 1e9) * f
    }
}
