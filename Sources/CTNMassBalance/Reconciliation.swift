/// A batch's declaration checked against itself: outputs against inputs × conversion factor, and
/// (when losses are declared) inputs against outputs + losses, each within the relative tolerance.
public enum Reconciliation {
    /// A batch's figures, in grams.
    public struct Figures: Sendable, Equatable {
        public var inputs: Int64
        public var outputs: Int64
        public var losses: Int64?
        public var factor: Double
        public var tolerance: Double

        public init(inputs: Int64, outputs: Int64, losses: Int64?, factor: Double, tolerance: Double) {
            self.inputs = inputs
            self.outputs = outputs
            self.losses = losses
            self.factor = factor
            self.tolerance = tolerance
        }

        /// Inputs × factor, in grams (rounded to the gram).
        public var expected: Int64 { Grams.clamped(Double(inputs) * factor) }

        /// |outputs − expected| ÷ expected.
        public var gap: Double { expected == 0 ? (outputs == 0 ? 0 : .infinity) : Double(abs(outputs - expected)) / Double(expected) }
    }

    /// The exceptions the figures raise (none: reconciled). A relative gap equal to the tolerance is within it.
    public static func check(_ f: Figures) -> [BatchException] {
        var out: [BatchException] = []
        if f.gap > f.tolerance + 1e-12 {
            out.append(
                BatchException(
                    .outOfTolerance,
                    "outputs \(kg(f.outputs)) kg against inputs × \(f.factor) = \(kg(f.expected)) kg: a gap of \(percent(f.gap)) beyond the tolerance of \(percent(f.tolerance))"
                ))
        }
        if let losses = f.losses {
            let open = abs(f.inputs - f.outputs - losses)
            if f.inputs > 0, Double(open) / Double(f.inputs) > f.tolerance + 1e-12 {
                out.append(
                    BatchException(
                        .massNotClosed,
                        "inputs \(kg(f.inputs)) kg against outputs + losses \(kg(f.outputs + losses)) kg: \(kg(open)) kg unaccounted for"))
            }
        }
        return out
    }

    /// Measured against declared masses of one material: an exception when the gap is beyond the tolerance.
    public static func measured(_ material: String, measured: Int64, declared: Int64, tolerance: Double) -> BatchException? {
        let gap = declared == 0 ? (measured == 0 ? 0 : Double.infinity) : Double(abs(measured - declared)) / Double(declared)
        guard gap > tolerance + 1e-12 else { return nil }
        return BatchException(
            .outOfTolerance,
            "\(material): measured \(kg(measured)) kg against \(kg(declared)) kg declared, a gap of \(percent(gap)) beyond the tolerance of \(percent(tolerance))"
        )
    }

    static func kg(_ g: Int64) -> String { Grams.kilograms(g).formatted() }

    static func percent(_ x: Double) -> String { x.isFinite ? "\((x * 100).formatted()) %" : "∞" }
}

extension Double {
    /// Up to 6 decimals, without trailing zeros.
    func formatted() -> String {
        guard isFinite else { return "\(self)" }
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        var s = String((self * 1e6).rounded() / 1e6)
        if s.contains("e") { return s }
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
