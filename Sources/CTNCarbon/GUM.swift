import Foundation

/// First-order propagation of uncertainty (GUM, JCGM 100): relative uncertainties add in
/// quadrature for a product of independent factors, absolute ones for a sum of independent terms,
/// and linearly for terms that share one error source (fully correlated).
public enum GUM {
    /// The product of independent factors.
    public static func product(_ factors: [Measured]) -> Measured {
        let value = factors.reduce(1) { $0 * $1.value }
        let u = factors.reduce(0) { $0 + $1.u * $1.u }.squareRoot()
        return Measured(value, u: u)
    }

    /// The sum of independent terms.
    public static func sum(_ terms: [Measured]) -> Measured {
        let value = terms.reduce(0) { $0 + $1.value }
        let absolute = terms.reduce(0) { $0 + $1.absolute * $1.absolute }.squareRoot()
        return Measured(value, u: value == 0 ? 0 : absolute / abs(value))
    }

    /// The sum of terms whose errors come from one source (the same analyser, the same factor).
    public static func correlatedSum(_ terms: [Measured]) -> Measured {
        let value = terms.reduce(0) { $0 + $1.value }
        let absolute = terms.reduce(0) { $0 + $1.absolute }
        return Measured(value, u: value == 0 ? 0 : absolute / abs(value))
    }
}
