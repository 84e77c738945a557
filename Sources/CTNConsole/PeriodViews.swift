import CTNModel

/// The site carbon engine's answers as the console shows them: a calculation's totals,
/// components and findings; a locked snapshot and its intensities; a restatement's diff.
public enum PeriodViews {
    public static func calculation(_ r: JSONValue) -> String {
        func t(_ q: JSONValue?) -> String {
            "\(HTML.number(q?["value"]?.numberValue)) t-CO2e ± \(HTML.number((q?["u"]?.numberValue ?? 0) * 100)) %"
        }
        var html = "<h2>Site \(HTML.id(r["site"]?.stringValue ?? "")): \(HTML.escape(t(r["total"])))</h2>"
        html += "<p>Scope 1 \(HTML.escape(t(r["scope1"]))) · Scope 2 location-based \(HTML.escape(t(r["scope2"]?["locationBased"])))"
        html +=
            " · market-based \(HTML.escape(t(r["scope2"]?["marketBased"]))) (headline \(HTML.escape(r["scope2"]?["headline"]?.stringValue ?? "")))"
        html += " · Monte Carlo check \(HTML.escape(r["mcCheck"]?["status"]?.stringValue ?? "")) (k = 2)</p>"
        html +=
            "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Method</th><th scope=\"col\">Why</th>"
        html += "<th scope=\"col\">t-CO2e</th><th scope=\"col\">u (k = 2)</th><th scope=\"col\">Tier</th></tr></thead><tbody>"
        for c in r["components"]?.arrayValue ?? [] {
            html += "<tr><td>\(HTML.escape(c["source"]?.stringValue ?? ""))</td><td>\(HTML.escape(c["method"]?.stringValue ?? ""))</td>"
            html +=
                "<td>\(HTML.escape(c["fallbackReason"]?.stringValue ?? "preferred"))</td><td class=\"num\">\(HTML.number(c["value"]?.numberValue))</td>"
            html +=
                "<td class=\"num\">\(HTML.number((c["u"]?.numberValue ?? 0) * 100)) %</td><td>\(HTML.escape(c["tier"]?.stringValue ?? ""))</td></tr>"
        }
        return html + "</tbody></table></div>" + findings(r["findings"])
    }

    static func findings(_ list: JSONValue?) -> String {
        let items = list?.arrayValue ?? []
        guard !items.isEmpty else { return "<p class=\"check-ok\">Ready: no findings.</p>" }
        var html = "<h3>Readiness findings</h3><ul class=\"findings\">"
        for f in items {
            let severity = f["severity"]?.stringValue ?? ""
            html +=
                "<li class=\"\(severity == "CRITICAL" ? "check-bad" : "")\"><strong>\(HTML.escape(severity)) \(HTML.escape(f["code"]?.stringValue ?? ""))</strong>"
            if let source = f["source"]?.stringValue { html += " (\(HTML.escape(source)))" }
            html += ": \(HTML.escape(f["message"]?.stringValue ?? ""))</li>"
        }
        return html + "</ul>"
    }

