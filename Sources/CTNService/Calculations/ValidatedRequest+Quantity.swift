import CTNCarbon
import CTNModel

/// Quantities of a calculation document, `{"value", "unit"?, "u"?, "k"?}`, read into the engine's
/// units with their uncertainty at k = 1; every field that is wrong is named.
extension ValidatedRequest {
    /// The quantity `name` of `kind`, converted, or nil when absent.
    func quantity(_ name: String, _ kind: QuantityKind) throws(Problem) -> Measured? {
        guard let q = try optionalObject(name) else { return nil }
        let value = try q.bounded("value")
        let unit = try q.optionalString("unit") ?? ""
        guard let factor = kind.units[unit] else {
            let known = kind.units.keys.filter { !$0.isEmpty }.sorted().joined(separator: ", ")
            throw Problem(
                status: 422, code: "unknown_unit", title: "Unknown unit",
                detail: "'\(q.field("unit"))': '\(unit)' is not a unit for this quantity\(known.isEmpty ? "" : " (\(known))")",
                field: q.field("unit"))
        }
        let u = try q.has("u") ? q.bounded("u") : 0
        let k = try q.has("k") ? q.bounded("k") : 1
        guard u >= 0, u <= 10 else { throw Problem.invalidValue(q.field("u"), "a relative uncertainty from 0 to 10") }
        guard k >= 1, k <= 4 else { throw Problem.invalidValue(q.field("k"), "a coverage factor from 1 to 4") }
        if kind == .fraction, !(0...1).contains(value) { throw Problem.invalidValue(q.field("value"), "a fraction from 0 to 1") }
        // Only a mass may be negative (a stock that went down); the mass balance checks the others.
        if kind != .fraction, kind != .dimensionless, value < 0, name != "mass" {
            throw Problem.invalidValue(q.field("value"), "may not be negative")
        }
        return Measured(value * factor, u: u, k: k)
    }

    func requiredQuantity(_ name: String, _ kind: QuantityKind) throws(Problem) -> Measured {
        guard let q = try quantity(name, kind) else { throw Problem.missingField(field(name)) }
        return q
    }

    /// A number of a document no contract definition bounds: at most 10^15 and not subnormal.
    func bounded(_ name: String) throws(Problem) -> Double {
        let d = try number(name)
        guard d == 0 || d.magnitude >= Double.leastNormalMagnitude, d.magnitude <= 1e15 else {
            throw Problem.invalidValue(field(name), "must be a number of at most 10^15")
        }
        return d
    }

    /// A plain `{"value", "u"?, "k"?}` in whatever unit the document chose (method 4's activity and factor).
    func plain(_ name: String) throws(Problem) -> Measured? {
        guard let q = try optionalObject(name) else { return nil }
        return Measured(try q.bounded("value"), u: try q.has("u") ? q.bounded("u") : 0, k: try q.has("k") ? q.bounded("k") : 1)
    }
}
