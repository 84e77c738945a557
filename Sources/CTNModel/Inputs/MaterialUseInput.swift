/// Material Use: a material a lot consumed, either another lot (here or on another node) or a category.
public struct MaterialUseInput: ContractInput {
    public static let contract = ContractID.materialUse
    public static let pathFields = ["lotId"]
    public static let bodyFields = ["materialLotId", "node", "category", "intensitySource", "quantity", "unit", "time"]

    /// What the lot consumed.
    public enum Material: Sendable, Equatable {
        /// A lot of this node.
        case localLot(String)
        /// A lot of another node, whose signed statement this node pulls.
        case remoteLot(String, node: String)
        /// A material category of the dictionaries, at the intensity of `source`.
        case category(String, source: IntensitySource)
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
                detail: "exactly one of 'materialLotId', 'category' must be given", field: "materialLotId")
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