    /// A locked snapshot (from a lock, a restatement or an enquiry).
    public static func snapshot(_ s: JSONValue) -> String {
        var html = "<h2>Snapshot \(HTML.id(s["snapshotId"]?.stringValue ?? "")), version \(HTML.number(s["version"]?.numberValue))</h2>"
        html += "<p>Content hash <code>\(HTML.escape(s["contentHash"]?.stringValue ?? ""))</code>"
        if s["contentHashVerified"] == .bool(true) { html += " <span class=\"check-ok\">✓ verified</span>" }
        html += " · ledger event \(HTML.number(s["ledgerSeq"]?.numberValue))"
        if let parent = s["parentSnapshotId"]?.stringValue { html += " · restates \(HTML.id(parent))" }
        if let next = s["supersededBy"]?.stringValue { html += " · <span class=\"superseded\">superseded by \(HTML.id(next))</span>" }
        html += "</p>"
        if let reason = s["reason"]?.stringValue { html += "<p>Reason: \(HTML.escape(reason))</p>" }
        if let o = s["override"], let why = o["justification"]?.stringValue {
            html +=
                "<p><strong>Override</strong> of \(HTML.escape((o["codes"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", "))): \(HTML.escape(why))</p>"
        }
        html +=
            "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Equipment</th><th scope=\"col\">Intensity</th><th scope=\"col\">u (k = 2)</th><th scope=\"col\">Tier</th><th scope=\"col\">Version</th></tr></thead><tbody>"
        for i in s["intensities"]?.arrayValue ?? [] {
            html += "<tr><td>\(HTML.id(i["equipmentId"]?.stringValue ?? ""))</td>"
            html +=
                "<td class=\"num\">\(HTML.number(i["perActivityUnit"]?.numberValue)) \(HTML.escape(i["perActivityUnitOf"]?.stringValue ?? ""))</td>"
            html +=
                "<td class=\"num\">\(HTML.number((i["uncertainty"]?["u"]?.numberValue ?? 0) * 100)) %</td><td>\(HTML.escape(i["tier"]?.stringValue ?? ""))</td>"
            html += "<td class=\"num\">\(HTML.number(i["version"]?.numberValue))</td></tr>"
        }
        html += "</tbody></table></div>"
        let corrected = s["correctedLots"]?.arrayValue ?? []
        if !corrected.isEmpty {
            html += "<h3>Lots corrected</h3><ul>"
            for l in corrected {
                html +=
                    "<li>\(HTML.id(l["lotId"]?.stringValue ?? "")): \(HTML.number(l["co2PerUnitBefore"]?.numberValue)) → \(HTML.number(l["co2PerUnit"]?.numberValue)) kg-CO2e per unit, version \(HTML.number(l["version"]?.numberValue))</li>"
            }
            html += "</ul>"
        }
        return html + findings(s["findings"])
    }

    public static func diff(_ d: JSONValue) -> String {
        func change(_ c: JSONValue?) -> String {
            "\(HTML.number(c?["before"]?.numberValue)) → \(HTML.number(c?["after"]?.numberValue)) (\(HTML.number(c?["delta"]?.numberValue)))"
        }
        var html = "<h2>What the restatement changed</h2><p>Reason: \(HTML.escape(d["reason"]?.stringValue ?? ""))</p>"
        html += "<p>Total \(HTML.escape(change(d["total"]))) t-CO2e · Scope 1 \(HTML.escape(change(d["scope1"])))</p><ul>"
        for c in d["components"]?.arrayValue ?? [] where c["changed"] == .bool(true) {
            html += "<li>\(HTML.escape(c["source"]?.stringValue ?? "")): \(HTML.escape(change(c["value"]))) t-CO2e</li>"
        }
        for i in d["intensities"]?.arrayValue ?? [] {
            html +=
                "<li>\(HTML.id(i["equipmentId"]?.stringValue ?? "")): \(HTML.escape(change(i["perActivityUnit"]))) \(HTML.escape(i["perActivityUnitOf"]?.stringValue ?? ""))</li>"
        }
        return html + "</ul>"
    }

    /// Data of other nodes' lots held here, and the receipts of deletions asked for.
    public static func held(_ held: JSONValue, receipts: JSONValue) -> String {
        var html = "<h2>Held here</h2>"
        let rows = held["held"]?.arrayValue ?? []
        if rows.isEmpty {
            html += "<p class=\"empty\">Nothing of other nodes' lots.</p>"
        } else {
            html +=
                "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Node</th><th scope=\"col\">Lot</th><th scope=\"col\">What</th><th scope=\"col\">Obtained</th></tr></thead><tbody>"
            for h in rows {
                html += "<tr><td>\(HTML.escape(h["node"]?.stringValue ?? ""))</td><td>\(HTML.id(h["lotId"]?.stringValue ?? ""))</td>"
                html +=
                    "<td>\(HTML.escape(h["kind"]?.stringValue ?? ""))</td><td>\(HTML.escape(h["obtainedAt"]?.stringValue ?? ""))</td></tr>"
            }
            html += "</tbody></table></div>"
        }
        let signed = receipts["receipts"]?.arrayValue ?? []
        html += "<h3>Deletion receipts</h3>"
        if signed.isEmpty { return html + "<p class=\"empty\">None yet.</p>" }
        return html
            + signed.compactMap(\.stringValue).map {
                "<textarea readonly rows=\"2\" aria-label=\"Deletion receipt\">\(HTML.escape($0))</textarea>"
            }.joined()
    }
}
