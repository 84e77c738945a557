import CTNCarbon
import CTNModel

/// Reads a calculation document's quantities, `{"value", "unit"?, "u"?, "k"?}`, into the engine's
/// units (t, MWh, GJ/t, kg-CO2/GJ, t-CO2e/MWh, Nm³/h, kg/Nm³), naming the field of anything wrong.
struct QuantityReader {
    /// A kind of quantity: the units it may be given in and each one's factor to the engine's unit.
    enum Kind {
        case mass, energy, ncv, fuelFactor, electricityFactor, flow, concentration, fraction, dimensionless, hours

        var units: [String: Double] {
            switch self {
            case .mass: ["t": 1, "kg": 0.001, "g": 1e-6]
            case .energy: ["MWh": 1, "kWh": 0.001, "GWh": 1000, "GJ": 1 / 3.6]
            case .ncv: ["GJ/t": 1, "MJ/kg": 1, "TJ/kt": 1]
            case .fuelFactor: ["kg-CO2/GJ": 1, "t-CO2/TJ": 1, "kg-CO2e/GJ": 1, "t-CO2e/TJ": 1]
            case .electricityFactor:
                ["t-CO2/MWh": 1, "kg-CO2/kWh": 1, "t-CO2e/MWh": 1, "kg-CO2e/kWh": 1, "g-CO2/kWh": 0.001, "g-CO2e/kWh": 0.001]
            case .flow: ["Nm3/h": 1]
            case .concentration: ["kg/Nm3": 1, "g/Nm3": 0.001, "mg/Nm3": 1e-6]
            case .fraction, .dimensionless: ["": 1, "1": 1]
            case .hours: ["h": 1]
            }
        }
    }

    let object: JSONObject
    let path: String

    func field(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    func object(_ name: String) throws(Problem) -> QuantityReader? {
        guard let value = object[name], value != .null else { return nil }
        guard let o = value.objectValue else { throw Problem.wrongType(field(name), expected: "object", got: value.typeName) }
        return QuantityReader(object: o, path: field(name))
    }

    func requiredObject(_ name: String) throws(Problem) -> QuantityReader {
        guard let o = try object(name) else { throw Problem.missingField(field(name)) }
        return o
    }

    func objects(_ name: String) throws(Problem) -> [QuantityReader] {
        guard let value = object[name], value != .null else { return [] }
        guard let items = value.arrayValue else { throw Problem.wrongType(field(name), expected: "array", got: value.typeName) }
        var readers: [QuantityReader] = []
        for (i, item) in items.enumerated() {
            guard let o = item.objectValue else { throw Problem.wrongType("\(field(name))[\(i)]", expected: "object", got: item.typeName) }
            readers.append(QuantityReader(object: o, path: "\(field(name))[\(i)]"))
        }
        return readers
    }

    func string(_ name: String) throws(Problem) -> String? {
        guard let value = object[name], value != .null else { return nil }
        guard let s = value.stringValue else { throw Problem.wrongType(field(name), expected: "string", got: value.typeName) }
        return s
    }

    func number(_ name: String) throws(Problem) -> Double? {
        guard let value = object[name], value != .null else { return nil }
        guard let d = value.numberValue else { throw Problem.wrongType(field(name), expected: "number", got: value.typeName) }
        guard d.isFinite, d == 0 || d.magnitude >= Double.leastNormalMagnitude, d.magnitude <= 1e15 else {
            throw Problem.invalidValue(field(name), "must be a finite number of at most 10^15")
        }
        return d
    }

    func bool(_ name: String) throws(Problem) -> Bool? {
        guard let value = object[name], value != .null else { return nil }
        guard let b = value.boolValue else { throw Problem.wrongType(field(name), expected: "boolean", got: value.typeName) }
        return b
    }

    /// The quantity `name` of `kind`, converted, or nil when absent.
    func quantity(_ name: String, _ kind: Kind) throws(Problem) -> Measured? {
        guard let q = try object(name) else { return nil }
        guard let value = try q.number("value") else { throw Problem.missingField(q.field("value")) }
        let unit = try q.string("unit") ?? ""
        guard let factor = kind.units[unit] else {
            let known = kind.units.keys.filter { !$0.isEmpty }.sorted().joined(separator: ", ")
            throw Problem(
                status: 422, code: "unknown_unit", title: "Unknown unit",
                detail: "'\(q.field("unit"))': '\(unit)' is not a unit for this quantity\(known.isEmpty ? "" : " (\(known))")",
                field: q.field("unit"))
        }
        let u = try q.number("u") ?? 0
        let k = try q.number("k") ?? 1
        guard u >= 0, u <= 10 else { throw Problem.invalidValue(q.field("u"), "a relative uncertainty from 0 to 10") }
        guard k >= 1, k <= 4 else { throw Problem.invalidValue(q.field("k"), "a coverage factor from 1 to 4") }
        if kind == .fraction, !(0...1).contains(value) { throw Problem.invalidValue(q.field("value"), "a fraction from 0 to 1") }
        if kind != .fraction, kind != .dimensionless, value < 0, name != "mass" {
            throw Problem.invalidValue(q.field("value"), "may not be negative")
        }
        return Measured(value * factor, u: u, k: k)
    }

    func requiredQuantity(_ name: String, _ kind: Kind) throws(Problem) -> Measured {
        guard let q = try quantity(name, kind) else { throw Problem.missingField(field(name)) }
        return q
    }
}
