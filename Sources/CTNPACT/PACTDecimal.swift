import Foundation

/// PACT's decimal strings: no exponent, no leading dot, at most 15 significant digits (what a
/// double holds), trailing zeros dropped: 0.693 → "0.693", 1e-7 → "0.0000001", 2.5e20 → "250000000000000000000".
public enum PACTDecimal {
    public static func string(_ d: Double) -> String {
        guard d.isFinite else { return "0" }
        if d == 0 { return "0" }
        let magnitude = abs(d)
        let exponent = Int(Foundation.log10(magnitude).rounded(.down))
        let decimals = max(0, 14 - exponent)
        var text = String(format: "%.\(min(decimals, 40))f", d)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
