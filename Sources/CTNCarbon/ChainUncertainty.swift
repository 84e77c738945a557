/// How a lot's CFP uncertainty is formed from its parts: contributions that rest on the same
/// source (the same equipment intensity, the same supplier lot, the same locked site period) share
/// its error and add linearly; different sources are independent and add in quadrature.
public enum ChainUncertainty {
    /// One part of a lot's CO2: its value (kg or t, all parts alike), its relative standard
    /// uncertainty and the source its error comes from.
    public struct Part: Sendable, Equatable {
        public var value: Double
        public var u: Double
        public var source: String
        public init(value: Double, u: Double, source: String) {
            self.value = value
            self.u = u
            self.source = source
        }
    }

    /// The total of the parts with its relative standard uncertainty.
    public static func combine(_ parts: [Part]) -> Measured {
        var bySource: [String: Double] = [:]
        var order: [String] = []
        for part in parts {
            if bySource[part.source] == nil { order.append(part.source) }
            bySource[part.source, default: 0] += abs(part.value) * part.u
        }
        let total = parts.reduce(0) { $0 + $1.value }
        // Sum in a fixed order (first appearance), so that the same parts give the same bits.
        let variance = order.reduce(0) { sum, source in
            let a = bySource[source] ?? 0
            return sum + a * a
        }
        return Measured(total, u: total == 0 ? 0 : variance.squareRoot() / abs(total))
    }
}
