/// A material and a mass: a batch's output, or a measured counter.
public struct MaterialMass: Sendable, Equatable {
    public var material: String
    public var mass: StatedQuantity

    public init(material: String, mass: StatedQuantity) {
        self.material = material
        self.mass = mass
    }

    public static func list(_ request: ValidatedRequest, _ name: String) throws(Problem) -> [MaterialMass] {
        var out: [MaterialMass] = []
        for item in try request.objects(name) {
            out.append(
                MaterialMass(
                    material: try MaterialCode.check(try item.string("material"), field: item.field("material")),
                    mass: try StatedQuantity(item, "mass")))
        }
        return out
    }
}
