import CTNModel

/// The answers the console shows as they are (not as a page to come back to): a certification's
/// checks and certificate, a category's statistics as a chart. Markup built here escapes all text.
public enum ResultViews {
    public static func certification(_ answer: JSONValue) -> String {
        var html = "<h2>Certification</h2>"
        let checks = answer["checks"]?.arrayValue ?? []
        let passed = checks.filter { $0["ok"] == .bool(true) }.count
        html += "<p><strong>\(passed) of \(checks.count) checks hold.</strong>"
        if let cfp = answer["co2PerUnit"]?.numberValue { html += " CFP reproduced: \(HTML.escape(HTML.number(cfp))) kg-CO2e per unit." }
        html +=
            "</p><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Check</th><th scope=\"col\">Result</th><th scope=\"col\">Detail</th></tr></thead><tbody>"
        for c in checks {
            let ok = c["ok"] == .bool(true)
            html += "<tr><td>\(HTML.escape(c["check"]?.stringValue ?? ""))</td>"
            html += "<td class=\"\(ok ? "check-ok" : "check-bad")\">\(ok ? "✓ holds" : "✗ fails")</td>"
            html += "<td>\(HTML.escape(c["detail"]?.stringValue ?? ""))</td></tr>"
        }
        html += "</tbody></table></div>"
        if let certificate = answer["certificate"]?.stringValue {
            html +=
                "<h3>Certificate</h3><p class=\"help\">Give it to the lot's owner to attach; anyone verifies it with your node's key.</p>"
            html += "<textarea readonly rows=\"4\" aria-label=\"Certificate\">\(HTML.escape(certificate))</textarea>"
        }
        return html
    }

    public static func statistics(_ answer: JSONValue) -> String {
        let category = HTML.escape(answer["category"]?.stringValue ?? "")
        guard answer["available"] == .bool(true) else {
            let count = HTML.number(answer["count"]?.numberValue ?? 0)
            return
                "<h2>\(category)</h2><p>Not available yet: statistics are published from 5 contributing businesses (\(count) contributions so far).</p>"
        }
        var bars: [(label: String, value: Double, kind: String, id: String?)] = []
        for key in ["p10", "median", "mean", "p90"] {
            if let v = answer[key]?.numberValue { bars.append((key, v, key == "mean" ? "process" : "material", nil)) }
        }
        var html = "<h2>\(category)</h2><p>\(HTML.number(answer["count"]?.numberValue)) contributions from "
        html +=
            "\(HTML.number(answer["contributors"]?.numberValue)) businesses (\(HTML.escape(answer["view"]?.stringValue ?? "published")) view), kg-CO2e per category unit.</p>"
        return html + Chart.bars(bars)
    }
}

extension ResultViews {
    /// What an energy report produced: emissions per energy type and each machine's new intensity.
    public static func energyReport(_ answer: JSONValue) -> String {
        var html = "<h2>Energy report \(HTML.id(answer["energyReportId"]?.stringValue ?? ""))</h2><div class=\"table-wrap\"><table>"
        html +=
            "<thead><tr><th scope=\"col\">Equipment</th><th scope=\"col\">CO2 allocated (kg-CO2e)</th><th scope=\"col\">Intensity registered</th><th scope=\"col\">Version</th></tr></thead><tbody>"
        for e in answer["equipment"]?.arrayValue ?? [] {
            html +=
                "<tr><td>\(HTML.id(e["equipmentId"]?.stringValue ?? ""))</td><td class=\"num\">\(HTML.number(e["co2"]?.numberValue))</td>"
            html +=
                "<td class=\"num intensity\">\(HTML.number(e["intensity"]?.numberValue)) \(HTML.escape(e["unit"]?.stringValue ?? ""))</td>"
            html += "<td class=\"num\">\(HTML.number(e["version"]?.numberValue))</td></tr>"
        }
        html += "</tbody></table></div><p class=\"help\">Emissions: "
        html += (answer["emissions"]?.arrayValue ?? []).map {
            "\(HTML.escape($0["type"]?.stringValue ?? "")) \(HTML.number($0["co2"]?.numberValue)) kg-CO2e"
        }
        .joined(separator: "; ")
        return html + "</p>"
    }
}
