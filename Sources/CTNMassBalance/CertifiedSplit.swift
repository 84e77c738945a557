/// The certified share of a batch's inputs carried to its outputs: per scheme and claim, the
/// certified input times the conversion factor (rounded down to the gram), never more in all than
/// the outputs, shared among the outputs in proportion to their masses. The rest of each output
/// is conventional.
public enum CertifiedSplit {
    /// A certified input or credit: grams under a scheme and claim.
    public struct Share: Sendable, Equatable {
        public var scheme: String
        public var claim: String
        public var grams: Int64
        public init(scheme: String, claim: String, grams: Int64) {
            self.scheme = scheme
            self.claim = claim
            self.grams = grams
        }
    }

    /// One output's credits: certified per scheme and claim, and the conventional rest.
    public struct Output: Sendable, Equatable {
        public var material: String
        public var certified: [Share]
        public var conventional: Int64
    }

    /// `inputs`: certified grams per scheme and claim (one entry each); `outputs`: grams per output material.
    public static func split(certified inputs: [Share], factor: Double, outputs: [(material: String, grams: Int64)]) -> [Output] {
        let total = outputs.reduce(Int64(0)) { $0 + $1.grams }
        var credits = inputs.map { Share(scheme: $0.scheme, claim: $0.claim, grams: Grams.scaled($0.grams, by: factor)) }
        let credited = credits.reduce(Int64(0)) { $0 + $1.grams }
        if credited > total, credited > 0 {
            // More certified than came out: each scheme's credit scaled down to the outputs.
            let ratio = Double(total) / Double(credited)
            for i in credits.indices { credits[i].grams = Grams.scaled(credits[i].grams, by: ratio) }
        }
        var result = outputs.map { Output(material: $0.material, certified: [], conventional: $0.grams) }
        guard total > 0 else { return result }
        for credit in credits where credit.grams > 0 {
            var given: Int64 = 0
            var parts = [Int64](repeating: 0, count: outputs.count)
            for (j, o) in outputs.enumerated() {
                parts[j] = min(Grams.scaled(credit.grams, by: Double(o.grams) / Double(total)), result[j].conventional)
                given += parts[j]
            }
            // What rounding left goes to the outputs with room, largest room first.
            var rest = credit.grams - given
            for j in result.indices.sorted(by: { result[$0].conventional - parts[$0] > result[$1].conventional - parts[$1] }) where rest > 0
            {
                let add = min(rest, result[j].conventional - parts[j])
                parts[j] += add
                rest -= add
            }
            for j in result.indices where parts[j] > 0 {
                result[j].certified.append(Share(scheme: credit.scheme, claim: credit.claim, grams: parts[j]))
                result[j].conventional -= parts[j]
            }
        }
        return result
    }
}
