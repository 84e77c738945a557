/// Material Use: a material a lot consumed, either another lot (here or on another node) or a category.
public struct MaterialUseInput: ContractInput {
    public static let contract = ContractID.materialUse
    public static let pathFields = ["lotId"]
    public static let bodyFields = [
        "materialLotId", "node", "category", "intensitySource", "pactFootprintId", "supplier", "quantity", "unit", "time",
    ]

    /// What the lot consumed.
    public enum Material: Sendable, Equatable {
        /// A lot of this node.
        case localLot(String)
        /// A lot of another node, whose signed statement this node pulls.
        case remoteLot(String, node: String)
        /// A material category of the dictionaries, at the intensity of `source`.
        case category(String, source: IntensitySource)
        /// A product footprint served by a supplier's PACT host that the tenant registered.
        case pact(footprintId: String, supplier: String)
    }

    public var lotId: String
    public var material: Material
    public var quantity: Double
    public var unit: String
    public var time: Int64?

    /// `nodeId` is this node's ID: a `node` naming it means a local lot.
    public init(_ request: ValidatedRequest) throws(Problem) {
        lotId = try request.pathValue("lotId")
        quantity = try request.number("quantity")
        unit = try request.string("unit")
        time = try request.optionalTimestamp("time")
        let materialLot = try request.optionalString("materialLotId")
        let category = try request.optionalString("category")
        let node = try request.optionalString("node")
        let source = try request.optionalString("intensitySource")
        let footprint = try request.optionalString("pactFootprintId")
        let supplier = try request.optionalString("supplier")
        if let footprint {
            guard materialLot == nil, category == nil else {
                throw Problem(
                    status: 400, code: "conflicting_fields", title: "Conflicting fields",
                    detail: "exactly one of 'materialLotId', 'category', 'pactFootprintId' must be given", field: "pactFootprintId")
            }
            guard let supplier else { throw Problem.missingField("supplier") }
            guard node == nil, source == nil else {
                throw Problem.invalidValue(node != nil ? "node" : "intensitySource", "does not go with 'pactFootprintId'")
            }
            guard PACTUUID.isUUID(footprint.lowercased()) else { throw Problem.invalidValue("pactFootprintId", "must be a UUID") }
            material = .pact(footprintId: footprint.lowercased(), supplier: supplier)
            return
        }
        guard supplier == nil else { throw Problem.invalidValue("supplier", "goes with 'pactFootprintId'") }
        switch (materialLot, category) {
        case (let lot?, nil):
            guard source == nil else {
                throw Problem.invalidValue("intensitySource", "goes with 'category', not with 'materialLotId'")
            }
            material = node.map { .remoteLot(lot, node: $0) } ?? .localLot(lot)
        case (nil, let category?):
            guard node == nil else { throw Problem.invalidValue("node", "goes with 'materialLotId', not with 'category'") }
            guard let parsed = IntensitySource(rawValue: source ?? IntensitySource.dictionary.rawValue) else {
                throw Problem.invalidValue("intensitySource", "must be one of 'dictionary', 'network'")
            }
            material = .category(category, source: parsed)
        case (nil, nil):
            throw Problem(
                status: 400, code: "missing_field", title: "Missing field",
                detail: "exactly one of 'materialLotId', 'category', 'pactFootprintId' must be given", field: "materialLotId")
        case (_?, _?):
            throw Problem(
                status: 400, code: "conflicting_fields", title: "Conflicting fields",
                detail: "exactly one of 'materialLotId', 'category' must be given", field: "category")
        }
    }

    /// The same input with a `node` that names this node read as a local lot.
    public func resolvingNode(_ nodeId: String) -> MaterialUseInput {
        var copy = self
        if case .remoteLot(let lot, let node) = material, node == nodeId { copy.material = .localLot(lot) }
        return copy
    }
}
