import CTNModel
import CTNSimulation

/// The production model of a run document: machines with their powers per state and energy type,
/// products with routings and bills of materials, shifts, switch-off policy, dispatch rule and idle
/// allocation.
extension SimulationDocument {
    static func model(_ r: ValidatedRequest, factors: [String: Double]) throws(Problem) -> ProductionModel {
        try r.only(["machines", "products", "shifts", "switchOff", "dispatch", "idleAllocation"])
        let items = try r.objects("machines")
        guard !items.isEmpty, items.count <= SimulationLimits.maxMachines else {
            throw Problem.invalidValue(r.field("machines"), "1 to \(SimulationLimits.maxMachines) machines")
        }
        var machines: [ProductionModel.Machine] = []
        for m in items {
            let machine = try Self.machine(m, factors: factors)
            guard !machines.contains(where: { $0.id == machine.id }) else {
                throw Problem.invalidValue(m.field("id"), "machine \(machine.id) appears twice")
            }
            if let e = machine.equipmentId, machines.contains(where: { $0.equipmentId == e }) {
                throw Problem.invalidValue(m.field("equipmentId"), "equipment \(e) stands for another machine already")
            }
            machines.append(machine)
        }
        let productItems = try r.objects("products")
        guard !productItems.isEmpty, productItems.count <= SimulationLimits.maxProducts else {
            throw Problem.invalidValue(r.field("products"), "1 to \(SimulationLimits.maxProducts) products")
        }
        var products: [ProductionModel.Product] = []
        for p in productItems {
            try p.only(["id", "routing", "materials"])
            let id = try p.key("id")
            guard !products.contains(where: { $0.id == id }) else {
                throw Problem.invalidValue(p.field("id"), "product \(id) appears twice")
            }
            let steps = try p.objects("routing")
            guard !steps.isEmpty, steps.count <= SimulationLimits.maxSteps else {
                throw Problem.invalidValue(p.field("routing"), "1 to \(SimulationLimits.maxSteps) steps")
            }
            var routing: [ProductionModel.Step] = []
            for s in steps {
                try s.only(["machine", "minutesPerPiece", "setupMinutes"])
                let key = try s.key("machine")
                guard let j = machines.firstIndex(where: { $0.id == key }) else {
                    throw Problem.invalidValue(s.field("machine"), "no machine \(key) in the model")
                }
                routing.append(
                    .init(
                        machine: j, perPiece: try s.minutes("minutesPerPiece", max: 100_000, positive: true),
                        setup: try s.has("setupMinutes") ? s.minutes("setupMinutes", max: 100_000) : 0))
            }
            var materials: [ProductionModel.Material] = []
            for x in try p.optionalObjects("materials") {
                try x.only(["id", "quantityPerPiece", "unit", "co2PerUnit"])
                materials.append(
                    .init(
                        id: try x.key("id"), perPiece: try x.number("quantityPerPiece", from: 0, to: 1e9), unit: try x.key("unit"),
                        co2PerUnit: try x.optionalNumber("co2PerUnit", from: 0, to: 1e9)))
            }
            products.append(.init(id: id, routing: routing, materials: materials))
        }
        var model = ProductionModel(machines: machines, products: products)
        model.shifts = try Self.shifts(r)
        if let s = try r.optionalObject("switchOff") { model.switchOff = try Self.switchOff(s) }
        if let d = try r.optionalString("dispatch") {
            guard let rule = DispatchRule(rawValue: d) else {
                throw Problem.invalidValue(r.field("dispatch"), "one of \(DispatchRule.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            model.dispatch = rule
        }
        if let a = try r.optionalString("idleAllocation") {
            guard let rule = IdleAllocation(rawValue: a) else {
                throw Problem.invalidValue(
                    r.field("idleAllocation"), "one of \(IdleAllocation.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            model.allocation = rule
        }
        return model
    }

    /// One machine: `power` (of `energyType`, electricity by default) and `otherPower` of other energy types.
    static func machine(_ m: ValidatedRequest, factors: [String: Double]) throws(Problem) -> ProductionModel.Machine {
        try m.only(["id", "equipmentId", "power", "powerUnit", "energyType", "otherPower", "costPerHour"])
        let id = try m.key("id")
        let equipment = try m.optionalString("equipmentId")
        if let equipment, ID128(equipment) == nil {
            throw Problem.invalidValue(m.field("equipmentId"), "must be a 128-bit ID (32 lowercase hex digits)")
        }
        var powers = [try Self.power(m, type: try m.optionalString("energyType") ?? "electricity")]
        for o in try m.optionalObjects("otherPower") {
            try o.only(["energyType", "power", "powerUnit"])
            let p = try Self.power(o, type: try o.key("energyType"))
            guard !powers.contains(where: { $0.energyType == p.energyType }) else {
                throw Problem.invalidValue(o.field("energyType"), "machine \(id) states \(p.energyType) twice")
            }
            powers.append(p)
        }
        for (k, p) in powers.enumerated() where factors[p.energyType] == nil {
            throw Problem.invalidValue(
                k == 0 ? m.field("energyType") : m.field("otherPower[\(k - 1)].energyType"),
                "no emission factor for \(p.energyType) (electricityFactor, or factors)")
        }
        return .init(id: id, equipmentId: equipment, power: powers, costPerHour: try m.optionalNumber("costPerHour", from: 0, to: 1e9))
    }

    /// `power: {busy, setup, idle, off?, warmUp?}` with `powerUnit`, in kW.
    static func power(_ m: ValidatedRequest, type: String) throws(Problem) -> ProductionModel.Power {
        let p = try m.object("power")
        try p.only(["busy", "setup", "idle", "off", "warmUp"])
        let unit = try m.string("powerUnit")
        let field = m.field("powerUnit")
        func kW(_ name: String) throws(Problem) -> Double { try SimulationDocument.power(p, name, unit: unit, unitField: field) }
        return .init(
            energyType: type, busy: try kW("busy"), setup: try kW("setup"), idle: try kW("idle"), off: p.has("off") ? try kW("off") : 0,
            warmUp: p.has("warmUp") ? try kW("warmUp") : nil)
    }

    static func shifts(_ r: ValidatedRequest) throws(Problem) -> ShiftCalendar {
        guard let s = try r.optionalObject("shifts") else { return .alwaysOn }
        try s.only(["cycleMinutes", "windows"])
        let cycle = try s.has("cycleMinutes") ? s.minutes("cycleMinutes", positive: true) : 1440 * Ticks.perMinute
        var windows: [ShiftCalendar.Window] = []
        let items = try s.objects("windows")
        guard !items.isEmpty, items.count <= 64 else { throw Problem.invalidValue(s.field("windows"), "1 to 64 windows") }
        for w in items {
            try w.only(["startMinute", "endMinute"])
            let a = try w.minutes("startMinute")
            let b = try w.minutes("endMinute")
            guard b > a, b <= cycle, a >= (windows.last?.end ?? 0) else {
                throw Problem.invalidValue(w.field("endMinute"), "windows must be in order, not overlap, and lie within the cycle")
            }
            windows.append(.init(start: a, end: b))
        }
        return ShiftCalendar(cycle: cycle, windows: windows)
    }

    static func switchOff(_ s: ValidatedRequest) throws(Problem) -> SwitchOff {
        try s.only(["policy", "idleMinutes", "warmUpMinutes"])
        switch try s.string("policy") {
        case "never": return .never
        case "afterLastLot": return .afterLastLot
        case "whenIdle":
            return .whenIdle(after: try s.optionalMinutes("idleMinutes") ?? 0, warmUp: try s.optionalMinutes("warmUpMinutes") ?? 0)
        default: throw Problem.invalidValue(s.field("policy"), "one of never, afterLastLot, whenIdle")
        }
    }

    static func scenarios(_ r: ValidatedRequest, model: ProductionModel, factors: [String: Double]) throws(Problem) -> [Scenario] {
        let items = try r.optionalObjects("scenarios")
        guard items.count <= SimulationLimits.maxScenarios else {
            throw Problem.invalidValue(r.field("scenarios"), "at most \(SimulationLimits.maxScenarios) scenarios")
        }
        var out: [Scenario] = []
        for s in items {
            try s.only(["id", "lotSize", "dispatch", "switchOff", "replace", "electricityFactor"])
            let id = try s.key("id")
            guard id != "base", !out.contains(where: { $0.id == id }) else {
                throw Problem.invalidValue(s.field("id"), "scenario \(id) is taken")
            }
            var scenario = Scenario(id: id)
            scenario.lotSize = try s.optionalNumber("lotSize", from: 1, to: SimulationLimits.maxQuantity, whole: true).map { Int64($0) }
            if let d = try s.optionalString("dispatch") {
                guard let rule = DispatchRule(rawValue: d) else { throw Problem.invalidValue(s.field("dispatch"), "FIFO, SPT or EDD") }
                scenario.dispatch = rule
            }
            if let o = try s.optionalObject("switchOff") { scenario.switchOff = try Self.switchOff(o) }
            if s.has("electricityFactor") { scenario.factors["electricity"] = try s.factor("electricityFactor") }
            for m in try s.optionalObjects("replace") {
                let machine = try Self.machine(m, factors: factors)
                guard let j = model.machines.firstIndex(where: { $0.id == machine.id }) else {
                    throw Problem.invalidValue(m.field("id"), "no machine \(machine.id) in the model to replace")
                }
                scenario.replace[j] = machine
            }
            out.append(scenario)
        }
        return out
    }

    /// The work a run asks for, in lot-steps: the base run's and every scenario's (split lots
    /// included), bounded so that no document makes the node work for long.
    static func checkWork(_ run: SimulationRun, _ scenarios: [Scenario], field: String) throws(Problem) {
        func steps(_ lotSize: Int64?) -> Double {
            run.orders.reduce(0.0) { sum, o in
                let lots = lotSize.map { Double((o.quantity + $0 - 1) / $0) } ?? 1
                return sum + lots * Double(run.model.products[o.product].routing.count)
            }
        }
        var total = steps(nil)
        guard total <= SimulationLimits.maxLotSteps else {
            throw Problem.invalidValue(
                "orders", "\(Int(total)) lot-steps (lots × routing steps); at most \(Int(SimulationLimits.maxLotSteps))")
        }
        for (i, s) in scenarios.enumerated() {
            total += steps(s.lotSize)
            guard total <= SimulationLimits.maxLotStepsWithScenarios else {
                throw Problem.invalidValue(
                    "\(field)[\(i)].lotSize",
                    "the run and its scenarios come to more than \(Int(SimulationLimits.maxLotStepsWithScenarios)) lot-steps")
            }
        }
    }
}
