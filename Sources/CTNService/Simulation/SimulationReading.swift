import CTNModel
import CTNSimulation

/// Readers a run document needs beyond the validated request's: strict keys (the CLI reads
/// documents without the node's contract validator), bounded numbers, minutes as ticks, and
/// stated power, energy and factors in kW, kWh and kg-CO2e per kWh.
extension ValidatedRequest {
    /// Refuses any key not in `keys`.
    func only(_ keys: Set<String>) throws(Problem) {
        for key in body.keys.sorted() where !keys.contains(key) { throw Problem.unknownField(field(key)) }
    }

    /// A number from `min` to `max`; whole when asked.
    func number(_ name: String, from min: Double, to max: Double, whole: Bool = false) throws(Problem) -> Double {
        let x = try number(name)
        guard x.isFinite, x >= min, x <= max, !whole || x == x.rounded() else {
            throw Problem.invalidValue(
                field(name),
                "must be \(whole ? "a whole number" : "a number") from \(CanonicalJSON.number(min)) to \(CanonicalJSON.number(max))")
        }
        return x
    }

    func optionalNumber(_ name: String, from min: Double, to max: Double, whole: Bool = false) throws(Problem) -> Double? {
        has(name) ? try number(name, from: min, to: max, whole: whole) : nil
    }

    /// Minutes as ticks (milliseconds).
    func minutes(_ name: String, max: Double = SimulationLimits.maxMinutes, positive: Bool = false) throws(Problem) -> Int64 {
        let m = try number(name, from: 0, to: max)
        guard !positive || m > 0, let t = Ticks.of(minutes: m), !positive || t > 0 else {
            throw Problem.invalidValue(field(name), positive ? "must be more than 0 (at least 1 ms)" : "must not be negative")
        }
        return t
    }

    func optionalMinutes(_ name: String) throws(Problem) -> Int64? { has(name) ? try minutes(name) : nil }

    /// `{"value","unit"}` of energy in kWh.
    func kWh(_ name: String) throws(Problem) -> Double {
        let q = try object(name)
        try q.only(["value", "unit"])
        let value = try q.number("value", from: 0, to: 1e12)
        let unit = try q.string("unit")
        guard let f = SimulationLimits.energyUnits[unit] else {
            throw Problem(
                status: 422, code: "unknown_unit", title: "Unknown unit",
                detail:
                    "'\(q.field("unit"))': \(unit) is not a unit of energy (\(SimulationLimits.energyUnits.keys.sorted().joined(separator: ", ")))",
                field: q.field("unit"))
        }
        return value * f
    }

    /// `{"value","unit"}` of an emission factor in kg-CO2e per kWh.
    func factor(_ name: String) throws(Problem) -> Double {
        let q = try object(name)
        try q.only(["value", "unit"])
        return try q.factorValue()
    }

    func factorValue() throws(Problem) -> Double {
        let value = try number("value", from: 0, to: 1e6)
        let unit = try string("unit")
        guard let f = SimulationLimits.factorUnits[unit] else {
            throw Problem(
                status: 422, code: "unknown_unit", title: "Unknown unit",
                detail:
                    "'\(field("unit"))': \(unit) is not a unit of an energy emission factor (\(SimulationLimits.factorUnits.keys.sorted().joined(separator: ", ")))",
                field: field("unit"))
        }
        guard value * f <= 100 else { throw Problem.invalidValue(field("value"), "more than 100 kg-CO2e per kWh") }
        return value * f
    }

    /// A key of the owner's (machine, product, scenario): 1 to 64 characters.
    func key(_ name: String) throws(Problem) -> String {
        let k = try string(name)
        guard !k.isEmpty, k.utf8.count <= 64 else { throw Problem.invalidValue(field(name), "1 to 64 characters") }
        return k
    }
}
