/// One parameter of a contract, as written in `Contracts/*.json`.
public struct ParameterDef: Sendable {
    /// The types a contract parameter can have.
    public enum Kind: String, Sendable {
        case id128, number, integer, string, boolean, unit, timestamp, business, nodeId, category, energyType, array, object
    }
    public var name: String
    public var kind: Kind
    public var required: Bool
    public var description: String
    /// For numbers: the lower bound and whether it is excluded.
    public var minimum: Double?
    public var exclusiveMinimum: Bool
    public var maximum: Double?
    /// For units: which kind of unit (`quantity`, `rate`).
    public var unitKind: String?
    /// The physical meaning of a number's unit, for the reference (`kg-CO2e`, `per declared unit`...).
    public var unitNote: String?
    public var maxLength: Int?
    /// For arrays of objects and for objects.
    public var items: [ParameterDef]?
    public var maxItems: Int?
    /// For strings: the only values accepted.
    public var allowed: [String]?
    /// For arrays of scalars: the items' type (then `allowed` applies to each item).
    public var itemKind: Kind?
    /// Whether JSON `null` is a value this parameter takes (it means "not given"); otherwise `null`
    /// is refused as the wrong type.
    public var nullable: Bool = false

    /// What a value of this parameter is, as problems name it.
    public var expected: String {
        switch kind {
        case .number: return "a number"
        case .integer: return "an integer"
        case .boolean: return "a boolean"
        case .array: return "an array"
        case .object: return "an object"
        default: return "a string"
        }
    }
}

extension ParameterDef {
    public init(json v: JSONValue) throws {
        guard let n = v["name"]?.stringValue, let t = v["type"]?.stringValue, let k = Kind(rawValue: t) else {
            throw ConfigError("parameter without a valid name or type: \(CanonicalJSON.encode(v))")
        }
        name = n
        kind = k
        required = v["required"] == .bool(true)
        description = v["description"]?.stringValue ?? ""
        minimum = v["minimum"]?.numberValue
        exclusiveMinimum = v["exclusiveMinimum"] == .bool(true)
        maximum = v["maximum"]?.numberValue
        unitKind = v["unitKind"]?.stringValue
        unitNote = v["unit"]?.stringValue
        maxLength = v["maxLength"]?.numberValue.map { Int($0) }
        items = try (v["items"]?.arrayValue).map { try $0.map(ParameterDef.init(json:)) }
        maxItems = v["maxItems"]?.numberValue.map { Int($0) }
        allowed = v["enum"]?.arrayValue?.compactMap(\.stringValue)
        nullable = v["nullable"] == .bool(true)
        if let t = v["itemType"]?.stringValue {
            guard let k = Kind(rawValue: t), k != .array, k != .object else { throw ConfigError("parameter \(n): invalid itemType \(t)") }
            itemKind = k
        }
    }
}
