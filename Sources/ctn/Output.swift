import CTNModel
import Foundation

/// Prints a response as a readable table (the default) or as JSON.
enum Output {
    static func print(_ v: JSONValue, json: Bool) {
        if json {
            Swift.print(CanonicalJSON.encodeOrdered(v))
            return
        }
        Swift.print(render(v), terminator: "")
    }

    static func scalar(_ v: JSONValue) -> String {
        switch v {
        case .null: return "-"
        case .bool(let b): return b ? "yes" : "no"
        case .number(let d): return CanonicalJSON.number(d)
        case .string(let s): return s
        default: return CanonicalJSON.encodeOrdered(v)
        }
    }

    static func render(_ v: JSONValue) -> String {
        guard case .object(let o) = v else { return scalar(v) + "\n" }
        var out = ""
        let simple = o.pairs.filter {
            if case .array = $0.1 { return false }
            return true
        }
        let width = simple.map(\.0.count).max() ?? 0
        for (k, val) in simple { out += k.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + scalar(val) + "\n" }
        for (k, val) in o.pairs {
            guard case .array(let items) = val else { continue }
            out += "\n\(k) (\(items.count)):\n"
            out += table(items)
        }
        return out
    }

    /// Columns are the union of the objects' keys, in first-seen order.
    static func table(_ items: [JSONValue]) -> String {
        var columns: [String] = []
        for case .object(let o) in items { for k in o.keys where !columns.contains(k) { columns.append(k) } }
        guard !columns.isEmpty else { return items.map { "  " + scalar($0) + "\n" }.joined() }
        let rows = items.map { item in columns.map { scalar(item[$0] ?? .null) } }
        let widths = columns.indices.map { c in max(columns[c].count, rows.map { $0[c].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            "  "
                + cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        return line(columns) + rows.map(line).joined()
    }
}
