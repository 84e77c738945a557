/// One line of a batch or correction that names a pool: a material, certified or conventional,
/// the scheme and claim of a certified one, and a mass.
public struct PoolLine: Sendable, Equatable {
    public var material: String
    public var pool: String
    public var scheme: String
    public var claim: String
    public var mass: StatedQuantity

    public init(material: String, pool: String, scheme: String = "", claim: String = "", mass: StatedQuantity) {
        self.material = material
        self.pool = pool
        self.scheme = scheme
        self.claim = claim
        self.mass = mass
    }

    /// Reads the lines of `name`: a certified line must name its scheme, a conventional one neither scheme nor claim.
    /// `allowEmpty`: an empty array is no lines (a correction without adjustments), not a refusal.
    public static func lines(_ request: ValidatedRequest, _ name: String, allowEmpty: Bool = false) throws(Problem) -> [PoolLine] {
        var out: [PoolLine] = []
        for item in try allowEmpty ? request.optionalObjects(name) : request.objects(name) {
            let pool = try item.string("pool")
            let (scheme, claim) = try Self.scheme(item, certified: pool == "certified")
            out.append(
                PoolLine(
                    material: try MaterialCode.check(try item.string("material"), field: item.field("material")), pool: pool,
                    scheme: scheme,
                    claim: claim, mass: try StatedQuantity(item, "mass")))
        }
        return out
    }

    /// The scheme and claim of a request (a line, a receipt, a dispatch): required scheme for a
    /// certified pool, none for a conventional one.
    public static func scheme(_ r: ValidatedRequest, certified: Bool, required: Bool = true) throws(Problem) -> (String, String) {
        let scheme = try r.optionalString("scheme").map { s throws(Problem) in
            try MaterialCode.check(s, field: r.field("scheme"), spaces: true)
        }
        let claim = try r.optionalString("claim").map { s throws(Problem) in
            try MaterialCode.check(s, field: r.field("claim"), spaces: true)
        }
        if certified {
            if required, scheme == nil { throw Problem.invalidValue(r.field("scheme"), "is required for a certified pool") }
        } else if scheme != nil || claim != nil {
            throw Problem.invalidValue(r.field(scheme != nil ? "scheme" : "claim"), "applies to certified pools only")
        }
        return (scheme ?? "", claim ?? "")
    }
}
