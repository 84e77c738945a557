import ArgumentParser
import CTNModel
import Foundation

/// Pieces of the client commands' requests: bodies without the options not given, query strings,
/// masses typed as "120 t".
enum RequestParts {
    /// The body without the options not given.
    static func compact(_ o: JSONObject) -> JSONObject {
        var out = JSONObject()
        for (k, v) in o.pairs where v != .null { out[k] = v }
        return out
    }

    /// `?a=1&b=2` of the items given, percent-encoded, in name order; "" when none is.
    static func query(_ items: [String: String?]) -> String {
        let pairs = items.compactMap { k, v in v.map { "\(k)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" } }
            .sorted()
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }

    /// `120 t`, `500kg`: a mass as the contracts take it.
    static func mass(_ text: String) throws -> JSONValue {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let split = t.firstIndex(where: { !"0123456789.-+eE".contains($0) }), let value = Double(t[..<split]) else {
            throw ValidationError("\(text): a mass is a number and a unit, as '120 t' or '500 kg'")
        }
        return ["value": .number(value), "unit": .string(t[split...].trimmingCharacters(in: .whitespaces))]
    }
}
