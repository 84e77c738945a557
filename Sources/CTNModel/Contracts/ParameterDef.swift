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
    /// For an object: the contract whose body parameters are its items (`itemsFrom`), resolved
    /// when the definitions are loaded together.
    public var itemsFrom: String?
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
        guard let n = v["name"]?.stringValue, let t = v["type"]?.stringValue, let k = Kind(rawValue: t) ?? (t == "quantity" ? .object : nil)
        else {
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
        itemsFrom = v["itemsFrom"]?.stringValue
        if t == "quantity" { items = Self.quantityItems }
        maxItems = v["maxItems"]?.numberValue.map { Int($0) }
        allowed = v["enum"]?.arrayValue?.compactMap(\.stringValue)
        nullable = v["nullable"] == .bool(true)
        if let t = v["itemType"]?.stringValue {
            guard let k = Kind(rawValue: t), k != .array, k != .object else { throw ConfigError("parameter \(n): invalid itemType \(t)") }
            itemKind = k
        }
    }
}

extension ParameterDef {
    /// The members of a measured quantity (`"type": "quantity"`): `{"value", "unit"?, "u"?, "k"?}`,
    /// `u` a relative standard uncertainty stated at coverage factor `k`.
    public static let quantityItems: [ParameterDef] = [
        ParameterDef(
            name: "value", kind: .number, required: true, description: "The quantity's value, in 'unit'.", minimum: -1e15,
            maximum: 1e15),
        ParameterDef(
            name: "unit", kind: .string, description: "Its unit (each quantity names the units it takes); none for a fraction.",
            maxLength: 32),
        ParameterDef(
            name: "u", kind: .number, description: "Relative standard uncertainty at coverage factor 'k' (0.02 = 2 %).", minimum: 0,
            maximum: 10),
        ParameterDef(
            name: "k", kind: .number, description: "Coverage factor 'u' is stated at (default 1; 2 is about 95 %).", minimum: 1,
            maximum: 4),
    ]

    init(
        name: String, kind: Kind, required: Bool = false, description: String, minimum: Double? = nil, maximum: Double? = nil,
        maxLength: Int? = nil
    ) {
        self.name = name
        self.kind = kind
        self.required = required
        self.description = description
        self.minimum = minimum
        self.exclusiveMinimum = false
        self.maximum = maximum
        self.maxLength = maxLength
    }
}
