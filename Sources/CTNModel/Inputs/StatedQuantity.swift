/// A quantity as a request states it, `{"value","unit"}` (a mass of the mass balance, an activity
/// level or emissions of a CBAM report), with the field it came from, for problems; its dimension
/// is checked where the unit dictionary is at hand.
public struct StatedQuantity: Sendable, Equatable {
    public var value: Double
    public var unit: String
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

    public static func optional(_ request: ValidatedRequest, _ name: String) throws(Problem) -> StatedQuantity? {
        request.has(name) ? try StatedQuantity(request, name) : nil
    }
}
