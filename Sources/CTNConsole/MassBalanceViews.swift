import CTNModel

/// The mass-balance answers as the console shows them: the carry-forward table, a batch's
/// status and exceptions, a dispatch's declaration to hand on, and the audit pack's summary.
public enum MassBalanceViews {
    static func mass(_ m: JSONValue?) -> String {
        guard let kg = m?["value"]?.numberValue else { return "–" }
        return abs(kg) >= 1000 ? "\(HTML.number(kg / 1000)) t" : "\(HTML.number(kg)) kg"
    }

    static func text(_ v: JSONValue?) -> String { HTML.escape(v?.stringValue ?? "–") }

    /// Every pool at the cut-off: booked, claimable, expired, and what expires next.
    public static func balances(_ r: JSONValue) -> String {
        let pools = r["balances"]?.arrayValue ?? []
        var html = "<h2>Pools at \(text(r["at"]))</h2>"
        guard !pools.isEmpty else { return html + "<p>No pool has moved yet: book a receipt.</p>" }
        html += "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Material</th><th scope=\"col\">Pool</th>"
        html += "<th scope=\"col\">Scheme</th><th scope=\"col\">Claim</th><th scope=\"col\">Booked</th><th scope=\"col\">Claimable</th>"
        html += "<th scope=\"col\">Expired</th><th scope=\"col\">Expiring</th></tr></thead><tbody>"
        for b in pools {
            let expiring = (b["expiring"]?.arrayValue ?? []).map { "\(mass($0["mass"])) on \(text($0["expiresAt"]))" }.joined(
                separator: "; ")
            html +=
                "<tr><td>\(text(b["material"]))</td><td>\(text(b["pool"]))</td><td>\(text(b["scheme"]))</td><td>\(text(b["claim"]))</td>"
            html += "<td class=\"num\">\(mass(b["mass"]))</td><td class=\"num\">\(mass(b["claimable"]))</td>"
            html += "<td class=\"num\">\(mass(b["expired"]))</td><td>\(expiring.isEmpty ? "–" : expiring)</td></tr>"
        }
        return html + "</tbody></table></div>"
    }

    static func exceptions(_ list: JSONValue?) -> String {
        let items = list?.arrayValue ?? []
        guard !items.isEmpty else { return "" }
        var html = "<ul class=\"findings\">"
        for e in items {
            let open = e["open"] != .bool(false)
            html += "<li class=\"\(open ? "check-bad" : "")\"><strong>\(text(e["code"]))</strong>: \(text(e["detail"]))"
            if e["open"] == .bool(false) {
                html += " — closed by correction \(HTML.id(e["correctedBy"]?["eventId"]?.stringValue ?? "")) and attestation "
                html += "\(HTML.id(e["closedBy"]?["eventId"]?.stringValue ?? ""))"
            }
            html += "</li>"
        }
        return html + "</ul>"
    }

    /// A batch, correction or attestation answer, or a batch enquiry.
    public static func batch(_ r: JSONValue) -> String {
        let status = r["status"]?.stringValue ?? ""
        var html = "<h2>Batch \(HTML.id(r["batchId"]?.stringValue ?? "")): "
        html += "<span class=\"\(status == "reconciled" ? "check-ok" : "check-bad")\">\(HTML.escape(status))</span></h2>"
        if let result = r["result"]?.stringValue { html += "<p>Attestation: \(HTML.escape(result))</p>" }
        html += exceptions(r["exceptions"])
        let output = r["certifiedOutput"]?.arrayValue ?? []
        if !output.isEmpty {
            html += "<p>Certified output: "
            html += output.map { o in
                let claimed = o["claimed"].map { " (\(mass($0)) claimed)" } ?? ""
                return "\(text(o["material"])) \(mass(o["mass"] ?? o["credited"])) \(text(o["scheme"]))\(claimed)"
            }.joined(separator: "; ")
            html += "</p>"
        }
        return html
    }

    /// A dispatch: the share, and the declaration to hand to the consignee.
    public static func dispatch(_ r: JSONValue) -> String {
        var html = "<h2>Dispatched \(mass(r["mass"])), \(mass(r["certifiedMass"])) certified "
        html += "(share \(HTML.number((r["certifiedShare"]?.numberValue ?? 0) * 100)) %)</h2>"
        if let jws = r["declaration"]?.stringValue {
            html +=
                "<p>Declaration \(HTML.id(r["declarationId"]?.stringValue ?? "")): give it to the consignee, who books it on its node.</p>"
            html += "<textarea readonly rows=\"5\" class=\"declaration\" aria-label=\"Declaration\">\(HTML.escape(jws))</textarea>"
        }
        return html
    }

    /// The audit pack in brief: ledger and slices verified, exceptions, declarations, events.
    public static func audit(_ r: JSONValue) -> String {
        let ledger = r["ledger"] ?? .null
        let slices = r["slices"] ?? .null
        let ok = ledger["verified"] == .bool(true) && slices["verified"] == .bool(true)
        var html = "<h2>Audit pack \(text(r["period"]?["from"])) to \(text(r["period"]?["to"]))</h2>"
        html += "<p class=\"\(ok ? "check-ok" : "check-bad")\">\(ok ? "✓" : "✗") ledger "
        html +=
            "\(ledger["verified"] == .bool(true) ? "verified" : "NOT verified") (positions \(HTML.number(ledger["firstSeq"]?.numberValue))"
        html += " to \(HTML.number(ledger["lastSeq"]?.numberValue))); \((slices["sealed"]?.arrayValue ?? []).count) hour slices "
        html += "\(slices["verified"] == .bool(true) ? "re-hashed and chained" : "NOT verified")</p>"
        html += "<h3>Exceptions</h3>" + (exceptions(r["exceptions"]).isEmpty ? "<p>None.</p>" : exceptions(r["exceptions"]))
        html += "<h3>Declarations</h3><ul>"
        for d in r["declarations"]?.arrayValue ?? [] {
            html +=
                "<li>\(text(d["direction"])) \(HTML.id(d["declarationId"]?.stringValue ?? "")): \(mass(d["certifiedMass"])) certified of "
            html += "\(mass(d["mass"])), \(text(d["scheme"]))</li>"
        }
        html += "</ul><h3>Events (\((r["events"]?.arrayValue ?? []).count))</h3><div class=\"table-wrap\"><table><thead><tr>"
        html +=
            "<th scope=\"col\">Ledger</th><th scope=\"col\">Time</th><th scope=\"col\">Kind</th><th scope=\"col\">Batch</th></tr></thead><tbody>"
        for e in r["events"]?.arrayValue ?? [] {
            html += "<tr><td class=\"num\">\(HTML.number(e["ledgerSeq"]?.numberValue))</td><td>\(text(e["time"]))</td>"
            html += "<td>\(text(e["kind"]))</td><td>\(e["batchId"]?.stringValue.map(HTML.id) ?? "–")</td></tr>"
        }
        return html + "</tbody></table></div>"
    }
}
