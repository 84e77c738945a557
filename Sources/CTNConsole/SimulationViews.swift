import CTNModel

/// A simulation's answer as the console shows it: calibration and its fit, machines, lots,
/// products, the what-if comparison as a table and a chart, and the document that applies the run.
public enum SimulationViews {
    static func text(_ v: JSONValue?) -> String { HTML.escape(v.map { $0.stringValue ?? HTML.number($0.numberValue) } ?? "–") }
    static func num(_ v: JSONValue?) -> String { HTML.number(v?.numberValue) }

    /// A fit figure in percent, to two decimals (the fit's own rounding noise is not news).
    static func percent(_ x: Double) -> String { HTML.number((x * 100).rounded() / 100) }

    static func table(_ head: [String], _ rows: [[String]]) -> String {
        var html = "<div class=\"table-wrap\"><table><thead><tr>"
        for h in head { html += "<th scope=\"col\">\(HTML.escape(h))</th>" }
        html += "</tr></thead><tbody>"
        for r in rows {
            html += "<tr>" + r.enumerated().map { $0 == 0 ? "<td>\($1)</td>" : "<td class=\"num\">\($1)</td>" }.joined() + "</tr>"
        }
        return html + "</tbody></table></div>"
    }

    public static func run(_ r: JSONValue) -> String {
        let c = r["calibration"]
        var html = "<h2>Simulated: \(num(r["energyKWh"])) kWh, \(num(r["co2"])) kg-CO2e</h2>"
        html += "<p>Calibration <strong>\(text(c?["status"]))</strong>, factor \(num(c?["factor"]))"
        for m in c?["meters"]?.arrayValue ?? [] {
            let cv = m["cvRMSE"]?.numberValue.map { "\(percent($0)) %" } ?? "n/a (one reading per parameter)"
            html +=
                "; meter \(num(m["meter"])): \(text(m["level"])), \(num(m["readings"])) readings, NMBE \(percent(m["nmbe"]?.numberValue ?? 0)) %, CV(RMSE) \(cv)"
        }
        html += ". Makespan \(num(r["makespanMinutes"])) min, WIP \(num(r["wipAverage"])) lots, \(num(r["throughputPerHour"])) pieces/h"
        if let cost = r["cost"]?.numberValue { html += ", cost \(HTML.number(cost)) \(text(r["currency"]))" }
        html += ", \(num(r["events"])) events.</p>"
        html += "<h3>Machines</h3>"
        html += table(
            ["Machine", "Busy", "Setup", "Warm-up", "Idle", "Off", "kWh", "Utilisation"],
            (r["machines"]?.arrayValue ?? []).map { m in
                let t = m["minutes"]
                return [
                    text(m["machine"]), num(t?["busy"]), num(t?["setup"]), num(t?["warmUp"]), num(t?["idle"]), num(t?["off"]),
                    num(m["energyKWh"]), num(m["utilisation"]),
                ]
            })
        html += "<h3>Lots</h3>"
        html += table(
            ["Product", "Pieces", "Lot", "Lead time (min)", "kWh", "kg-CO2e per piece"],
            (r["orders"]?.arrayValue ?? []).map { o in
                [
                    text(o["product"]), num(o["quantity"]), o["lotId"]?.stringValue.map(HTML.id) ?? "–", num(o["leadTimeMinutes"]),
                    num(o["energyKWh"]), num(o["co2PerPiece"]),
                ]
            })
        html += "<h3>Products</h3>"
        html += table(
            ["Product", "Pieces", "kg-CO2e per piece", "kWh per piece", "Mean lead time (min)"],
            (r["products"]?.arrayValue ?? []).map { p in
                [text(p["product"]), num(p["pieces"]), num(p["co2PerPiece"]), num(p["kWhPerPiece"]), num(p["meanLeadTimeMinutes"])]
            })
        if let scenarios = r["scenarios"]?.arrayValue { html += whatIf(scenarios) }
        for f in r["findings"]?.arrayValue ?? [] {
            html += "<p class=\"finding\"><strong>\(text(f["code"]))</strong>: \(text(f["message"]))</p>"
        }
        if let apply = r["apply"] {
            html +=
                "<h3>Apply to the real lots</h3><p>Only equipment IDs, lot IDs, minutes and intensities; paste it into the form below.</p>"
            html +=
                "<textarea readonly rows=\"4\" class=\"declaration\" aria-label=\"Apply document\">\(HTML.escape(CanonicalJSON.encodeOrdered(apply)))</textarea>"
        }
        for b in r["applyBlocked"]?.arrayValue ?? [] { html += "<p class=\"finding\">Cannot apply: \(text(b))</p>" }
        return html
    }

    /// The scenarios side by side, and their CO2 per piece of each product as a chart.
    static func whatIf(_ scenarios: [JSONValue]) -> String {
        let products = (scenarios.first?["products"]?.arrayValue ?? []).compactMap { $0["product"]?.stringValue }
        var html = "<h3>What-if, at the calibrated powers</h3>"
        html += table(
            ["Scenario", "kWh", "kg-CO2e", "Change", "Makespan", "Mean lead time", "WIP", "Cost"] + products.map { "\($0) kg/piece" },
            scenarios.map { s in
                [
                    text(s["id"]), num(s["energyKWh"]), num(s["co2"]), num(s["co2Change"]), num(s["makespanMinutes"]),
                    num(s["meanLeadTimeMinutes"]), num(s["wipAverage"]), num(s["cost"]),
                ]
                    + products.map { p in num(s["products"]?.arrayValue?.first { $0["product"]?.stringValue == p }?["co2PerPiece"]) }
            })
        var bars: [(label: String, value: Double, kind: String, id: String?)] = []
        for s in scenarios {
            for (k, p) in products.enumerated() {
                let v = s["products"]?.arrayValue?.first { $0["product"]?.stringValue == p }?["co2PerPiece"]?.numberValue ?? 0
                bars.append(("\(s["id"]?.stringValue ?? "") · \(p)", v, k % 2 == 0 ? "process" : "material", nil))
            }
        }
        return html + "<figure><figcaption>kg-CO2e per piece by scenario and product</figcaption>\(Chart.bars(bars))</figure>"
    }

    public static func applied(_ r: JSONValue) -> String {
        var html = "<h2>Applied: \(num(r["uses"])) uses, \(num(r["intensities"])) intensities (\(text(r["calibration"])))</h2><ul>"
        for l in r["lots"]?.arrayValue ?? [] {
            html += "<li>\(HTML.id(l["lotId"]?.stringValue ?? "")): process \(num(l["processCO2"])) kg-CO2e so far</li>"
        }
        return html + "</ul>"
    }
}
