/// A mass as the mass-balance contracts take it: `{"value", "unit"}` (the unit's dimension is
/// checked where the unit dictionary is at hand).
public struct MassQuantity: Sendable, Equatable {
    public var value: Double
    public var unit: String
    /// Where it sits in the request (`inputs[0].mass`), for problems.
    public var field: String

    public init(value: Double, unit: String, field: String) {
        self.value = value
        self.unit = unit
        self.field = field
    }

    public init(_ request: ValidatedRequest, _ name: String) throws(Problem) {
        let o = try request.object(name)
        self.init(value: try o.number("value"), unit: try o.string("unit"), field: request.field(name))
    }

    public static func optional(_ request: ValidatedRequest, _ name: String) throws(Problem) -> MassQuantity? {
        request.has(name) ? try MassQuantity(request, name) : nil
    }

    public var json: JSONValue { ["value": .number(value), "unit": .string(unit)] }
}
