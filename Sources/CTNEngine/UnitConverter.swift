import CTNModel

/// Unit conversion through the loaded dictionaries. Converting a unit to itself returns the value
/// untouched, so that a calculation in the units it was registered in carries no conversion error.
public struct UnitConverter: Sendable {
    public let dictionaries: Dictionaries
    public static let co2Base = "kg-CO2e"

    public init(_ dictionaries: Dictionaries) { self.dictionaries = dictionaries }

    public func convert(_ value: Double, from: String, to: String) throws(EngineError) -> Double {
        if from == to { return value }
        guard let f = dictionaries.unit(from) else { throw EngineError("unknown_unit", "'\(from)' is not a known unit") }
        guard let t = dictionaries.unit(to) else { throw EngineError("unknown_unit", "'\(to)' is not a known unit") }
        guard f.dimension == t.dimension else {
            throw EngineError("incompatible_unit", "'\(from)' (\(f.dimension)) cannot be converted to '\(to)' (\(t.dimension))")
        }
        if f.symbol == t.symbol { return value }
        return try Engine.finite(value * f.factor / t.factor, "\(CanonicalJSON.number(value)) \(from) in \(to)")
    }

    public func sameDimension(_ a: String, _ b: String) -> Bool {
        guard let x = dictionaries.unit(a), let y = dictionaries.unit(b) else { return false }
        return x.dimension == y.dimension
    }

    public func dimension(of unit: String) -> String? { dictionaries.unit(unit)?.dimension }

    /// Converts an intensity such as `0.251 kg-CO2e/min` into kg-CO2e per `activityUnit`.
    public func intensity(_ value: Double, unit: String, perActivityUnit activityUnit: String) throws(EngineError) -> Double {
        guard let r = dictionaries.rate(unit) else { throw EngineError("unknown_unit", "'\(unit)' is not of the form '<unit>/<unit>'") }
        guard r.numerator.dimension == "co2e" else {
            throw EngineError("incompatible_unit", "'\(unit)' must be an emission per activity (for example kg-CO2e/min)")
        }
        let perNumerator = try convert(value, from: r.numerator.symbol, to: Self.co2Base)
        // value per denominator → value per activity unit: multiply by (activity unit in denominator units).
        let perActivity = try convert(1, from: activityUnit, to: r.denominator.symbol)
        return perActivity == 1 ? perNumerator : try Engine.finite(perNumerator * perActivity, "the intensity per \(activityUnit)")
    }
}
