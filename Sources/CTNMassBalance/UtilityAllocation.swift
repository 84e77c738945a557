/// How a utility attestation shares a time slice's consumption among batches. The method is
/// stored with the attestation, so an auditor can re-run it.
public enum UtilityAllocation {
    /// The allocation rules.
    public enum Method: String, Sendable, CaseIterable {
        /// In proportion to each batch's declared output mass.
        case outputMass = "output-mass"
        /// In proportion to each batch's time inside the attested window.
        case timeWeighted = "time-weighted"
        /// The same to every batch.
        case equal
    }

    /// A batch as the allocation sees it.
    public struct Batch: Sendable {
        public var outputGrams: Int64
        public var start: Int64
        public var end: Int64
        public init(outputGrams: Int64, start: Int64, end: Int64) {
            self.outputGrams = outputGrams
            self.start = start
            self.end = end
        }
    }

    /// Each batch's share (adding up to 1), or nil when the method has nothing to weigh (no
    /// output, or no batch inside the window).
    public static func shares(_ batches: [Batch], method: Method, window: (start: Int64, end: Int64)) -> [Double]? {
        let weights: [Double]
        switch method {
        case .outputMass: weights = batches.map { Double($0.outputGrams) }
        case .timeWeighted: weights = batches.map { Double(max(0, min($0.end, window.end) - max($0.start, window.start))) }
        case .equal: weights = batches.map { _ in 1 }
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { return nil }
        return weights.map { $0 / total }
    }
}
