import CTNEngine
import CTNModel

/// Stated quantities (`{"value","unit"}`) in the units a room works in: kilograms and tonnes,
/// t-CO2e, MWh and t-CO2e per MWh; a unit that is unknown or of the wrong kind is refused naming its field.
struct StatedUnits {
    let units: UnitConverter

    func convert(_ q: StatedQuantity, to target: String, kind: String) throws(Problem) -> Double {
        guard let dimension = units.dimension(of: q.unit) else {
            throw Problem(
                status: 422, code: "unknown_unit", title: "Unknown unit", detail: "\(q.unit) is not in the unit dictionary",
                field: "\(q.field).unit")
        }
        guard dimension == units.dimension(of: target) else {
            throw Problem(
                status: 422, code: "incompatible_unit", title: "Incompatible unit",
                detail: "\(q.unit) is a unit of \(dimension); \(q.field) takes \(kind)", field: "\(q.field).unit")
        }
        do { return try units.convert(q.value, from: q.unit, to: target) } catch {
            throw Problem.invalidValue("\(q.field).value", error.message)
        }
    }

    func tonnes(_ q: StatedQuantity) throws(Problem) -> Double { try convert(q, to: "t", kind: "a mass (t, kg)") }
    func co2e(_ q: StatedQuantity) throws(Problem) -> Double { try convert(q, to: "t-CO2e", kind: "emissions (t-CO2e, kg-CO2e)") }
    func mwh(_ q: StatedQuantity) throws(Problem) -> Double { try convert(q, to: "MWh", kind: "energy (MWh, kWh, GJ)") }

    /// An emission factor of electricity in t-CO2e per MWh.
    func perMWh(_ q: StatedQuantity) throws(Problem) -> Double {
        do {
            return try units.intensity(q.value, unit: q.unit, perActivityUnit: "MWh") / 1000
        } catch {
            throw Problem(status: 422, code: error.code, title: "Incompatible unit", detail: error.message, field: "\(q.field).unit")
        }
    }
}
