import Foundation

/// Escaping for the markup the console builds itself (charts, the trace tree).
enum HTML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// An ID as the `id` template shows it (console.js puts the owner's name in).
    static func id(_ s: String) -> String {
        let e = escape(s)
        return "<span class=\"ctn-id\" data-id=\"\(e)\" title=\"\(e)\">\(e)</span>"
    }

    /// A number for people: up to 6 significant digits, no exponent for everyday magnitudes.
    static func number(_ d: Double?) -> String {
        guard let d, d.isFinite else { return "–" }
        if d == 0 { return "0" }
        let magnitude = abs(d)
        if magnitude >= 1e-4, magnitude < 1e12 {
            let digits = max(0, 5 - Int((magnitude).log10Floor))
            var text = String(format: "%.\(min(digits, 10))f", d)
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text
        }
        return String(format: "%.5g", d)
    }
}

extension Double {
    var log10Floor: Double { (Foundation.log10(self)).rounded(.down) }
}
