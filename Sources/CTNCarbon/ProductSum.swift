/// A model that is a signed sum of products of uncertain inputs (every method of the engine, and
/// their total, has this form), for Monte Carlo: value = Σ cᵢ × Π inputs of term i.
struct ProductSum: Sendable {
    private(set) var inputs: [Measured] = []
    private(set) var terms: [(coefficient: Double, factors: [Int])] = []

    mutating func add(_ coefficient: Double, _ factors: [Measured]) {
        let start = inputs.count
        inputs += factors
        terms.append((coefficient, Array(start..<inputs.count)))
    }

    mutating func add(_ other: ProductSum) {
        let offset = inputs.count
        inputs += other.inputs
        terms += other.terms.map { ($0.coefficient, $0.factors.map { $0 + offset }) }
    }

    /// The value at the inputs' own values.
    var value: Double { evaluate(inputs.map(\.value)) }

    func evaluate(_ draw: [Double]) -> Double {
        terms.reduce(0) { sum, term in sum + term.coefficient * term.factors.reduce(1) { $0 * draw[$1] } }
    }
}
