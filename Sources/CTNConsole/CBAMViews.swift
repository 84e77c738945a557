import CTNModel

/// The CBAM answers as the console shows them: a default value, a report's goods, a verification's
/// checks, the importer's year.
public enum CBAMViews {
    static func text(_ v: JSONValue?) -> String { HTML.escape(v?.stringValue ?? "–") }
    static func num(_ v: JSONValue?) -> String { HTML.number(v?.numberValue) }

    /// The operator's installations.
    public static func installations(_ r: JSONValue) -> String {
        let list = r["installations"]?.arrayValue ?? []
        guard !list.isEmpty else { return "<h2>Installations</h2><p>None yet: register one.</p>" }
        var html = "<h2>Installations</h2><ul>"
        for i in list {
            html +=
                "<li>\(text(i["name"])) (\(text(i["unlocode"])), \(text(i["country"]))): \(HTML.id(i["installationId"]?.stringValue ?? ""))</li>"
        }
        return html + "</ul>"
    }

    public static func defaults(_ r: JSONValue) -> String {
        var html =
            "<h2>CN \(text(r["cn"])) from \(text(r["country"])): \(num(r["direct"])) direct, \(num(r["indirect"])) indirect t-CO2e/t</h2>"
        if let note = r["note"]?.stringValue { html += "<p>\(HTML.escape(note))</p>" }
        html += "<p>\(text(r["source"])), in force from \(text(r["validFrom"])).</p><ul>"
        for m in r["markups"]?.arrayValue ?? [] {
            html += "<li>\(num(m["year"])): +\(HTML.number((m["rate"]?.numberValue ?? 0) * 100)) %, \(num(m["total"])) t-CO2e/t</li>"
        }
        return html + "</ul>"
    }

    /// A report (filed, or read back): every good with its SEE, default share and tier, and the findings.
    public static func report(_ r: JSONValue) -> String {
        var html = "<h2>Report \(HTML.id(r["reportId"]?.stringValue ?? ""))"
        if r["verified"] == .bool(true) { html += " <span class=\"check-ok\">✓ verified</span>" }
        html +=
            "</h2><p>Period \(text(r["period"]?["start"])) to \(text(r["period"]?["end"])) · content hash <code>\(text(r["contentHash"]))</code></p>"
        html +=
            "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Process</th><th scope=\"col\">CN</th><th scope=\"col\">Direct</th>"
        html +=
            "<th scope=\"col\">Indirect</th><th scope=\"col\">Counted</th><th scope=\"col\">On defaults</th><th scope=\"col\">Tier</th></tr></thead><tbody>"
        for g in r["goods"]?.arrayValue ?? [] {
            html += "<tr><td>\(text(g["process"]))</td><td>\(text(g["cn"]))</td><td class=\"num\">\(num(g["see"]?["direct"]))</td>"
            html +=
                "<td class=\"num\">\(num(g["see"]?["indirect"]))</td><td class=\"num\">\(num(g["see"]?["counted"])) (\(text(g["see"]?["countedIs"])))</td>"
            html += "<td class=\"num\">\(HTML.number((g["defaultShare"]?.numberValue ?? 0) * 100)) %</td><td>\(text(g["tier"]))</td></tr>"
        }
        html += "</tbody></table></div><p>SEE in t-CO2e per tonne of good.</p>"
        let findings = r["findings"]?.arrayValue ?? []
        if !findings.isEmpty {
            html += "<h3>Findings</h3><ul class=\"findings\">"
            for f in findings { html += "<li><strong>\(text(f["severity"])) \(text(f["code"]))</strong>: \(text(f["message"]))</li>" }
            html += "</ul>"
        }
        return html
    }

    public static func verification(_ r: JSONValue) -> String {
        var html =
            "<h2>Verification \(HTML.id(r["verificationId"]?.stringValue ?? "")) of report \(HTML.id(r["reportId"]?.stringValue ?? ""))</h2><ul>"
        for c in r["checks"]?.arrayValue ?? [] {
            html += "<li class=\"\(c["ok"] == .bool(true) ? "check-ok" : "check-bad")\">\(text(c["check"])): \(text(c["found"]))</li>"
        }
        html += "</ul><p>Give the statement to the operator, who attaches it:</p>"
        return html
            + "<textarea readonly rows=\"4\" class=\"declaration\" aria-label=\"Verification\">\(text(r["verification"]))</textarea>"
    }

    public static func imports(_ r: JSONValue) -> String {
        var html = "<h2>Imports of \(num(r["year"])): \(num(r["total"]?["counted"])) t-CO2e embedded</h2>"
        html +=
            "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Installation</th><th scope=\"col\">CN</th><th scope=\"col\">Tonnes</th>"
        html +=
            "<th scope=\"col\">Basis</th><th scope=\"col\">Embedded (t-CO2e)</th><th scope=\"col\">Carbon price deductible</th></tr></thead><tbody>"
        for i in r["imports"]?.arrayValue ?? [] {
            let place = i["installation"]?["name"]?.stringValue ?? i["installation"]?["installationId"]?.stringValue ?? ""
            let price = i["carbonPriceDeductible"].flatMap { $0 == .null ? nil : "\(num($0["value"])) \(text($0["currency"]))" } ?? "–"
            html += "<tr><td>\(HTML.escape(place))</td><td>\(text(i["cn"]))</td><td class=\"num\">\(num(i["mass"]?["value"]))</td>"
            html += "<td>\(text(i["basis"]))</td><td class=\"num\">\(num(i["embedded"]?["counted"]))</td><td>\(price)</td></tr>"
        }
        return html + "</tbody></table></div>"
    }
}
